# count/sum/min/max/avg/stddev with and without keys, printed at exit in
# DTrace's columns, each aggregation sorted by value, one after the other.
RUN: dtrace -qn 'BEGIN { @a = count(); @a = count(); @s[1, "x"] = sum(5); @s[2, "a"] = sum(3); @m = max(-3); @m = max(-7); @n = min(4); @n = min(-2); @v = avg(4); @v = avg(7); @d = stddev(2); @d = stddev(4); @d = stddev(4); @d = stddev(4); @d = stddev(5); @d = stddev(5); @d = stddev(7); @d = stddev(9); @big = stddev(5000000000); @big = stddev(5000000100); exit(0); }'
STDOUT:

                2
        2  a                                                                 3
        1  x                                                                 5
               -3
               -2
                5
                2
               50
