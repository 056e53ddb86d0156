# clear() keeps the keys with zero values while the kernel goes on
# aggregating; a cleared keyless aggregation still prints (as 0) at exit.
# (printa and clear act when the consumer reads their record.)
RUN: dtrace -qn 'BEGIN { n = 0; @c[1] = sum(5); @c[2] = sum(7); @k = count(); } tick-200ms /n == 0/ { printa(@c); clear(@c); clear(@k); } tick-200ms /n == 3/ { printa(@c); @c[2] = sum(1); } tick-200ms /n++ == 4/ { printa(@c); exit(0); }'
STDOUT:

        1                5
        2                7

        1                0
        2                1

        1                0
        2                1

                0
