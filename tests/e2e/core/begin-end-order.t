# BEGIN clauses run in order until one calls exit() (as DTrace's
# actions/exit/tst.begin-exit.d); END runs after, every clause.
RUN: dtrace -qn 'END { printf("end1\n"); } BEGIN { printf("b1\n"); } BEGIN { printf("b2\n"); exit(0); } BEGIN { printf("b3\n"); } END { printf("end2\n"); }'
STDOUT:
b1
b2
end1
end2

