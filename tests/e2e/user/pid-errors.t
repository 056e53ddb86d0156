# Bad pid probe descriptions: DTrace's tags and messages, exit status 1.
RUN: $DTRACE -xerrtags -n 'pid$target:a.out:no_such_function:entry {}' -c "$TRIGGERS/user-funcs"; echo "rc=$?"; $DTRACE -xerrtags -n 'pid$target:a.out:main:beginning {}' -c "$TRIGGERS/user-funcs"; echo "rc=$?"; $DTRACE -xerrtags -n 'pid0:::entry {}'; echo "rc=$?"; $DTRACE -n 'pid$target:a.out:square:1000 {}' -c "$TRIGGERS/user-funcs"; echo "rc=$?"
STDOUT:
rc=1
rc=1
rc=1
rc=1
STDERR:
dtrace: invalid probe specifier pid$target:a.out:no_such_function:entry {}: [D_PROC_FUNC] line 1: failed to lookup 'no_such_function' in module 'a.out'
dtrace: invalid probe specifier pid$target:a.out:main:beginning {}: [D_PROC_NAME] line 1: 'beginning' is an invalid probe name
dtrace: invalid probe specifier pid0:::entry {}: [D_PROC_BADPID] line 1: 'pid0' does not contain a valid pid
dtrace: invalid probe specifier pid$target:a.out:square:1000 {}: line 1: offset 0x1000 outside of function 'square'
