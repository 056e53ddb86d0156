# sdt probes: every tracefs event as sdt:CATEGORY::EVENT, args[] typed from
# the event's record fields (char arrays as strings, __data_loc strings by
# address).
RUN: dtrace -qn 'sdt:task::task_rename /pid == $target/ { printf("%d [%s] [%s] %d\n", args[0] == pid, stringof(args[1]), stringof(args[2]), args[3]); exit(0); }' -c $TRIGGERS/rename-self
STDOUT:
1 [rename-self] [dt-renamed] 0

