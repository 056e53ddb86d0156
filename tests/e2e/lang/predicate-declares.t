# A predicate may declare a variable by assigning it (new++) that the body
# then reads, while the body also assigns other new variables; a predicate
# reading a variable only the body assigns still sees it declared by it.
RUN: dtrace -qn 'BEGIN /(new++ == 0) ? bar = 5 : bar/ { other = new + bar; printf("%d %d %d\n", new, bar, other); } BEGIN /!seen/ { seen = 1; } BEGIN { exit(0); }'
STDOUT:
1 5 6

