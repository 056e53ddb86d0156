RUN: dtrace -qn 'BEGIN { trace(*(int *)8); } BEGIN { printf("after\n"); exit(0); }'
STDOUT:
after

STDERR-CONTAINS: dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid address (0x8) at BPF pc
