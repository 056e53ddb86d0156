# Casting a pointer into scratch memory (a translation such as curcpu, or
# alloca() memory, also through &, ?: and pointer casts) to an integer type
# gives a plain number the verifier lets shifts, masks and % work on: the
# kernel address of that memory (its high bits set, 8-byte aligned).  One
# translation a clause: each takes scratch space.
RUN: dtrace -qn 'BEGIN { printf("%d ", ((int64_t)curcpu) >> 8 < 0); } BEGIN { printf("%d ", (int64_t)curcpu >> 63); } BEGIN { printf("%x ", (uint64_t)curpsinfo >> 48); } BEGIN { printf("%d ", (uintptr_t)curcpu & 7); } BEGIN { printf("%d ", (uintptr_t)&((char *)alloca(8))[3] & 7); } BEGIN { printf("%d\n", (uintptr_t)(arg0 ? curcpu : (cpuinfo_t *)alloca(8)) % 8); exit(0); } ERROR { exit(1); }'
STDOUT:
1 -1 ffff 0 3 0

