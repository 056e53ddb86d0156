# Every BEGIN clause runs, in order, even after exit(); END runs after.
RUN: dtrace -qn 'END { printf("end1\n"); } BEGIN { printf("b1\n"); } BEGIN { printf("b2\n"); exit(0); } BEGIN { printf("b3\n"); } END { printf("end2\n"); }'
STDOUT:
b1
b2
b3
end1
end2

