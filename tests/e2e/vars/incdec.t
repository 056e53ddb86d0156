# Pre/post increment and decrement and compound assignment yield the right
# value on globals, self->, this->, associative array elements, global
# struct members and memory through pointers (char wraps as its type does;
# %d shows a 1-byte value unsigned, as DTrace).
RUN: dtrace -s incdec.d
STDOUT:
post++ 5 5 5 5 5
pre++  7 7 7 7 7
post-- 7 7 7 7 7
pre--  5 5 5 5 5
now    5 5 5 5 5
mem    5 0 127
mem    6 -1 127
mem    10 -4
deref  11
keys   2 2 5
ptrs   4 12 0

