#!/bin/bash
# Syscall probes and listing: wall time from start to exit of a one-shot
# script on many syscall probes (attach + first firing + detach), per-firing
# cost of the two attachment paths (per-syscall tracepoints vs one
# raw_syscalls program with an in-kernel filter), and listing time, against
# bpftrace.  Reports numbers; does not pass or fail.
# Usage: bench/syscalls.sh [ROUNDS]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
DTRACE=${DTRACE:-$root/build/dtrace}
kit=${BENCH_KIT:-$root/../shared/bench}
ROUNDS=${1:-5}
N=${N:-1000000}
have_bpftrace=0
command -v bpftrace >/dev/null && have_bpftrace=1

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
# NAME CMD: median wall ms over ROUNDS runs of CMD.
timeit() {
  local name=$1 cmd=$2
  for _ in $(seq "$ROUNDS"); do
    s=$(date +%s%N); bash -c "$cmd" >/dev/null 2>&1; ms "$s"
  done | median | awk -v n="$name" '{printf "%-44s %6d ms\n", n, $1}'
}

echo "== start to exit: attach, first firing, detach (median of $ROUNDS)"
timeit "dtrace syscall:::entry (raw_syscalls)" \
  "$DTRACE -qn 'syscall:::entry { exit(0); }'"
timeit "dtrace syscall:::entry (per-syscall tracepoints)" \
  "DT_RAW_SYSCALL_MIN=100000 $DTRACE -qn 'syscall:::entry { exit(0); }'"
timeit "dtrace syscall:::entry,syscall:::return (raw)" \
  "$DTRACE -qn 'syscall:::entry,syscall:::return { exit(0); }'"
timeit "dtrace syscall:::entry,syscall:::return (per-tp)" \
  "DT_RAW_SYSCALL_MIN=100000 $DTRACE -qn 'syscall:::entry,syscall:::return { exit(0); }'"
for k in 4 8 16 32; do
  probes=$(ls /sys/kernel/tracing/events/syscalls | sed -n 's/^sys_enter_//p' | head -"$k" |
           sed 's/.*/syscall::&:entry/' | paste -sd, -)
  timeit "dtrace $k entry probes (raw)" "DT_RAW_SYSCALL_MIN=1 $DTRACE -qn '$probes,syscall::getppid:entry { exit(0); }' -c /bin/true"
  timeit "dtrace $k entry probes (per-tp)" "DT_RAW_SYSCALL_MIN=100000 $DTRACE -qn '$probes,syscall::getppid:entry { exit(0); }' -c /bin/true"
done
if [ $have_bpftrace = 1 ]; then
  timeit "bpftrace tracepoint:syscalls:sys_enter_*" \
    "bpftrace -e 'tracepoint:syscalls:sys_enter_* { exit(); }'"
  timeit "bpftrace sys_enter_*,sys_exit_*" \
    "BPFTRACE_MAX_PROBES=2000 bpftrace -e 'tracepoint:syscalls:sys_enter_*,tracepoint:syscalls:sys_exit_* { exit(); }'"
fi

echo
echo "== per firing: ns added to getppid() (the traced syscall)"
make -s -C "$kit" >/dev/null || { echo "cannot build $kit"; exit 1; }
"$kit/compare.sh" "$N" "$ROUNDS" -- \
  per-tp "DT_RAW_SYSCALL_MIN=100000 $DTRACE -qn 'syscall::getppid:entry { n++; }'" \
  raw "DT_RAW_SYSCALL_MIN=1 $DTRACE -qn 'syscall::getppid:entry { n++; }'"
echo "== per firing: ns added to getppid() while only nanosleep is traced"
echo "   (the raw_syscalls program runs, and filters, on every syscall)"
"$kit/compare.sh" "$N" "$ROUNDS" -- \
  untraced-per-tp "DT_RAW_SYSCALL_MIN=100000 $DTRACE -qn 'syscall::nanosleep:entry { n++; }'" \
  untraced-raw "DT_RAW_SYSCALL_MIN=1 $DTRACE -qn 'syscall::nanosleep:entry { n++; }'"

echo
echo "== listing every probe (median of $ROUNDS)"
timeit "dtrace -l" "$DTRACE -l"
timeit "dtrace -lv" "$DTRACE -lv"
[ $have_bpftrace = 1 ] && timeit "bpftrace -l" "bpftrace -l"
echo "probes: dtrace $("$DTRACE" -l | tail -n +2 | wc -l), bpftrace $(bpftrace -l 2>/dev/null | wc -l)"
