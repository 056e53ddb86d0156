SERIAL: yes
# When another tracer shares the tracepoint (here a second dtrace on
# raw_syscalls:sys_enter, which syscall probes reach the kernel through),
# the kernel calls the probes through __traceiter_sys_enter: stackdepth and
# caller still count from the traced function, as stack() shows it.
RUN: err=$(mktemp); $DTRACE -n 'sdt:raw_syscalls::sys_enter { n++; }' >/dev/null 2>"$err" & bg=$!; for i in $(seq 100); do grep -q matched "$err" && break; sleep 0.05; done; $DTRACE -qn 'syscall::openat:entry /pid == $target/ { printf("%d %a\n", stackdepth, caller); stack(); }' -c "$TRIGGERS/open" | awk -f kstack-shared.awk; kill -INT $bg; wait; rm -f "$err"
STDOUT:
depth ok
caller ok
