# The first line of the issue: BEGIN, printf with string and int, exit.
RUN: dtrace -n 'BEGIN { printf("hello, %s %d\n", "world", 42); exit(0); }'
EXIT: 0
STDOUT:
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN hello, world 42


STDERR:
dtrace: description 'BEGIN { printf("hello, %s %d\n", "world", 42); exit(0); }' matched 1 probe
