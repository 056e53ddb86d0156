# -S shows the generated BPF: the trampoline and the clause subprogram.
RUN: dtrace -S -e -n 'syscall::getppid:entry, syscall::getpid:entry { n++; }'
STDERR-CONTAINS: call bpf_get_attach_cookie
STDERR-CONTAINS: clause_0:
