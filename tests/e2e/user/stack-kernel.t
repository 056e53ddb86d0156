# stack() in a syscall probe: kernel frames from kallsyms; in a pid probe
# the kernel stack is empty.
RUN: dtrace -q -n 'syscall::getppid:entry /pid == $target/ { stack(); exit(0); }' -c "$TRIGGERS/getppid-loop" | grep -c 'vmlinux`do_syscall_64+0x'; $DTRACE -q -n 'pid$target:a.out:square:entry { @[stack()] = count(); }' -c "$TRIGGERS/user-funcs 2"
STDOUT:
1


                2
