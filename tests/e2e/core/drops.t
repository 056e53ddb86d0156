# A tiny buffer overflows: drops are reported per CPU as DTrace does, and
# records received plus drops reported equal the firings the trigger made.
RUN: $DTRACE -x bufsize=4k -qn 'syscall::getppid:entry /pid == $target/ { printf("%d\n", tid); }' -c "$TRIGGERS/getppid-loop 100000" >/tmp/dt-e2e-drops.out 2>/tmp/dt-e2e-drops.err; got=$(grep -c . /tmp/dt-e2e-drops.out); dropped=$(awk '/drops? on CPU/ {s += $2} END {print s + 0}' /tmp/dt-e2e-drops.err); echo "total $((got + dropped))"; test "$dropped" -gt 0 && echo "dropped some"
STDOUT:
total 100000
dropped some
