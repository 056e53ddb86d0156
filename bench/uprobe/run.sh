#!/bin/bash
# uprobe overhead: ns added per call of a traced user function f() by
#   floor     a hand-written BPF counter on the uprobe (this folder's floor.c)
#   dtrace    pid$target::f:entry { @ = count(); }
#   bpftrace  uprobe:PATH:f { @ = count(); }
# measured in one run, interleaved with untraced runs of the same process.
# Usage: bench/uprobe/run.sh [N] [ROUNDS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DTRACE=${DTRACE:-$root/build/dtrace}
N=${1:-1000000} ROUNDS=${2:-5}
out=$root/build/bench
mkdir -p "$out"
cc -O2 -o "$out/uprobe-loop" "$here/loop.c" || exit 1
cc -O2 -o "$out/uprobe-floor" "$here/floor.c" -lbpf || exit 1
loop=$out/uprobe-loop
# f's file offset for the floor's perf event.
off=$(python3 - "$loop" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<Q", d, 0x28); shentsize, shnum = struct.unpack_from("<HH", d, 0x3a)
phoff, = struct.unpack_from("<Q", d, 0x20); phentsize, phnum = struct.unpack_from("<HH", d, 0x36)
secs = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + i * shentsize) for i in range(shnum)]
for s in secs:
    if s[1] != 2: continue  # SHT_SYMTAB
    strs = secs[s[6]]
    for k in range(s[5] // 24):
        name, info, other, shndx, value, size = struct.unpack_from("<IBBHQQ", d, s[4] + 24 * k)
        n = d[strs[4] + name:d.index(b"\0", strs[4] + name)]
        if n == b"f" and value:
            for i in range(phnum):
                t, fl, off, va, pa, fs, ms, al = struct.unpack_from("<IIQQQQQQ", d, phoff + i * phentsize)
                if t == 1 and va <= value < va + fs:
                    print(hex(value - va + off))
PY
)
coproc LOOP { exec "$loop"; }
pid=$LOOP_PID
measure() { echo "$N" >&"${LOOP[1]}"; read -r v <&"${LOOP[0]}"; echo "$v"; }
names=(floor dtrace)
cmds=("$out/uprobe-floor $pid $loop $off"
      "$DTRACE -p $pid -n 'pid\$target::f:entry { @ = count(); }'")
if command -v bpftrace >/dev/null; then
  names+=(bpftrace)
  cmds+=("bpftrace -p $pid -e 'uprobe:$loop:f { @ = count(); }'")
fi
declare -A res
base=0
for ((r = 0; r < ROUNDS; r++)); do
  base=$(measure)
  for i in "${!names[@]}"; do
    log=$(mktemp)
    bash -c "exec ${cmds[$i]}" >"$log" 2>&1 &
    tp=$!
    for _ in $(seq 100); do grep -q -e ready -e Attaching -e matched "$log" && break; sleep 0.05; done
    sleep 0.5
    t=$(measure)
    kill -INT $tp 2>/dev/null; wait $tp 2>/dev/null; rm -f "$log"
    res[${names[$i]}]+="$(awk -v a="$t" -v b="$base" 'BEGIN{printf "%.1f ", a-b}')"
  done
done
exec {LOOP[1]}>&-
wait "$pid" 2>/dev/null
printf "%-14s %10s %10s   (ns added per uprobe firing; base %s ns/call)\n" tracer median min "$base"
for nm in "${names[@]}"; do
  echo "${res[$nm]}" | tr ' ' '\n' | grep . | sort -g | awk -v n="$nm" '{v[NR]=$1} END{printf "%-14s %10.1f %10.1f\n", n, v[int((NR+1)/2)], v[1]}'
done
