# trace() of a struct or union: its bytes, laid out as tracemem() shows
# them (a global struct here, with C's padding).
RUN: dtrace -qn 'struct { int a; char b; int c; } st; BEGIN { st.a = 0x1234; st.b = 0; st.c = 0x9876; trace(st); exit(0); }'
STDOUT:

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 34 12 00 00 00 00 00 00 76 98 00 00              4.......v...

