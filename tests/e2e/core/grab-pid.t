# -p: tracing ends when the grabbed process exits; $target is its pid.
RUN: sleep 1.5 & $DTRACE -qn 'tick-10ms /$target > 0/ { n++; } END { printf("ended %d\n", n > 10); }' -p $!
STDOUT:
ended 1

