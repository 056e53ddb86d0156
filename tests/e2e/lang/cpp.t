# -C runs cpp over the script (after its #! line), with -D and -I and
# DTrace's predefined macros.
RUN: dtrace -C -I. -DEXTRA='"more"' -s cpp.d
STDOUT:
42 more
d 1

