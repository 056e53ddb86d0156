# -x aggsortkey, aggsortkeypos, aggsortrev, and setopt() changing them.
RUN: dtrace -qx aggsortkey -x aggsortkeypos=1 -n 'BEGIN { @["b", 1] = sum(3); @["a", 2] = sum(1); @["c", 0] = sum(2); printa("%s %d %@d\n", @); setopt("aggsortkey", "false"); printa("%s %d %@d\n", @); setopt("aggsortrev"); printa("%s %d %@d\n", @); setopt("aggsortkeypos", "0"); setopt("aggsortkey"); printa("%s %d %@d\n", @); exit(0); }'
STDOUT:
c 0 2
b 1 3
a 2 1
a 2 1
c 0 2
b 1 3
b 1 3
c 0 2
a 2 1
c 0 2
b 1 3
a 2 1

