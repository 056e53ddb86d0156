/* print() of a D struct in alloca() memory and of a D global: each kind
 * of member, zero members left out, printsize cutting with an ellipsis. */
#pragma D option quiet

enum color { RED = 1, GREEN = 2 };

struct rec {
	int a;
	char name[6];
	union {
		__u8 c;
		__u64 d;
	} u;
	struct {
		void *p;
		uint64_t n;
	} s;
	long zero;
	bool ok;
	enum color col;
	int arr[3];
};

struct rec g;

BEGIN
{
	r = (struct rec *)alloca(sizeof (struct rec));
	r->a = -5;
	r->name[0] = 'h';
	r->name[1] = 'i';
	r->u.d = 0x141;
	r->s.p = (void *)0xfeedfacefeedface;
	r->ok = 1;
	r->col = GREEN;
	r->arr[1] = 7;
	print(r);
	setopt("printsize", "20");
	print(r);
	setopt("printsize", "1k");
	g.a = 3;
	g.col = RED;
	print(g);
	exit(0);
}
