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
	exit(0);
}
