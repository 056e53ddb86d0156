# strtok() keeps its string between calls; strings compare by value, and
# with NULL by address.
RUN: dtrace -qn 'BEGIN { x = "a,b;;c"; printf("%s|%s|%s|%d\n", strtok(x, ","), strtok(NULL, ";"), strtok(NULL, ";"), strtok(NULL, ";") == NULL); printf("%d %d %d %d\n", "abc" < "abd", "b" > "abc", strchr("abc", 122) == NULL, strchr("abc", 98) != NULL); exit(0); }'
STDOUT:
a|,b|c|1
1 1 1 1

