RUN: dtrace -n 'BEGIN { x }'
EXIT: 1
STDERR-CONTAINS: failed to resolve x: Unknown variable name
