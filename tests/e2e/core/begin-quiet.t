RUN: dtrace -qn 'BEGIN { printf("hello, %s %d\n", "world", 42); exit(0); }'
STDOUT:
hello, world 42

STDERR:
