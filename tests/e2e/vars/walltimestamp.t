# walltimestamp is the time of day in nanoseconds, read at each use (two
# reads in one firing differ, unlike timestamp's), near date(1)'s.
RUN: $DTRACE -qn 'BEGIN { t1 = walltimestamp; t2 = walltimestamp; s1 = timestamp; s2 = timestamp; printf("%d %d %d\n", t2 > t1, s2 == s1, t1 / 1000000000); exit(0); }' | awk -v now=$(date +%s) 'NF == 3 { d = $3 - now; print $1, $2, (d >= -2 && d <= 2) ? "near" : "far " d }'
STDOUT:
1 1 near
