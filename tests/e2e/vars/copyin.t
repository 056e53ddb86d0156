# copyin() reads user memory into scratch; a bad address goes to ERROR.
RUN: dtrace -qn 'syscall::write:entry /pid == $target/ { s = (string)copyin(arg1, 8); printf("%s %c\n", s, s[1]); exit(0); } BEGIN { copyin(0, 8); }' -c "$TRIGGERS/periodic_output"
STDOUT:
periodic e

STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): invalid address (0x0) at BPF pc
