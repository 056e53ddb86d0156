# char array members of struct variables (global, this->, self->, array
# elements): elements at a computed index read and written, the member
# read as a string (self->tsk.comm from a copy of *curthread).
RUN: $DTRACE -qn 'struct s { int a; char name[8]; struct { char in[4]; } n; }; struct s g; this struct s t; self struct task_struct tsk; struct s x[int]; BEGIN { self->tsk = *curthread; this->t.name[0] = 104; this->t.name[1] = 105; i = 2; this->t.name[i] = 33; g.n.in[i - 2] = 65; x[1].name[i - 1] = 66; x[1].name[0] = x[1].name[i - 1] + 1; printf("%s %s|%s|%s|%s|%s|%d %d\n", stringof(self->tsk.comm), self->tsk.comm, this->t.name, g.n.in, x[1].name, x[2].name, this->t.name[i], x[3].name[i]); trace(this->t.name); exit(0); }'
STDOUT:
dtrace dtrace|hi!|A|CB||33 0
hi!
