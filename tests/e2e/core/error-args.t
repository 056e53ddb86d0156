# The ERROR probe's arguments, as DTrace on BPF gives them: arg1 the
# faulting probe's ID, arg2 the clause (dt_clause_N), arg4 the fault kind
# (DTRACEFLT_* from the D library), arg5 the address; a member read through
# a NULL pointer faults at address 0, while & of such a member is only an
# offset.
RUN: dtrace -qn 'BEGIN { myid = id; } BEGIN { i = 0; j = 1 % i; } BEGIN { trace(((struct task_struct *)NULL)->pid); } BEGIN { printf("%d\n", (uintptr_t)&((struct task_struct *)0)->pid == offsetof(struct task_struct, pid)); exit(0); } ERROR { printf("%d %d %d %d %d\n", arg1 == myid, arg2, arg4 == DTRACEFLT_DIVZERO, arg4 == DTRACEFLT_BADADDR, arg5); }'
STDOUT:
1 1 1 0 0
1 2 0 1 0
1

STDERR-CONTAINS: dtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): invalid address (0x0) at BPF pc
