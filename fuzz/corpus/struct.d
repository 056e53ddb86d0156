struct foo { int a:3; char c; long l[4]; struct foo *next; };
struct foo f;
BEGIN { f.a = 1; trace(sizeof(struct foo) + offsetof(struct foo, l)); }
