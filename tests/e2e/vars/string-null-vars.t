# Global and this-> string variables hold NULL when assigned it (and a
# string again after): NULL compares equal to NULL, and using it as a
# string faults.
RUN: dtrace -qn 'BEGIN { s = "x"; s = NULL; this->t = "y"; this->t = NULL; u = "z"; printf("%d %d %d %s\n", s == NULL, this->t == NULL, u == NULL, u); s = "back"; printf("%s %d\n", s, s == NULL); s = NULL; } BEGIN { printf("%s\n", s); } ERROR { printf("fault %d at %d\n", arg4, arg5); exit(0); }'
STDOUT:
1 1 0 z
back 0
fault 1 at 0

STDERR-CONTAINS: invalid address (0x0)
