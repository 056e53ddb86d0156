# system() runs its formatted command in order with the other output;
# chill() spins for the time it is given.
RUN: dtrace -wqn 'BEGIN { printf("before\n"); system("echo %s %d", "cmd", 42); t = timestamp; chill(50000000); printf("%s\n", timestamp - t >= 50000000 ? "chilled" : "short"); exit(0); }'
STDOUT:
before
cmd 42
chilled

