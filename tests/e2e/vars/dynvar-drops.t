# -x dynvarsize bounds the dynamic variables: 1000 stores of distinct keys
# into 1600 bytes (room for 100 elements of an int-keyed int array) keep
# 100, and the dynamic variable drops reported (tagged, with -x droptags;
# summed over however many reports) are exactly the 900 lost.  A variable
# whose single element cannot fit stops tracing before it starts.
RUN: { $DTRACE -qx dynvarsize=1600 -x droptags -n 'syscall::getppid:entry /pid == $target/ { a[n++] = 1; } syscall::getppid:entry /pid == $target && a[n - 1]/ { kept++; } END { printf("%d %d\n", n, kept); }' -c "$TRIGGERS/getppid-loop 1000" 2>&1 1>&3 | awk '/\[DTRACEDROP_DYNAMIC\] [0-9]+ dynamic variable drops$/ { s += $3 } END { print "dropped", s }'; } 3>&1; $DTRACE -x dynvarsize=15 -n 'BEGIN { a[1] = 1; exit(0); }'
EXIT: 1
STDOUT:
1000 100

dropped 900
STDERR-CONTAINS: dtrace: could not enable tracing: Enabling exceeds size of buffer
