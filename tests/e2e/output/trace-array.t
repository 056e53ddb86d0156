# trace() of an array that is not a char array (a D global's, a kernel
# struct's member) shows its bytes as tracemem() does; an aggregation
# keyed by an array is refused.
RUN: dtrace -qn 'int a[4]; BEGIN { a[1] = 0x41424344; trace(a); exit(0); }' && $DTRACE -qn 'BEGIN { trace(curthread->pending.signal.sig); exit(0); }' | grep -c '0: 00 00 00 00 00 00 00 00' && $DTRACE -qn 'int a[4]; BEGIN { @[a] = count(); exit(0); }'
EXIT: 1
STDOUT:

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 00 00 00 00 44 43 42 41 00 00 00 00 00 00 00 00  ....DCBA........

1
STDERR-CONTAINS: aggregation keys of type int [4] are not supported yet
