# Comparisons with constants wider than 32 bits; timestamp is one value
# per firing.
RUN: dtrace -qn 'BEGIN { x = 1795633740002509652; a = timestamp; b = timestamp; printf("%d %d %d %d %d\n", x > 1700000000000000000, x < 1700000000000000000, 5000000000 > 4000000000, x == 1795633740002509652, b - a); exit(0); }'
STDOUT:
1 0 1 1 0

