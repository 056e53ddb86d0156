# One program for the syscalls with known numbers, one for the rest.
RUN: dtrace -S -n 'syscall:::entry { n++; }' -e 2>&1 | grep -c 'probes$'
STDOUT:
2
