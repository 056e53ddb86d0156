# A speculation committed from a CPU other than the one holding its records
# stays busy until the consumer has read them: speculation() then fails
# with DTrace's "busy" count; 50 ms later it is free.  BEGIN runs where
# dtrace runs (CPU 1 here), tick-1ms on CPU 0.  Committed where its records
# are, a speculation is free again at once.
RUN: taskset -c 1 $DTRACE -qn 'BEGIN { s = speculation(); } BEGIN { speculate(s); printf("held\n"); } tick-1ms /!done/ { commit(s); t = speculation(); done = 1; } tick-1ms /done && ++k == 50/ { printf("again %d, later %d\n", t, speculation()); exit(0); }'; $DTRACE -qn 'BEGIN { s = speculation(); } BEGIN { speculate(s); printf("held\n"); } BEGIN { commit(s); t = speculation(); } BEGIN { printf("again %d\n", t); exit(0); }'
STDOUT:
held
again 0, later 1

held
again 1

STDERR:
dtrace: 1 failed speculation (available buffer(s) still busy)
