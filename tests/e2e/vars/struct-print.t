# print() of struct variables that live in D storage: this->, self-> and
# an associative array's element (one never written shows no members).
RUN: $DTRACE -qn 'struct s { int a; short b; }; this struct s v; self struct s w; struct s x[int]; BEGIN { this->v.a = 3; self->w.b = -4; print(this->v); print(self->w); print(x[1]); exit(0); }' | sed 's/^0x[0-9a-f]* = \*$/ADDR = */'
STDOUT:
ADDR = *
                                            (struct s) {
                                             .a = (int)3,
                                            }
ADDR = *
                                            (struct s) {
                                             .b = (short)-4,
                                            }
ADDR = *
                                            (struct s) {
                                            }

