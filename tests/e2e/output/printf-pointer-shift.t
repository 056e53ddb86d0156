# %p prints an address as %x does (%#p with 0x), and a shift takes the usual
# conversions of both operands, as in DTrace: 1 << an int64_t is 64 bits.
RUN: dtrace -qn 'int64_t s; BEGIN { s = 31; printf("[%p|%#p|%12p]\n", (void *)0x12345678, (int *)0x90ab, (uintptr_t)0x67890abc); printf("[%d|%d|%d]\n", 1 << s, -(1 << s), (1 << 31)); exit(0); }'
STDOUT:
[12345678|0x90ab|    67890abc]
[2147483648|-2147483648|-2147483648]

