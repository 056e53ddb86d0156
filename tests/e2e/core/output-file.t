# -o appends the trace output to a file.
SETUP: rm -f /tmp/dt-e2e-o.txt; echo first > /tmp/dt-e2e-o.txt
RUN: dtrace -o /tmp/dt-e2e-o.txt -qn 'BEGIN { printf("second\n"); exit(0); }'; cat /tmp/dt-e2e-o.txt
STDOUT:
first
second

