# A USDT probe with two sites in one function is one probe; each site's
# operands are decoded when it fires (the site is in the attach cookie).
RUN: $DTRACE -l -n 'myapp$target:::work-done' -c "$TRIGGERS/usdt-app" | tail -n +2 | wc -l; $DTRACE -q -n 'myapp$target:::work-done { printf("%d\n", arg0); }' -c "$TRIGGERS/usdt-app 2"
STDOUT:
1
0
1
2000

