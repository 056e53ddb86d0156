# An associative array element of struct type assigned 0 is deleted, which
# makes room for another under -x dynvarsize (two elements here); a store
# that finds no room is a dynamic variable drop and the element reads 0.
RUN: $DTRACE -qx dynvarsize=32 -n 'struct p { long v; }; struct p x[int]; BEGIN { x[1].v = 1; x[2].v = 2; x[1] = 0; x[3].v = 3; x[4].v = 4; printf("%d %d %d %d\n", x[1].v, x[2].v, x[3].v, x[4].v); exit(0); }'
STDOUT:
0 2 3 0

STDERR:
dtrace: 1 dynamic variable drop
