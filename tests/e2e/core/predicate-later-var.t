# A predicate may use a variable its clause's actions assign.
RUN: dtrace -qn 'BEGIN /x == 0/ { exit(x++); }'
STDOUT:

