# An aggregation that never fired prints nothing.
RUN: dtrace -qn 'BEGIN { exit(0); } syscall::getppid:entry /0/ { @ = count(); }'
STDOUT:

