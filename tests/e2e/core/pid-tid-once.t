# A clause that reads pid and tid more than once reads them with one helper
# call at its start (-S shows one call), and they are still right.
RUN: dtrace -S -n 'syscall::getppid:entry /pid != 0/ { printf("%d %d\n", pid, tid); }' -e 2>&1 | grep -c pid_tgid && $DTRACE -qn 'syscall::getppid:entry /pid == $target/ { printf("%d %d %d\n", pid == $target, tid == pid, tid != 0); exit(0); }' -c $TRIGGERS/getppid-loop
STDOUT:
1
1 1 1

