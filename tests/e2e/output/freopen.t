# freopen() sends later output to a file (appended to, its name formatted
# as printf formats), freopen("") back to stdout; ftruncate() empties the
# current file.  Aggregations printed at the end go where output goes then.
SETUP: rm -f /tmp/dt-e2e-freopen1 /tmp/dt-e2e-freopen2; echo old > /tmp/dt-e2e-freopen1
RUN: dtrace -wqn 'BEGIN { printf("one\n"); freopen("/tmp/dt-e2e-freopen%d", 1); printf("two\n"); freopen(""); printf("three\n"); freopen("/tmp/dt-e2e-freopen2"); printf("lost\n"); ftruncate(); printf("four\n"); @ = count(); exit(0); }'; echo "-- 1"; cat /tmp/dt-e2e-freopen1; echo "-- 2"; cat /tmp/dt-e2e-freopen2
STDOUT:
one
three
-- 1
old
two
-- 2
four

                1
