# An aggregation keyed by a struct or union is refused when the script
# compiles (it used to be keyed by the struct's first 8 bytes).
RUN: dtrace -qn 'struct s { int a; long c; }; this struct s v; BEGIN { this->v.a = 1; @[this->v] = count(); exit(0); }'
EXIT: 1
STDERR-CONTAINS: line 1: aggregation keys of type struct s are not supported yet
