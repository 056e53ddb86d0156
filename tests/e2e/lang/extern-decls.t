# extern declarations name kernel objects: an array's size may be left out;
# a D array still needs a dimension or a tuple signature (D_DECL_ARRNULL).
RUN: dtrace -qn 'extern int a1[]; extern int a3[123][456]; BEGIN { trace("ok"); exit(0); }' && $DTRACE -xerrtags -qn 'int a[]; BEGIN { exit(0); }'
EXIT: 1
STDOUT:
ok
STDERR-CONTAINS: [D_DECL_ARRNULL] line 1: array declaration requires array dimension or tuple signature: a
