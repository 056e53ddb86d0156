# printf's %A (a user address as module`function+offset) and %k (a stack).
RUN: dtrace -q -n 'pid$target:a.out:leaf:entry { printf("%A|%k", ucaller, ustack(2)); }' -c "$TRIGGERS/user-funcs 1"
STDOUT-MATCH:
user-funcs`middle\+0x[0-9a-f]+\|
              user-funcs`leaf
              user-funcs`middle\+0x[0-9a-f]+

