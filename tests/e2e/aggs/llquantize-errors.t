# llquantize()'s arguments are checked as DTrace checks them.
RUN: dtrace -xerrtags -n 'BEGIN { @ = llquantize(1, 10, 0, 6, 25); }'; $DTRACE -xerrtags -n 'BEGIN { @ = llquantize(1, 1, 0, 6, 20); }'; $DTRACE -xerrtags -n 'BEGIN { @ = llquantize(1, 10, 3, 2, 20); }'; $DTRACE -xerrtags -n 'BEGIN { @ = llquantize(0, 10, 0, 6, 20); @ = llquantize(0, 10, 0, 6, 50); }'; $DTRACE -xerrtags -n 'BEGIN { @ = llquantize(1, 10, 0, 6, 20, ""); }'
EXIT: 1
STDERR:
dtrace: invalid probe specifier BEGIN { @ = llquantize(1, 10, 0, 6, 25); }: [D_LLQUANT_STEPVAL] line 1: llquantize() argument #4 (steps) must be a multiple of argument #1 (factor) when steps>factor
dtrace: invalid probe specifier BEGIN { @ = llquantize(1, 1, 0, 6, 20); }: [D_LLQUANT_FACTORVAL] line 1: llquantize( ) argument #1 must be an unsigned 16-bit quantity greater than or equal to 2
dtrace: invalid probe specifier BEGIN { @ = llquantize(1, 10, 3, 2, 20); }: [D_LLQUANT_HMAGVAL] line 1: llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low magnitude)
dtrace: invalid probe specifier BEGIN { @ = llquantize(0, 10, 0, 6, 20); @ = llquantize(0, 10, 0, 6, 50); }: [D_LLQUANT_MATCHSTEPS] line 1: llquantize() steps (argument #4) doesn't match previous declaration: expected 20, found 50
dtrace: invalid probe specifier BEGIN { @ = llquantize(1, 10, 0, 6, 20, ""); }: [D_PROTO_ARG] line 1: llquantize( ) increment value (argument #6) must be of scalar type
