# A __data_loc string (sched_process_exec's filename) and typed integers.
RUN: dtrace -wqn 'BEGIN { system($$1); } sdt:sched::sched_process_exec /args[1] != 0 && basename(stringof(args[0])) == "rename-self"/ { printf("%s %d\n", basename(stringof(args[0])), args[1] == pid); exit(0); }' $TRIGGERS/rename-self
STDOUT:
rename-self 1

