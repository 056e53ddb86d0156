#!/bin/bash
# Benchmarks, in one run: added ns per getppid firing against the floor
# (hand-written BPF, ../shared/bench) and bpftrace; start-up wall time;
# time to attach syscall:::entry.  Usage: bench/run.sh [--quick]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
DTRACE=${DTRACE:-$root/build/dtrace}
kit=${BENCH_KIT:-$root/../shared/bench}
quick=0
[ "${1:-}" = "--quick" ] && quick=1
N=${N:-2000000}
ROUNDS=${ROUNDS:-5}
[ $quick = 1 ] && N=500000 ROUNDS=3
make -s -C "$kit" >/dev/null || { echo "cannot build $kit"; exit 1; }
floor="$kit/out/floor"
have_bpftrace=0
command -v bpftrace >/dev/null && have_bpftrace=1

echo "== counter: syscall::getppid:entry { n++; }"
args=(floor "$floor count" dtrace "$DTRACE -qn 'syscall::getppid:entry { n++; }'")
[ $have_bpftrace = 1 ] && args+=(bpftrace "bpftrace -e 'tracepoint:syscalls:sys_enter_getppid { @ = count(); }'")
"$kit/compare.sh" "$N" "$ROUNDS" -- "${args[@]}"

echo
echo "== record: printf(\"%d %d\\n\", pid, tid) per event"
args=(floor-record "$floor record" floor-nowake "$floor record_nowake"
      dtrace "$DTRACE -qn 'syscall::getppid:entry { printf(\"%d %d\\n\", pid, tid); }'")
[ $have_bpftrace = 1 ] && args+=(bpftrace "bpftrace -e 'tracepoint:syscalls:sys_enter_getppid { printf(\"%d %d\\n\", pid, tid); }'")
"$kit/compare.sh" "$N" "$ROUNDS" -- "${args[@]}"

echo
echo "== aggregations on getppid: @ = count(), @[tid] = count(), @ = quantize(arg0)"
args=(floor "$floor count" floor-tid "$floor count_tid"
      dtrace-count "$DTRACE -qn 'syscall::getppid:entry { @ = count(); }'"
      dtrace-tid "$DTRACE -qn 'syscall::getppid:entry { @[tid] = count(); }'"
      dtrace-quant "$DTRACE -qn 'syscall::getppid:entry { @ = quantize(arg0); }'")
[ $have_bpftrace = 1 ] && args+=(bpftrace-count "bpftrace -e 'tracepoint:syscalls:sys_enter_getppid { @ = count(); }'"
      bpftrace-tid "bpftrace -e 'tracepoint:syscalls:sys_enter_getppid { @[tid] = count(); }'"
      bpftrace-hist "bpftrace -e 'tracepoint:syscalls:sys_enter_getppid { @ = hist(args->__syscall_nr); }'")
"$kit/compare.sh" "$N" "$ROUNDS" -- "${args[@]}"

echo
echo "== thread-local latency: entry self->t = timestamp; return t += timestamp - self->t"
args=(dtrace "$DTRACE -qn 'syscall::getppid:entry { self->t = timestamp; } syscall::getppid:return /self->t/ { t += timestamp - self->t; self->t = 0; }'")
[ $have_bpftrace = 1 ] && args+=(bpftrace "bpftrace -e 'tracepoint:syscalls:sys_enter_getppid { @t[tid] = nsecs; } tracepoint:syscalls:sys_exit_getppid /@t[tid]/ { @s = sum(nsecs - @t[tid]); delete(@t[tid]); }'")
"$kit/compare.sh" "$N" "$ROUNDS" -- "${args[@]}"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }

echo
echo "== start-up: BEGIN { exit } wall time, median of 10 (ms)"
for i in $(seq 10); do s=$(date +%s%N); "$DTRACE" -qn 'BEGIN { exit(0); }' >/dev/null; ms $s; done | median | sed 's/^/dtrace   /'
if [ $have_bpftrace = 1 ]; then
  for i in $(seq 10); do s=$(date +%s%N); bpftrace -e 'BEGIN { exit(); }' >/dev/null 2>&1; ms $s; done | median | sed 's/^/bpftrace /'
fi

echo
echo "== attach syscall:::entry: ms until enabled, and BPF programs loaded"
log=$(mktemp)
s=$(date +%s%N)
"$DTRACE" -n 'syscall:::entry { n++; }' >/dev/null 2>"$log" &
pid=$!
while ! grep -q matched "$log"; do sleep 0.01; done
echo "dtrace   $(ms $s) ms, $(bpftool prog show | grep -c 'name dt_') programs, $(grep -o 'matched [0-9]* probes' "$log")"
s=$(date +%s%N)
kill -INT $pid; wait $pid
echo "dtrace   detach and exit: $(ms $s) ms"
if [ $have_bpftrace = 1 ] && [ $quick = 0 ]; then
  s=$(date +%s%N)
  bpftrace -e 'tracepoint:syscalls:sys_enter_* { @ = count(); } BEGIN { printf("ready\n"); }' >"$log" 2>&1 &
  pid=$!
  while ! grep -q ready "$log"; do sleep 0.05; done
  echo "bpftrace $(ms $s) ms"
  s=$(date +%s%N)
  kill -INT $pid; wait $pid
  echo "bpftrace detach and exit: $(ms $s) ms"
fi
rm -f "$log"

echo
"$root/bench/aggprint.sh" 100000
echo "== uprobe: pid\$target::f:entry { @ = count(); } vs the floor and bpftrace uprobe:"
if [ $quick = 1 ]; then "$root/bench/uprobe/run.sh" 200000 3; else "$root/bench/uprobe/run.sh" 1000000 5; fi

echo
if [ $quick = 1 ]; then "$root/bench/throughput.sh" 200000 1; else "$root/bench/throughput.sh" 1000000 3; fi
