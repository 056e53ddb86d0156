# The widened conditional jump taken: an if over a branch longer than a
# 16-bit offset reaches, whose condition is false, becomes the inverted
# condition over a gotol; the fault of a later clause reports the BPF pc
# of its instruction in the widened program (the -S listing has the pc
# store, r9+104, at the index it stores).
RUN: e=$(mktemp); ./far-jumps.sh skip 280 | $DTRACE -qS -s /dev/stdin 2>"$e"; pc=$(grep -o 'at BPF pc [0-9]*' "$e" | grep -o '[0-9]*$'); grep -q "^ *$pc: (7a) \*(u64 \*)(r9 +104) = $pc\$" "$e" && echo "fault pc ok"; grep -q gotol "$e" && echo widened; rm -f "$e"
STDOUT:
not taken
v=0

fault pc ok
widened
