# Associative arrays (global and thread-local) of struct values: member
# stores and loads (an element never written reads as zeros), ++ on a
# member, whole elements copied, an array of struct values declared by
# assignment.
RUN: dtrace -qs struct-assoc.d -c "$TRIGGERS/getppid-loop 1"
STDOUT:
1 1 0 1|1 8 0|8 1|-1 8 0

