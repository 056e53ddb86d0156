# A declared thread-local associative array (self int a[int]) is
# self->a[...]: it may be read before any store (0), and the global a[...]
# is another array.
RUN: $DTRACE -qn 'self int a[int]; BEGIN { printf("%d ", self->a[1]); self->a[1] = 5; a[1] = 7; printf("%d %d %d\n", self->a[1], self->a[2], a[1]); exit(0); }'
STDOUT:
0 5 0 7

