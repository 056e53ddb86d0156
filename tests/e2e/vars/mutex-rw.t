# mutex_owned/mutex_owner/mutex_type_* on the kernel's struct mutex (owner
# word: the task, flags in the low bits) and rw_read_held/rw_write_held/
# rw_iswriter on an rwlock_t (queued rwlock count: writer byte, waiting
# writer bit, readers from bit 9), here on lock words written in alloca'd
# memory; a bad pointer faults; a wrong argument type is D_PROTO_ARG.
RUN: dtrace -qn 'BEGIN { m = (struct mutex *)alloca(sizeof(struct mutex)); *(uint64_t *)m = (uint64_t)curthread | 1; r = (rwlock_t *)alloca(sizeof(rwlock_t)); *(uint32_t *)r = 0x400; printf("%d %d %d %d\n", mutex_owned(m), mutex_owner(m) == curthread, mutex_type_adaptive(m), mutex_type_spin(m)); printf("%d %d %d\n", rw_read_held(r), rw_write_held(r), rw_iswriter(r)); *(uint32_t *)r = 0xff; printf("%d %d %d\n", rw_read_held(r), rw_write_held(r), rw_iswriter(r)); *(uint32_t *)r = 0x100; printf("%d %d %d\n", rw_read_held(r), rw_write_held(r), rw_iswriter(r)); *(uint64_t *)m = 0; printf("%d %d\n", mutex_owned(m), (uint64_t)mutex_owner(m)); } BEGIN { trace(mutex_owned((struct mutex *)8)); } BEGIN { exit(0); }'; $DTRACE -xerrtags -qn 'BEGIN { mutex_owned(curthread); }'
EXIT: 1
STDOUT:
1 1 1 0
1 0 0
0 1 1
0 0 1
0 0

STDERR-CONTAINS: invalid address (0x8)
STDERR-CONTAINS: [D_PROTO_ARG] line 1: mutex_owned( ) argument #1 is incompatible with prototype:
