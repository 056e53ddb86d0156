# As DTrace: each description of a clause is an enabling of its own, so a
# clause whose two descriptions match the same probe runs twice per firing
# (and "matched" counts both).
RUN: dtrace -n 'BEGIN, BEGIN { x++; } BEGIN { printf("%d\n", x); exit(0); }' 2>&1
STDOUT-MATCH:
dtrace: description 'BEGIN, BEGIN .*' matched 3 probes
CPU     ID                    FUNCTION:NAME
  \d      1                           :BEGIN 2


