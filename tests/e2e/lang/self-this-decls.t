# Declared self-> and this-> variables keep their declared types (a string
# this-> variable, an int self-> variable), and a typed global's value is
# converted to its type on assignment from a wider one.
RUN: dtrace -qn 'self int x; this string s; unsigned char c; BEGIN { self->x = 3; this->s = "hi"; c = 257; printf("%d %s %d\n", self->x, this->s, c); exit(0); }'
STDOUT:
3 hi 1

