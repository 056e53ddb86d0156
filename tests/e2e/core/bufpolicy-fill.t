# -x bufpolicy=fill: a full buffer ends tracing (exit status 0), END still
# runs in the room kept for it, and nothing is reported as dropped.
RUN: dtrace -s bufpolicy-fill.d
STDOUT:
0
1
2
3
4
5
6
7
8
9
end 10

