# No arguments: usage on stderr, exit status 2.
RUN: dtrace
EXIT: 2
STDERR-CONTAINS: Usage: dtrace
