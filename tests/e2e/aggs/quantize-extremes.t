# quantize() of the extremes: INT64_MIN (whose negation overflows) goes in
# the most negative bucket, INT64_MAX in the largest, as DTrace counts them.
RUN: dtrace -qn 'BEGIN { @ = quantize(-9223372036854775807LL - 1); @ = quantize(9223372036854775807LL); @ = quantize(-4611686018427387904LL); exit(0); }' | grep -E '^-?4611686018427387904 '
STDOUT:
-4611686018427387904 |@@@@@@@@@@@@@@@@@@@@@@@@@@@              2        
4611686018427387904 |@@@@@@@@@@@@@                            1        
