# ustack() in a pid probe: the frames of a known call chain, symbolized
# from the executable's ELF symbols, as DTrace prints them.
RUN: dtrace -q -n 'pid$target:a.out:square:entry { ustack(5); }' -c "$TRIGGERS/user-funcs 1"
STDOUT-MATCH:

              user-funcs`square
              user-funcs`leaf\+0x[0-9a-f]+
              user-funcs`middle\+0x[0-9a-f]+
              user-funcs`outer\+0x[0-9a-f]+
              user-funcs`main\+0x[0-9a-f]+

