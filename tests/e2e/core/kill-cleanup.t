SERIAL: yes
# A SIGKILLed dtrace leaves no program or link behind: the ids its
# descriptors held are gone afterwards (other tracers may run meanwhile).
RUN: $DTRACE -qn 'syscall:::entry { n++; }' & sleep 3; ids=$(grep -h '^prog_id' /proc/$!/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -u); links=$(grep -h '^link_id' /proc/$!/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -u); test -n "$ids" || echo "not loaded"; kill -9 $!; wait; sleep 0.5; left=0; for i in $ids; do bpftool prog show id $i >/dev/null 2>&1 && left=$((left+1)); done; for l in $links; do bpftool link show id $l >/dev/null 2>&1 && left=$((left+1)); done; echo "left: $left"
STDOUT:
left: 0
