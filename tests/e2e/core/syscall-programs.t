# syscall:::entry loads one program (not one per probe) and attaches fast.
RUN: $DTRACE -n 'syscall:::entry { n++; }' 2>/tmp/dt-e2e-sys.err & sleep 4; bpftool prog show | grep -c 'name dt_'; kill -INT $!; wait
STDOUT:
1
