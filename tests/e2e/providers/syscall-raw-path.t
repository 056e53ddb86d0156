# Many syscall probes go through one raw_syscalls program with an
# in-kernel filter; arguments still arrive (arg1 as a word).
RUN: dtrace -qn 'syscall:::entry /pid == $target && probefunc == "openat"/ { printf("%s %s\n", probefunc, copyinstr(arg1)); } syscall:::return /pid == $target && probefunc == "openat"/ { printf("%s %d\n", probename, arg0 >= 0); }' -c $TRIGGERS/rename-self
STDOUT:
openat /dev/null
return 1

