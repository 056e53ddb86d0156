# -x strsize=4096: strings of 4096 characters everywhere strings go.
RUN: dtrace -s strsize-large.d
STDOUT:
4096 4096 4096 4096 4096
abcdef 4015 4078
4096 4096
89abcdef
0123456789 abcdef 1

