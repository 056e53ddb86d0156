# d_execargs(task) and psinfo_t's pr_psargs: the process's arguments as ps
# shows them (NULs between them as spaces, no trailing space), read at
# exec-success; a task without memory (the idle task, a kernel thread)
# shows its name (any kernel thread the CPU switches to: the idle task
# only runs on an idle machine).
RUN: printf '#!/bin/sh\n/bin/echo a  b "c d" > /dev/null\nsleep 0.2\n' > psargs.tmp.sh && chmod +x psargs.tmp.sh && $DTRACE -qn 'proc:::exec-success /ppid == $target && execname == "echo"/ { printf("[%s] [%s]\n", curpsinfo->pr_psargs, d_execargs(curthread)); } rawtp:sched::sched_switch /args[2]->mm == NULL/ { same += d_execargs(args[2]) == stringof(args[2]->comm); differ += d_execargs(args[2]) != stringof(args[2]->comm); } END { printf("[%d %d]\n", same > 0, differ); }' -c ./psargs.tmp.sh; rm -f psargs.tmp.sh
STDOUT:
[/bin/echo a b c d] [/bin/echo a b c d]
[1 0]

