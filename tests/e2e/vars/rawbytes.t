# -x rawbytes: a trace()d string is shown as the bytes of its field,
# strsize characters and the NUL, zero past the string's end.
RUN: dtrace -x rawbytes -x strsize=6 -qn 'BEGIN { trace(strjoin("ab", "c")); trace(probeprov); trace(strjoin(probename, "xy")); exit(0); }'
STDOUT:

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 61 62 63 00 00 00 00                             abc....

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 64 74 72 61 63 65 00                             dtrace.

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 42 45 47 49 4e 78 00                             BEGINx.

