# printa of several aggregations: rows joined by key (zero where one has no
# entry), ordered by the aggregation aggsortpos names; one aggregation
# fills every %@; histograms drawn in place; a width from a key.
RUN: dtrace -qn 'BEGIN { @foo[123] = sum(123); @bar[456] = sum(456); @foo[789] = sum(789); @bar[789] = sum(1); printa("%10d %@10d %@10d\n", @foo, @bar); setopt("aggsortpos", "1"); printa("%10d %@10d %@10d\n", @foo, @bar); @s = sum(7); printa("%@d %@d\n", @s); @q[10, 6, 7] = quantize(1); printa("%d:%@d|%-*d|\n", @q); exit(0); }'
STDOUT:
       456          0        456
       123        123          0
       789        789          1
       123        123          0
       789        789          1
       456          0        456
7 7
10:
           value  ------------- Distribution ------------- count    
               0 |                                         0        
               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        
               2 |                                         0        
|7     |

