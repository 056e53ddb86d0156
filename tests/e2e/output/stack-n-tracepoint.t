# stack(n) on a tracepoint probe records n frames of the traced kernel
# code (the tracing frame that ran the program is not one of them).
RUN: dtrace -qn 'syscall::getppid:entry /pid == $target/ { stack(3); exit(0); }' -c $TRIGGERS/getppid-loop | grep -c 'vmlinux`'
STDOUT:
3
