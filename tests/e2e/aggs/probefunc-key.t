# probefunc as an aggregation key (the probe-string table), counted per
# syscall for a traced process.
RUN: dtrace -qn 'syscall::getppid:entry,syscall::getpid:entry /pid == $target/ { @[probefunc] = count(); }' -c '$TRIGGERS/getppid-loop 3'
STDOUT:

  getppid                                                           3
