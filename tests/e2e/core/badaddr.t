RUN: dtrace -qn 'BEGIN { trace(*(int *)8); } BEGIN { printf("after\n"); exit(0); }'
STDOUT:
after

STDERR-CONTAINS: invalid address (0x8) in action #1
