# Integer arithmetic with C semantics: signed division, shifts, casts, ternary.
RUN: dtrace -qn 'BEGIN { a = -7; b = 2; printf("%d %d %d %d %d %d %d\n", a / b, a % b, a >> 1, (unsigned int)a >> 28, (char)300, a < 0 ? 1 : 2, 0x10 | 3); exit(0); }'
STDOUT:
-3 -1 -4 15 44 1 19

