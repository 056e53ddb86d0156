# if/else: only the actions of the branch taken are printed.
RUN: dtrace -qn 'BEGIN { x = 3; if (x > 2) { printf("big\n"); } else { printf("small\n"); } if (x < 2) printf("no\n"); exit(0); }'
STDOUT:
big

