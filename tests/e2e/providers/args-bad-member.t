RUN: $DTRACE -n 'rawtp:sched::sched_switch { trace(args[1]->no_such_member); }'; echo "rc=$?"
STDOUT:
rc=1
STDERR:
dtrace: invalid probe specifier rawtp:sched::sched_switch { trace(args[1]->no_such_member); }: line 1: no_such_member is not a member of struct task_struct
