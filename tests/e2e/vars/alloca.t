# alloca() memory: stores and loads through typed pointers, bcopy() and
# copyinto() into it; reading or writing outside what the clause allocated
# faults; the memory is the clause's.
RUN: dtrace -qs alloca.d -c "$TRIGGERS/periodic_output"
STDOUT:
42 7 ab|per 1 1

STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): invalid address
STDERR-CONTAINS: dtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): out of scratch space
