# Kernel types from BTF: stable layouts of struct list_head and
# struct callback_head, with and without the vmlinux` scope; curthread's
# members are typed (sizeof needs no code generation).
RUN: dtrace -qn 'BEGIN { printf("%d %d %d %d\n", sizeof(struct list_head), offsetof(struct vmlinux`list_head, prev), sizeof(struct callback_head), sizeof(curthread->pid)); exit(0); }'
STDOUT:
16 8 16 4

