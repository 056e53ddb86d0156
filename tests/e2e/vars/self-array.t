# Thread-local associative arrays, self->a[key]: each thread has its own
# elements (dtrace's BEGIN thread's 100 is not the traced thread's), ++
# works on them, and a key type mismatch is DTrace's error.
RUN: $DTRACE -qn 'BEGIN { self->a["k"] = 100; } syscall::getppid:entry /pid == $target/ { self->a["k"]++; self->b[pid, "x"] = 7; } syscall::getppid:return /pid == $target && self->a["k"] == 3/ { printf("%d %d %d\n", self->a["k"], self->b[pid, "x"], self->b[0, "x"]); exit(0); }' -c "$TRIGGERS/getppid-loop 5"; $DTRACE -xerrtags -qn 'BEGIN { self->x[123] = curthread; self->x[456] = pid; }' 2>&1 | sed 's/:.*\[/: [/'
STDOUT:
3 7 0

dtrace: [D_OP_INCOMPAT] line 1: operands have incompatible types: "struct task_struct *" = "int"
