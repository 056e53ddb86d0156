# jstack(): Linux has no JVM stack helpers, so it records the user stack
# as ustack() does.
RUN: dtrace -qn 'syscall::getppid:entry /pid == $target/ { jstack(); exit(0); }' -c $TRIGGERS/getppid-loop | grep -c 'libc.so.6`syscall+'
STDOUT:
1
