inline int N = 3 * 4;
syscall::read:entry /pid == $1 && execname == "x"/ { self->t = timestamp; @c[probefunc] = count(); }
syscall::read:return /self->t/ { @q = quantize(timestamp - self->t); self->t = 0; }
