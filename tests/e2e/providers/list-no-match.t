RUN: $DTRACE -l -P nosuchprovider; echo "rc=$?"
STDOUT:
rc=1
STDERR:
dtrace: invalid probe specifier nosuchprovider: probe description nosuchprovider::: does not match any probes
