# tracemem(): the bytes at an address (user memory here: write(2)'s buffer)
# as DTrace dumps them; a dynamic size shortens the dump, a negative one or
# one past the static size does not, zero prints nothing.
RUN: dtrace -qn 'syscall::write:entry /pid == $target/ { tracemem(arg1, 18); tracemem(arg1, 18, 5); tracemem(arg1, 18, 0); tracemem(arg1, 18, -1); tracemem(arg1, 18, 40); }' -c '/bin/echo Linux version 6.1'
STDOUT:
Linux version 6.1

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 4c 69 6e 75 78 20 76 65 72 73 69 6f 6e 20 36 2e  Linux version 6.
        10: 31 0a                                            1.

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 4c 69 6e 75 78                                   Linux

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 4c 69 6e 75 78 20 76 65 72 73 69 6f 6e 20 36 2e  Linux version 6.
        10: 31 0a                                            1.

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 4c 69 6e 75 78 20 76 65 72 73 69 6f 6e 20 36 2e  Linux version 6.
        10: 31 0a                                            1.

