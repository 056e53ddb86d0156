# DTrace reports a faulting byte load made for trace() from a small address
# in decimal; every other fault address is hex (here a member read in
# trace(), and a byte read in trace() past the top of alloca'd memory).
RUN: dtrace -qn 'BEGIN { trace(*(char *)1); } BEGIN { trace(((struct task_struct *)NULL)->pid); } BEGIN { x = *(int *)64; } BEGIN { s = (char *)alloca(15); trace(s[16]); } BEGIN { exit(0); }'
STDERR-CONTAINS: dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid address (1) at BPF pc
STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): invalid address (0x
STDERR-CONTAINS: dtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): invalid address (0x40) at BPF pc
STDERR-CONTAINS: dtrace: error in dt_clause_3 for probe ID 1 (dtrace:::BEGIN): invalid address (0x
