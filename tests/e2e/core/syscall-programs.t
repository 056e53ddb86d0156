SERIAL: yes
# syscall:::entry loads a handful of programs (one on raw_syscalls with an
# in-kernel filter, one for syscalls newer than the build's headers), not
# one per probe, and attaches in well under a second.  (Counted from
# dtrace's own descriptors, so other tracers running do not matter.)
RUN: err=$(mktemp); start=$(date +%s%N); $DTRACE -n 'syscall:::entry { n++; }' 2>$err & for i in $(seq 100); do grep -q matched $err 2>/dev/null && break; sleep 0.05; done; echo "attach ms < 1000: $(( ($(date +%s%N) - start) / 1000000 < 1000 ))"; n=$(grep -l '^prog_type' /proc/$!/fdinfo/* 2>/dev/null | wc -l); echo "programs <= 3: $(( n <= 3 ))"; kill -INT $!; wait; rm -f $err
STDOUT:
attach ms < 1000: 1
programs <= 3: 1

