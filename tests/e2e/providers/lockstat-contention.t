# lockstat: threads contending for their mmap_lock (an rwsem) fire
# rw-block/rw-spin at the end of the contention, with the lock and the
# nanoseconds since this thread's contention began (lock:contention_begin
# and contention_end; the kernel has no acquire/release tracepoints).
RUN: dtrace -qn 'lockstat:::rw-block, lockstat:::rw-spin /pid == $target/ { n++; t += args[1]; l = args[0] != 0; } END { printf("%d %d %d\n", n > 0, t > 0, l); }' -c $TRIGGERS/lock-contend
STDOUT:
1 1 1

