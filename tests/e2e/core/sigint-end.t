# SIGINT runs END and exits 0.
RUN: $DTRACE -qn 'END { printf("bye\n"); }' & sleep 2; kill -INT $!; wait $!
STDOUT:
bye

