SERIAL: yes
# A SIGKILLed dtrace leaves no program, link or perf event behind.
RUN: before=$(bpftool prog show | grep -c dt_); $DTRACE -qn 'syscall:::entry { n++; }' & sleep 3; test $(bpftool prog show | grep -c dt_) -gt "$before" || echo "not loaded"; kill -9 $!; wait; sleep 0.5; after=$(bpftool prog show | grep -c dt_); echo "$before $after"; bpftool link show | grep -c perf_event || true
STDOUT:
0 0
0
