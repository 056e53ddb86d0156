# A variable holds alloca() pointers or other pointers, never both (NULL
# goes with either), and a conditional mixing the two cannot be stored.
RUN: $DTRACE -xerrtags -qn 'BEGIN { a = (char *)alloca(1); a = NULL; trace(a); } BEGIN { a = (char *)curthread; }'; $DTRACE -xerrtags -qn 'BEGIN { a = (char *)alloca(1); a = a == NULL ? (char *)50 : a; }'; $DTRACE -qn 'BEGIN { a = (char *)alloca(2); b = a + 1; a = b; c = (char *)curthread; c = c + 8; printf("ok\n"); exit(0); }'
STDOUT:
ok

STDERR:
dtrace: invalid probe specifier BEGIN { a = (char *)alloca(1); a = NULL; trace(a); } BEGIN { a = (char *)curthread; }: [D_ALLOCA_INCOMPAT] line 1: a: cannot reuse the same identifier for both alloca and non-alloca allocations
dtrace: invalid probe specifier BEGIN { a = (char *)alloca(1); a = a == NULL ? (char *)50 : a; }: [D_ALLOCA_INCOMPAT] line 1: ternary conditional with alloca and non-alloca branches cannot be assigned to a variable
