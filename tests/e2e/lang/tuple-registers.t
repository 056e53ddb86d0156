# A key of more components than -x tregs (8 by default) cannot be built:
# DTrace's "Insufficient tuple registers" error, without a line.
RUN: for n in 5 9; do $DTRACE -x tregs=$n -qn 'BEGIN { @[1, 2, 3, 4, 5, 6, 7] = count(); a[1, 2, 3, 4, 5, 6, 7] = 1; exit(0) }' >/dev/null; echo "tregs $n: $?"; done; $DTRACE -qn 'BEGIN { a[0, 1, 2, 3, 4, 5, 6, 7, 8] = 0; }'
EXIT: 1
STDOUT:
tregs 5: 1
tregs 9: 0
STDERR:
dtrace: invalid probe specifier BEGIN { @[1, 2, 3, 4, 5, 6, 7] = count(); a[1, 2, 3, 4, 5, 6, 7] = 1; exit(0) }: Insufficient tuple registers to generate code
dtrace: invalid probe specifier BEGIN { a[0, 1, 2, 3, 4, 5, 6, 7, 8] = 0; }: Insufficient tuple registers to generate code
