# pid provider: entry arguments (six in registers, four on the stack) and
# return values; the -c process is held until the probes are enabled, so
# its very first call is seen.
RUN: dtrace -q -n 'pid$target:a.out:go:entry { printf("go %d %d %d %d %d %d %d %d %d %d\n", arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9); } pid$target:a.out:go:return { printf("go returned %d\n", arg1); } pid$target:a.out:square:return { printf("%s:%s %d\n", probefunc, probename, arg1); }' -c "$TRIGGERS/user-funcs 3"
STDOUT:
go 0 1 2 3 4 5 6 7 8 9
go returned 45
square:return 1
square:return 4
square:return 9

