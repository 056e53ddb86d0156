# alloca() of a constant larger than -x scratchsize (DTrace's default 256)
# is refused when the script compiles, with DTrace's D_ALLOCA_SIZE error.
RUN: dtrace -xerrtags -qn 'BEGIN { p = alloca(257); }'; $DTRACE -x scratchsize=1024 -qn 'BEGIN { p = alloca(1000); trace(p != NULL); exit(0); }'; $DTRACE -x scratchsize=1024 -qn 'BEGIN { p = alloca(1025); }'
EXIT: 1
STDOUT:
1
STDERR-CONTAINS: [D_ALLOCA_SIZE] line 1: alloca(257) size larger than scratchsize 256
STDERR-CONTAINS: line 1: alloca(1025) size larger than scratchsize 1024
