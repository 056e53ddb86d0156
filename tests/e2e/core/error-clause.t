# A user ERROR clause sees DTrace's ERROR arguments: arg4 is the fault
# (4: divide-by-zero), arg5 the address.
RUN: dtrace -qn 'BEGIN { x = 0; y = 1 / x; } ERROR { printf("fault %d\n", arg4); } BEGIN { exit(0); }'
STDOUT:
fault 4

STDERR-CONTAINS: divide-by-zero at BPF pc
