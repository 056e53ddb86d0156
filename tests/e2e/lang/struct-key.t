# A struct or union as an associative array key: equal bytes, equal keys.
RUN: dtrace -qn 'struct rec { int pos; char c; }; struct rec r1, r2, r3; BEGIN { r1.pos = 1; r1.c = 97; r2.pos = 1; r2.c = 97; r3.pos = 2; a[r1] = 1000; a[r2] = 2000; a[r3] = 3; this->t = r3; printf("%d %d %d %d\n", a[r1], a[r2], a[r3], a[this->t]); exit(0); }'
STDOUT:
2000 2000 3 3

