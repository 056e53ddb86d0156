# Destructive actions need -w (or #pragma D option destructive).
RUN: dtrace -qn 'BEGIN { system("echo no"); exit(0); }'
EXIT: 1
STDOUT:
STDERR:
dtrace: could not enable tracing: Destructive actions not allowed
