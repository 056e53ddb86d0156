# The first line of the issue: BEGIN, printf with string and int, exit, in
# DTrace's default (not quiet) format; the CPU is whichever ran BEGIN.
RUN: dtrace -n 'BEGIN { printf("hello, %s %d\n", "world", 42); exit(0); }'
EXIT: 0
STDOUT-MATCH:
CPU     ID                    FUNCTION:NAME
  \d      1                           :BEGIN hello, world 42


STDERR:
dtrace: description 'BEGIN { printf("hello, %s %d\n", "world", 42); exit(0); }' matched 1 probe
