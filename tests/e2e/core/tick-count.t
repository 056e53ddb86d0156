# Counting getppid calls made by a trigger; tick ends the run.
RUN: dtrace -qn 'syscall::getppid:entry /pid == $target/ { n++; } syscall::getppid:return /pid == $target/ { r++; } tick-1s { printf("%d %d\n", n, r); exit(0); }' -c '$TRIGGERS/getppid-loop 1000 2'
STDOUT:
1000 1000

