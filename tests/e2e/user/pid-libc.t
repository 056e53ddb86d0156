# Probes in a shared library, named by a prefix of its file name or a glob.
RUN: dtrace -q -n 'pid$target:libc.so:malloc:entry /arg0 == 64/ { printf("%s %s %d\n", probemod, probefunc, arg0); } pid$target:libc*:free:entry { @f = count(); }' -c "$TRIGGERS/user-funcs"
STDOUT-MATCH:
libc\.so\.6 malloc 64

 +[1-9]\d*
