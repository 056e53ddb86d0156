# User stacks as aggregation keys, printed after the process has exited
# (its mappings were remembered); -x ustackframes sets ustack()'s depth.
RUN: dtrace -q -x ustackframes=3 -n 'pid$target:a.out:leaf:entry { @[ustack()] = count(); }' -c "$TRIGGERS/user-funcs 4"
STDOUT-MATCH:


              user-funcs`leaf
              user-funcs`middle\+0x[0-9a-f]+
              user-funcs`outer\+0x[0-9a-f]+
                4
