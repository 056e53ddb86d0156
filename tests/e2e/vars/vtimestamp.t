# vtimestamp is the thread's on-CPU time (the scheduler's account of it):
# positive, less than the time since boot, the same twice in one clause.
RUN: dtrace -qn 'BEGIN { self->t = vtimestamp; printf("%d %d %d\n", vtimestamp - self->t, vtimestamp > 0, vtimestamp < timestamp); exit(0); }'
STDOUT:
0 1 1

