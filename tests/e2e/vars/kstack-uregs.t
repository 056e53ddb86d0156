# stackdepth counts the frames stack() prints and caller is the first of
# them (the function that hit the tracepoint, also when the tracepoint is
# shared: kstack-shared.t); uregs[] holds the user
# registers at the system call: the arguments in rdi/rsi, the call number
# in R_ERR (orig_rax), the pc that ustack() starts at.  A constant index
# past R_TRAPNO is refused; a run-time one is an illegal operation.
RUN: $DTRACE -qn 'syscall::openat:entry /pid == $target/ { printf("%d %a\n", stackdepth, caller); stack(); printf("regs %d %d %d %d\n", uregs[R_ERR], (int)uregs[R_RDI], uregs[R_RSI] == arg1, uregs[R_SP] != 0); printf("%A\n", uregs[R_PC]); ustack(1); } syscall::openat:entry /pid == $target/ { n = 26; trace(uregs[n]); }' -c "$TRIGGERS/open" | awk -f kstack-uregs.awk; $DTRACE -n 'BEGIN { trace(uregs[26]); }'
EXIT: 1
STDOUT:
depth ok
caller ok
257 -100 1 1
pc ok
STDERR-CONTAINS: illegal operation at BPF pc
STDERR-CONTAINS: dtrace: invalid probe specifier BEGIN { trace(uregs[26]); }: line 1: uregs[]: index out of bounds (26)
