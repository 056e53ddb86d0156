# Kernel memory through typed pointers (BTF): members, nested members,
# char arrays as strings, array elements; a bad pointer faults.
RUN: dtrace -qn 'syscall::openat:entry /pid == $target/ { printf("%d %d %d %d %d %s\n", curthread->tgid == pid, curthread->pid == tid, curthread->real_parent->tgid == ppid, stringof(curthread->comm) == execname, curthread->comm[0] == execname[0], curthread->comm); exit(0); } BEGIN { trace(((struct task_struct *)16)->pid); }' -c "$TRIGGERS/open"
STDOUT:
1 1 1 1 1 open

STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): invalid address
