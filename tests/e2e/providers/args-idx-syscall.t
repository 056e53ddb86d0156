RUN: $DTRACE -xerrtags -n 'syscall::openat:entry { trace(args[4]); }'; echo "rc=$?"
STDOUT:
rc=1
STDERR:
dtrace: invalid probe specifier syscall::openat:entry { trace(args[4]); }: [D_ARGS_IDX] line 1: index 4 is out of range for syscall::openat:entry args[ ]
