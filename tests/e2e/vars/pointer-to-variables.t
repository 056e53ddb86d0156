# Pointers into D's global arrays: & of an element, the array used as a value
# (its first element's address), reads and writes through them, pointer
# arithmetic; & of a global scalar is still DTrace's D_ADDROF_VAR error (in
# the second run), and a write through a pointer to kernel memory is an
# invalid address.
RUN: dtrace -qn 'int a[4]; int *p; BEGIN { a[0] = 10; a[1] = 20; a[2] = 30; p = a; p[3] = 40; *(p + 1) += 1; t = &a[2]; printf("%d %d %d %d %d %d\n", a[0], a[1], a[2], a[3], *t, t[1]); printf("%d\n", (uintptr_t)&a[3] - (uintptr_t)&a[0]); } BEGIN { *(int *)curthread = 1; } BEGIN { exit(0); }' ; $DTRACE -xerrtags -qn 'int i; BEGIN { p = &i; }'
EXIT: 1
STDOUT:
10 21 30 40 30 40
12

STDERR-CONTAINS: invalid address (0x
STDERR-CONTAINS: [D_ADDROF_VAR] line 1: cannot take address of dynamic variable
