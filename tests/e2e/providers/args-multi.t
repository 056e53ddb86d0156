RUN: $DTRACE -xerrtags -n 'syscall::read*:entry { trace(args[0]); }'; echo "rc=$?"
STDOUT:
rc=1
STDERR:
dtrace: invalid probe specifier syscall::read*:entry { trace(args[0]); }: [D_ARGS_MULTI] line 1: args[ ] may not be referenced because probe description syscall::read*:entry matches an unstable set of probes
