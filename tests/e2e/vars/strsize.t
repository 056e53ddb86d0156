# -x strsize bounds every string copy: variables, results, records.  A
# string holds strsize characters and its NUL, as Oracle's DTrace counts.
RUN: dtrace -x strsize=6 -qn 'BEGIN { x = "abcdefghijkl"; printf("%s %s %s %d\n", x, strjoin(x, "xyz"), substr(x, 2), strlen(x)); exit(0); }'
STDOUT:
abcdef abcdef cdef 6

