# args[] errors, in DTrace's words.
RUN: $DTRACE -xerrtags -n 'BEGIN { trace(args[0]); }'; echo "rc=$?"
STDOUT:
rc=1
STDERR:
dtrace: invalid probe specifier BEGIN { trace(args[0]); }: [D_ARGS_IDX] line 1: index 0 is out of range for :::BEGIN args[ ]
