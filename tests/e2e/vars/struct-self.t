# A self-> variable of struct type: a copy of *curthread whose members read
# back the thread's; each thread has its own (the BEGIN thread's is not
# the traced thread's, which reads as zeros until it stores one), and
# assigning 0 deletes it (its members read 0 again: the entry clause
# copies the task anew on each call).
RUN: dtrace -qs struct-self.d -c "$TRIGGERS/getppid-loop 3"
STDOUT:
1 1|1 1 1|01 1 1|01 1 1|0

