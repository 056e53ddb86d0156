# Inlines that are not constants stand for their value wherever they are
# used: built-in variables, probe arguments (which the trampoline must then
# copy), strings; an inline's type converts its value (char: 300 is 44).
RUN: dtrace -qn 'inline string NAME = execname; inline long LEN = arg1; inline int PROT = arg2; inline char SMALL = 300; inline string HI = "hello"; syscall::mmap:entry /pid == $target && arg5 == 0x12345678/ { printf("%s %d %d %s %d\n", NAME, LEN, PROT, HI, SMALL); exit(0); }' -c '$TRIGGERS/syscall-tst-args'
STDOUT:
syscall-tst-arg 1 2 hello 44

