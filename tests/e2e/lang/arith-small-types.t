# DTrace's arithmetic on char and short: no promotion to int (the operand of
# higher rank gives the type, so unsigned char + char wraps at 256), %d
# follows the value's type (unsigned values print unsigned), and a cast of a
# constant folds to its low bits ((char)0x1ef prints 239) while widening a
# signed constant extends its sign.
RUN: dtrace -qn 'signed char c; unsigned char C; unsigned long long L; BEGIN { c = -3; C = 254; printf("%d %d %d\n", c + c, C + c, C + C); c = 3; printf("%d\n", C + c); L = -2; printf("%d %d %d %d\n", L, (char)0x1ef, (long long)(signed char)(-1), (unsigned short)(-1)); exit(0); }'
STDOUT:
-6 251 252
1
18446744073709551614 239 -1 65535

