# sched provider: on-cpu runs in the thread coming onto the CPU (so
# self-> pairs it with that thread's off-cpu), off-cpu's args name the
# thread switched to, sleep and wakeup see the sleeping trigger, tick fires.
RUN: dtrace -qn 'sched:::on-cpu /pid == $target/ { self->on = 1; on++; } sched:::off-cpu /pid == $target && self->on/ { off++; self->on = 0; } sched:::off-cpu /args[1]->pr_pid == $target && args[0]->pr_lwpid == $target/ { to++; } sched:::sleep /pid == $target/ { sl++; } sched:::wakeup /args[1]->pr_pid == $target/ { wk++; } sched:::tick { tk++; } sched:::on-cpu /pid == $target && stackdepth > 0/ { sd++; } END { printf("on=%d off=%d to=%d sleep=%d wake=%d tick=%d stack=%d\n", on > 0, off > 0, to > 0, sl > 0, wk > 0, tk > 0, sd > 0); }' -c 'sleep 0.3'
STDOUT:
on=1 off=1 to=1 sleep=1 wake=1 tick=1 stack=1

