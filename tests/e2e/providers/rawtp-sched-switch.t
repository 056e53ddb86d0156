# rawtp probes: the raw tracepoint behind each event, args[] typed from the
# kernel BTF (sched_switch: bool preempt, struct task_struct *prev, *next).
RUN: dtrace -qn 'rawtp:sched::sched_switch /args[1]->pid == $target/ { printf("%s %d %d\n", stringof(args[1]->comm), args[2]->pid != $target, curthread == args[1]); exit(0); }' -c $TRIGGERS/rename-self
STDOUT:
dt-renamed 1 1

