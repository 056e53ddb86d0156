# normalize, denormalize, trunc (with positive and negative counts, and
# without) and clear act in the consumer when their record is printed.
RUN: dtrace -qn 'BEGIN { @a[1] = sum(10); @a[2] = sum(20); @a[3] = sum(35); @a[4] = sum(5); normalize(@a, 10); printa(@a); denormalize(@a); printa("%d=%@d\n", @a); trunc(@a, 2); printa(@a); trunc(@a, -1); printa(@a); clear(@a); printa(@a); trunc(@a); printa(@a); @n = count(); normalize(@n, 2); exit(0); }'
STDOUT:

        4                0
        1                1
        2                2
        3                3
4=5
1=10
2=20
3=35

        2               20
        3               35

        2               20

        2                0


                0
