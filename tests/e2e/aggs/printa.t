# printa with a format (%@ is the value; keys fill the other conversions),
# with a histogram, and without a format; printed aggregations are not
# printed again at exit.
RUN: dtrace -qn 'BEGIN { @c["a"] = count(); @c["b"] = count(); @c["b"] = count(); @q = quantize(3); printa("%s=%@d\n", @c); printa("%@d\n", @q); exit(0); }'
STDOUT:
a=1
b=2

           value  ------------- Distribution ------------- count    
               1 |                                         0        
               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        
               4 |                                         0        


