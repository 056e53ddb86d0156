# arg0..arg9 are the same values as args[] words.
RUN: dtrace -qn 'sdt:task::task_rename /pid == $target/ { printf("%d\n", arg0 == pid); exit(0); }' -c $TRIGGERS/rename-self
STDOUT:
1

