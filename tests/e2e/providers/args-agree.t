# Probes that agree on an argument's type may share it.
RUN: dtrace -e -n 'syscall::openat:entry, syscall::openat2:entry { trace(copyinstr(args[1])); }'; echo "rc=$?"
STDOUT:
rc=0
