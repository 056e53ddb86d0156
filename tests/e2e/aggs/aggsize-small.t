# An aggregation that cannot hold one entry in -x aggsize fails at enabling.
RUN: dtrace -x aggsize=8 -n 'BEGIN { @ = count(); exit(0); }'
EXIT: 1
STDERR-CONTAINS: dtrace: could not enable tracing: Enabling exceeds size of buffer
