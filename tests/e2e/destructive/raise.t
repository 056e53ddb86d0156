# raise() signals the process that fired the probe; stop() stops it.
RUN: dtrace -wqn 'syscall::ioctl:entry /pid == $target/ { raise(SIGKILL); }' -c "$TRIGGERS/bogus-ioctl"; echo "status $?"
TIMEOUT: 20
STDOUT:

status 0
