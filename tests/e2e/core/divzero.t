# A runtime fault fires ERROR's message and the program goes on.
RUN: dtrace -qn 'BEGIN { x = 0; printf("%d\n", 1 / x); } BEGIN { printf("after\n"); exit(0); }'
EXIT: 0
STDOUT:
after

STDERR-CONTAINS: divide-by-zero at BPF pc
