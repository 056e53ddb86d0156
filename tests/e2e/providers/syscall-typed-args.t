# syscall entry args[] are typed as the syscall's tracepoint fields;
# return args[0] and args[1] are the return value (long).
RUN: dtrace -qn 'syscall::openat:entry /pid == $target/ { printf("%s %d %d\n", copyinstr(args[1]), args[0], args[2]); } syscall::openat:return /pid == $target/ { printf("%d %d\n", args[0] == args[1], args[0] >= 0); }' -c $TRIGGERS/rename-self
STDOUT:
/dev/null -100 0
1 1

