# errno: the error of the system call returning (EBADF from ioctl(-1)),
# 0 at entry.
RUN: dtrace -qn 'syscall::ioctl:return /pid == $target/ { printf("%d %d\n", errno, (int)arg0); exit(0); } syscall::ioctl:entry /pid == $target/ { printf("entry %d\n", errno); }' -c "$TRIGGERS/bogus-ioctl"
STDOUT:
entry 0
9 -9

