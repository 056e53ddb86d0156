# An offset probe (pid$target:mod:func:<hex offset>) fires at that
# instruction; its probe name is the offset.
RUN: dtrace -q -n 'pid$target:a.out:square:1 { printf("%s %s %d\n", probefunc, probename, arg0); }' -c "$TRIGGERS/user-funcs 2"
STDOUT:
square 1 1
square 1 2

