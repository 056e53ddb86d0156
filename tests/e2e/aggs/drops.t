# -x aggsize bounds each aggregation: keys that do not fit are counted as
# aggregation drops and reported; an aggregation whose single entry cannot
# fit stops tracing before it starts.
RUN: dtrace -qx aggsize=1k -n 'BEGIN { @["a"] = count(); @["b"] = count(); @["c"] = count(); @["d"] = count(); @["e"] = count(); exit(0); }' | wc -l
STDOUT:
4
STDERR-CONTAINS: dtrace: 2 aggregation drops on CPU
