# Tracing does not start when a record cannot fit in the principal buffer,
# when under the fill policy END's records cannot, or when the buffer cannot
# be made and -x bufresize=manual forbids making it smaller.
RUN: dtrace -x bufsize=0 -n 'BEGIN { exit(0); }'; $DTRACE -x bufsize=100 -n 'BEGIN { trace(execname); exit(0); }'; $DTRACE -x bufpolicy=fill -x bufsize=100 -n 'BEGIN { exit(0); } END { trace(execname); }'; $DTRACE -x bufresize=manual -b 16g -n 'BEGIN { exit(0); }'; $DTRACE -x bufpolicy=wrap -n 'BEGIN { exit(0); }'
EXIT: 1
STDERR:
dtrace: description 'BEGIN { exit(0); }' matched 1 probe
dtrace: could not enable tracing: Enabling exceeds size of buffer
dtrace: description 'BEGIN { trace(execname); exit(0); }' matched 1 probe
dtrace: could not enable tracing: Enabling exceeds size of buffer
dtrace: description 'BEGIN { exit(0); } END { trace(execname); }' matched 2 probes
dtrace: could not enable tracing: END enablings exceed size of principal buffer
dtrace: description 'BEGIN { exit(0); }' matched 1 probe
dtrace: could not enable tracing: Not enough space
dtrace: failed to set -x bufpolicy: Invalid value for specified option
