# A kernel typedef alone in parentheses is a cast (as in DTrace, where the
# kernel's types are in scope): (uint)-1, (u8)257, (u32 *); a parenthesized
# variable stays a variable.
RUN: dtrace -qn 'BEGIN { x = 3; p = (u32 *)0; printf("%d %d %d %d %d\n", (uint)-12345 > 0, (u8)257, (x) - 1, sizeof (u32), p == NULL); exit(0); }'
STDOUT:
1 1 2 4 1

