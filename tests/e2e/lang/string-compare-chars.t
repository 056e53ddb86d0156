# A string compares by value with a char array (curthread->comm) or a char
# pointer, either side.
RUN: dtrace -qn 'BEGIN { p = (char *)&curthread->comm[0]; printf("%d %d %d %d %d\n", curthread->comm == execname, "dtrace" == curthread->comm, curthread->comm != "x", execname == p, p < "zzz"); exit(0); }'
STDOUT:
1 1 1 1 1

