# count/sum/min/max/avg with and without keys, printed at exit in DTrace's
# columns, each aggregation sorted by value, blank lines between them.
RUN: dtrace -qn 'BEGIN { @a = count(); @a = count(); @s[1, "x"] = sum(5); @s[2, "a"] = sum(3); @m = max(-3); @m = max(-7); @n = min(4); @n = min(-2); @v = avg(4); @v = avg(7); exit(0); }'
STDOUT:

                2

        2  a                                                                 3
        1  x                                                                 5

               -3

               -2

                5
