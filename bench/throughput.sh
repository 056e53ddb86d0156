#!/bin/bash
# Output throughput: records per second drained by the consumer for
# printf("%d %d\n", pid, tid) on every getppid of a process calling it N
# times as fast as it can, at the default buffer size, and the records lost.
# Usage: bench/throughput.sh [N] [ROUNDS]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
DTRACE=${DTRACE:-$root/build/dtrace}
loop=$root/build/tests/triggers/getppid-loop
N=${1:-1000000}
ROUNDS=${2:-3}
run() { # name command...: prints name, records/s, received, lost
    local name=$1; shift
    local out err s e got
    out=$(mktemp); err=$(mktemp)
    s=$(date +%s%N)
    "$@" >"$out" 2>"$err"
    e=$(date +%s%N)
    got=$(grep -c '^[0-9]* [0-9]*$' "$out")
    awk -v n="$name" -v got="$got" -v N="$N" -v ns=$((e - s)) \
        'BEGIN { printf "%-9s %12.0f records/s  received %d of %d  lost %d\n", n, got / (ns / 1e9), got, N, N - got }'
    grep -i "drop" "$err" | head -3 | sed 's/^/          /'
    rm -f "$out" "$err"
}
echo "== throughput: printf(\"%d %d\\n\", pid, tid) on each of $N getppid calls"
for r in $(seq "$ROUNDS"); do
    run dtrace "$DTRACE" -qn 'syscall::getppid:entry /pid == $target/ { printf("%d %d\n", pid, tid); }' -c "$loop $N"
    if command -v bpftrace >/dev/null; then
        run bpftrace bpftrace -e 'tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { printf("%d %d\n", pid, tid); }' -c "$loop $N"
    fi
done
