# The classic latency idiom: entry stamps self->t, return aggregates the
# elapsed time and clears it.
RUN: dtrace -qn 'syscall::getppid:entry /pid == $target/ { self->t = timestamp; } syscall::getppid:return /self->t/ { @["ok"] = count(); @s = sum(timestamp - self->t > 0); self->t = 0; }' -c '$TRIGGERS/getppid-loop 5'
STDOUT:

  ok                                                                5
                5
