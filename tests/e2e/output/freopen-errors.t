# freopen() is destructive, may not name "." or "..", and a file it cannot
# open ends tracing: DTrace's "processing aborted" and exit status 1.
RUN: dtrace -qn 'BEGIN { freopen("/tmp/x"); }'; $DTRACE -xerrtags -wqn 'BEGIN { freopen(".."); }'; $DTRACE -wqn 'BEGIN { ftruncate(1); }'; $DTRACE -wqn 'BEGIN { freopen("/nonexistent/dir/file"); printf("lost\n"); exit(0); }'
EXIT: 1
STDOUT:
STDERR:
dtrace: could not enable tracing: Destructive actions not allowed
dtrace: invalid probe specifier BEGIN { freopen(".."); }: [D_FREOPEN_INVALID] line 1: freopen( ) argument #1 cannot be ".."
dtrace: invalid probe specifier BEGIN { ftruncate(1); }: line 1: ftruncate( ) prototype mismatch: 1 arg passed, 0 expected
dtrace: processing aborted: No such file or directory
