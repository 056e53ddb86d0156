# Several raw tracepoints in one clause (cookies tell them apart).
RUN: dtrace -qn 'rawtp:task::task_rename, rawtp:sched::sched_process_exit /pid == $target/ { printf("%s\n", probename); }' -c $TRIGGERS/rename-self
STDOUT:
task_rename
sched_process_exit

