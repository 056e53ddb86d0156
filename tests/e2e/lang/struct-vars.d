/* Members and bit-fields of struct variables, read and written in BPF. */
#pragma D option quiet

struct bits {
	int a : 1;
	int b : 3;
	unsigned int c : 12;
	char d;
	long e;
};
struct outer {
	char x;
	struct bits in;
	int y;
} o;
struct bits v;
int a[4];
struct pt {
	int x;
	short y[3];
} pts[2];

BEGIN
{
	v.a = -1;
	v.b = 3;
	v.c = 4095;
	v.d = 'z';
	v.e = -77;
	o.in.b = -4;
	o.y = -2;
	o.x = 9;
	printf("%d %d %d %c %d | %d %d %d %d\n", v.a, v.b, v.c, v.d, v.e, o.in.b, o.y, o.x,
	    o.in.c);
	v.b = 1;
	v.c = 4096 + 5;
	printf("%d %d %d %d\n", v.a, v.b, v.c, v.a + v.b * 10);
	a[0] = 5;
	a[3] = -7;
	pts[1].y[2] = 9;
	pts[0].x = 3;
	printf("%d %d %d %d %d\n", a[0], a[3], pts[1].y[2], pts[0].x, a[1]);
	exit(0);
}
