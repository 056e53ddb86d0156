# Struct variables: nested members and bit-fields (signed and unsigned,
# truncated to their width on store), arrays with constant indexes, in the
# globals map.
RUN: dtrace -s struct-vars.d
STDOUT:
-1 3 4095 z -77 | -4 -2 9 0
-1 1 5 9
5 -7 9 3 0

