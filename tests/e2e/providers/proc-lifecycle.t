# proc provider: a trigger's children and thread go through create, start,
# exec, exec-success, exec-failure (ENOENT), exit (exited, killed), the
# thread through lwp-create/lwp-start/lwp-exit; signals sent and handled.
# Arguments come translated (psinfo_t, lwpsinfo_t) from the D library.
SORTED: yes
RUN: dtrace -qs proc-lifecycle.d -c $TRIGGERS/proc-life
STDOUT:
create child-of-target=1
start
exec /bin/true
exec-success true true proc-life-arg
exit 1
exec-failure 2
create child-of-target=1
start
exit 1
create child-of-target=1
signal-send 9 self=0
start
exit 2
lwp-create same-process=1 new-thread=1
lwp-start
lwp-exit
signal-send 10 self=1
signal-handle 10
surrender 1
target exit 1

