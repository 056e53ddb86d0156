# syscall return: arg0 and arg1 are the return value (getppid's parent pid).
RUN: dtrace -qn 'syscall::getppid:return /pid == $target/ { printf("%d\n", arg0 == ppid && arg1 == arg0); }' -c '$TRIGGERS/getppid-loop 1'
STDOUT:
1

