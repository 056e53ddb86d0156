# A library file that does not check is reported with its path and line
# when a program uses what it defines.
RUN: dtrace -L badlib -qn 'BEGIN { trace(BAD_ONE); exit(0); }'
EXIT: 1
STDERR-CONTAINS: badlib/bad.d: line 2: failed to resolve no_such_thing: Unknown variable name
