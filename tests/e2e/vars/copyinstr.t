# copyinstr() of a user string, in a predicate and in printf; strlen();
# a bad user address faults to the ERROR line and the program goes on.
RUN: dtrace -qn 'syscall::openat:entry /pid == $target && copyinstr(arg1) == "/etc/hostname"/ { printf("%s %d %s\n", copyinstr(arg1), strlen(copyinstr(arg1)), copyinstr(arg1, 4)); } END { trace(copyinstr(16)); }' -c 'head -c0 /etc/hostname'
STDOUT:
/etc/hostname 13 /et

STDERR-CONTAINS: invalid address (0x10) at BPF pc
