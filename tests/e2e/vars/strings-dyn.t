# String-valued self-> and array elements; string keys.  An element never
# assigned is NULL: using it as a string faults (invalid address 0x0), as
# in DTrace, and the faulting clause's output is dropped.
RUN: dtrace -qn 'BEGIN { self->s = "hello"; names["a"] = "first"; names["b"] = "second"; printf("%s %s %s\n", self->s, names["a"], names["b"]); } BEGIN { printf("[%s]\n", names["zz"]); } ERROR { printf("fault %d at %d\n", arg4, arg5); exit(0); }'
STDOUT:
hello first second
fault 1 at 0

STDERR-CONTAINS: invalid address (0x0)
