# system() runs its formatted command in order with the other output;
# chill() spins for the time it is given (timestamp is fixed within a
# firing, so the shell measures it).
RUN: s=$(date +%s%N); $DTRACE -wqn 'BEGIN { printf("before\n"); system("echo %s %d", "cmd", 42); chill(200000000); exit(0); }'; e=$(date +%s%N); echo "chilled $(( (e - s) >= 200000000 ))"
STDOUT:
before
cmd 42

chilled 1
