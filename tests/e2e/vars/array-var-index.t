# Elements of array variables (global and this->) at a computed index, read
# and written; an index past the array is DTrace's "index out of bounds".
RUN: $DTRACE -qn 'int a[5]; this int t[3]; BEGIN { i = 2; a[i] = 12345678; a[i + 1] = -3; this->t[i] = 9; printf("%d %d %d %d\n", a[i], a[3], this->t[2], a[0]); } BEGIN { i = 5; a[i] = 1; } ERROR { exit(0); }' 2>&1 | sed 's/pc [0-9]*/pc N/'
STDOUT:
12345678 -3 9 0
dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): index out of bounds (5) at BPF pc N

