# -x cpu=N: probes fire only on CPU N (tick-N probes are timed there too);
# a CPU that does not exist is an invalid value.
RUN: taskset -c 0,1 sh -c 'while :; do :; done' & spin=$!; $DTRACE -x cpu=0 -qn 'syscall:::entry, profile-997 { @[cpu] = count(); } tick-300ms { exit(0); }' | awk 'NF == 2 { n++; if ($1 != 0) bad++ } END { print n, bad + 0 }'; kill $spin; $DTRACE -x cpu=4096 -qn 'BEGIN { exit(0); }'; echo "rc=$?"
STDOUT:
1 0
rc=1
STDERR:
dtrace: failed to set -x cpu: Invalid value for specified option
