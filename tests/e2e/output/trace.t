# trace() of each integer width, signed and unsigned, and of strings, in
# DTrace's columns (and bare with -q).
RUN: dtrace -n 'BEGIN { trace((int8_t)-1); trace((uint8_t)-1); trace((int16_t)-1); trace((uint16_t)-1); trace((int32_t)-1); trace((uint32_t)-1); trace((int64_t)-1); trace(-1ul); trace("str"); exit(0); }' 2>/dev/null | sed 1d | cut -c 12-; $DTRACE -qn 'BEGIN { trace((int16_t)-1); trace(" "); trace((uint16_t)-1); trace(" "); trace(-1ul); exit(0); }'
STDOUT:
                          :BEGIN   -1 255    -1 65535         -1 4294967295                  -1 18446744073709551615  str                              

-1 65535 18446744073709551615
