# String variables, comparison, execname.
RUN: dtrace -qn 'BEGIN { s = "abc"; t = "abd"; printf("%d %d %d %s\n", s == "abc", s < t, s != t, execname); exit(0); }'
STDOUT:
1 1 1 dtrace

