#!/bin/bash
# Time to print an aggregation of K keys (default 100,000): from the END
# clause's marker line to the end of the output (snapshot of the map,
# merge across CPUs, sort, format).  Usage: bench/aggprint.sh [K]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
DTRACE=${DTRACE:-$root/build/dtrace}
kit=${BENCH_KIT:-$root/../shared/bench}
K=${1:-100000}
make -s -C "$kit" >/dev/null || { echo "cannot build $kit"; exit 1; }
# Reads the tracer's output: ms from the "end" marker to EOF, and the
# number of lines after the marker.
timer() {
  python3 -c '
import sys, time
t0 = None; n = 0
for line in sys.stdin:
    if t0 is None:
        if line.startswith("end"): t0 = time.monotonic()
    elif line.strip():
        n += 1
t1 = time.monotonic()
print("%-9s %8.1f ms for %d keys" % (sys.argv[1], (t1 - t0) * 1000 if t0 else -1, n))
' "$1"
}
echo "== print an aggregation of $K keys (@[timestamp] = count() on $K getppid calls)"
for i in 1 2 3; do
  "$DTRACE" -x aggsize=4m -qn 'syscall::getppid:entry /pid == $target/ { @[timestamp] = count(); } END { printf("end\n"); }' \
    -c "$kit/out/sysloop $K" 2>/dev/null | grep -v '^[0-9.]* ns' | timer dtrace
done
if command -v bpftrace >/dev/null; then
  for i in 1 2 3; do
    BPFTRACE_MAX_MAP_KEYS=$((K * 2)) BPFTRACE_MAP_KEYS_MAX=$((K * 2)) bpftrace -e 'tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { @[nsecs] = count(); } END { printf("end\n"); }' \
      -c "$kit/out/sysloop $K" 2>/dev/null | grep -v '^[0-9.]* ns' | timer bpftrace
  done
fi
