# This kernel (lockdown) withholds bpf_probe_write_user: copyout() and
# copyoutstr() are refused at compile time with the reason.
RUN: dtrace -wqn 'syscall::openat:entry /pid == $target/ { copyoutstr("/dev/zzzz", arg1, 10); }' -c "$TRIGGERS/open"
EXIT: 1
STDERR-CONTAINS: copyoutstr( ) is not available: this kernel does not let BPF programs write user memory (lockdown)
