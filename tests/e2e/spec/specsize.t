# -x specsize: a speculation holds that many bytes of each CPU's records
# (16 for a printf of an int); records past it are speculative drops,
# reported as DTrace reports them, and the rest are committed.
RUN: dtrace -x specsize=40 -qn 'BEGIN { s = speculation(); } BEGIN { speculate(s); printf("%d\n", 1); } BEGIN { speculate(s); printf("%d\n", 2); } BEGIN { speculate(s); printf("%d\n", 3); } BEGIN { commit(s); } BEGIN { exit(0); }'; $DTRACE -x specsize=40 -x droptags -qn 'BEGIN { s = speculation(); } BEGIN { speculate(s); printf("%d\n", 1); } BEGIN { speculate(s); printf("%d\n", 2); } BEGIN { speculate(s); printf("%d\n", 3); } BEGIN { speculate(s); printf("%d\n", 4); } BEGIN { discard(s); } BEGIN { exit(0); }'
STDOUT:
1
2


STDERR:
dtrace: 1 speculative drop
dtrace: [DTRACEDROP_SPEC] 2 speculative drops
