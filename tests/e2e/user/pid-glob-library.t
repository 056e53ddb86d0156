# Every function of libc: thousands of uprobes attached and detached in
# one uprobe_multi link per file (quickly), functions uprobes cannot
# probe left out of a glob.
TIMEOUT: 20
RUN: dtrace -n 'pid$target:libc.so.6::entry { @ = count(); }' -c "$TRIGGERS/user-funcs"
STDOUT-MATCH:

 +[1-9]\d*
STDERR-CONTAINS: probes
STDERR-CONTAINS: has exited
