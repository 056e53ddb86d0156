# Descriptions that match nothing: DTrace's error; -Z allows them.
RUN: dtrace -xerrtags -n 'BEGIN:tick-1 { }'; echo "rc=$?"; $DTRACE -qZ -n 'nosuch:::probe { } BEGIN { exit(0); }'; echo "rc=$?"
STDOUT:
rc=1

rc=0
STDERR:
dtrace: invalid probe specifier BEGIN:tick-1 { }: [D_PDESC_ZERO] line 1: probe description ::BEGIN:tick-1 does not match any probes
