# Each CPU holds bufsize bytes between the consumer's reads (-x switchrate):
# 1k is 42 records of 24 bytes, so 5000 quick firings overflow it.  The
# drops reported are exactly the records lost: received plus dropped equals
# the firings.
RUN: $DTRACE -x bufsize=1k -x switchrate=2hz -qn 'syscall::getppid:entry /pid == $target/ { printf("%d\n", tid); }' -c "$TRIGGERS/getppid-loop 5000" >/tmp/dt-e2e-swdrops.out 2>/tmp/dt-e2e-swdrops.err; got=$(grep -c . /tmp/dt-e2e-swdrops.out); dropped=$(awk '/drops? on CPU/ {s += $2} END {print s + 0}' /tmp/dt-e2e-swdrops.err); echo "total $((got + dropped))"; test "$dropped" -gt 0 && echo "dropped some"
STDOUT:
total 5000
dropped some
