/* ++, -- and op= on every kind of variable: each yields the old value
 * (post) or the new one (pre), and the variable holds the new one. */
#pragma D option quiet

struct s { int a; long b; char c; };
struct s g;

BEGIN
{
	x = 5; self->y = 5; this->z = 5; a["k"] = 5; g.a = 5;
	printf("post++ %d %d %d %d %d\n", x++, self->y++, this->z++, a["k"]++, g.a++);
	printf("pre++  %d %d %d %d %d\n", ++x, ++self->y, ++this->z, ++a["k"], ++g.a);
	printf("post-- %d %d %d %d %d\n", x--, self->y--, this->z--, a["k"]--, g.a--);
	printf("pre--  %d %d %d %d %d\n", --x, --self->y, --this->z, --a["k"], --g.a);
	printf("now    %d %d %d %d %d\n", x, self->y, this->z, a["k"], g.a);

	p = (struct s *)alloca(sizeof (struct s));
	p->a = 5; p->b = -1; p->c = 127;
	printf("mem    %d %d %d\n", p->a++, ++p->b, p->c++);
	printf("mem    %d %d %d\n", p->a--, --p->b, --p->c);
	p->a += 10; p->b -= 3; p->a *= 2; p->a /= 3;
	printf("mem    %d %d\n", p->a, p->b);
	ip = (int *)p;
	(*ip)++;
	printf("deref  %d\n", p->a);

	/* An element's keys are evaluated once. */
	i = 0; c[0] = 1;
	c[i++]++;
	c[i++] += 5;
	printf("keys   %d %d %d\n", i, c[0], c[1]);

	/* Pointers step by their target's size. */
	q = (int *)alloca(16);
	r = q; r++; self->r = r; self->r += 2; this->r = r; --this->r;
	printf("ptrs   %d %d %d\n", (long)r - (long)q, (long)self->r - (long)q,
	    (long)this->r - (long)q);
	exit(0);
}
