RUN: dtrace -V
STDOUT:
dtrace: Sun D 2.0
