# A bad address faults as DTrace reports it (and tracing goes on); print()
# of a non-pointer is refused with DTrace's prototype error.
RUN: dtrace -qn 'BEGIN { print((struct sk_buff *)8); } BEGIN { exit(0); }'; $DTRACE -n 'BEGIN { print(1); }'; echo "rc=$?"
STDERR-CONTAINS: dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid address (0x8) at BPF pc
STDERR-CONTAINS: line 1: print( ) argument #1 is incompatible with prototype:
STDOUT:

rc=1
