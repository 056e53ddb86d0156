# self-> (per thread), this-> (per firing) and associative arrays with
# several keys, including assignment of 0 deleting a self-> variable.
RUN: dtrace -qn 'syscall::getppid:entry /pid == $target/ { self->ts = timestamp; this->x = 5; a[probefunc, arg0] = this->x + 1; } syscall::getppid:return /self->ts/ { @t = count(); n += a["getppid", 0]; self->ts = 0; } END { printf("%d %d\n", n, self->ts); }' -c '$TRIGGERS/getppid-loop 3'
STDOUT:
18 0

                3
