# Strings stored through pointers into alloca'd memory (*p = s, p[i] = s)
# and read back through them; a store with less room than a string's size
# is an invalid address, as the store would cross the allocation (the
# default scratchsize, 256, has no room for two strings).
RUN: dtrace -x scratchsize=1024 -qn 'BEGIN { x = (string *)alloca(sizeof(string) * 2); *x = "abc"; x[1] = strjoin(*x, "def"); printf("%s %s %d\n", *x, x[1], strlen(x[1])); *x = x[1]; trace(*x); } BEGIN { y = (string *)alloca(8); *y = "abc"; } BEGIN { exit(0); }'
STDOUT:
abc abcdef 6
abcdef
STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): invalid address (0x
