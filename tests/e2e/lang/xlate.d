struct in { int i; char c; };
struct out { int oi; char oc; int unset; };
translator struct out < struct in v > { oi = ((struct in)v).i; oc = v.c; };
translator struct in < int x > { i = x * 0; c = x; };
struct in a; struct out b; struct out d;
BEGIN {
	a.i = 10; a.c = 'c';
	printf("%d %c\n", xlate<struct out>(a).oi, xlate<struct out>(a).oc);
	printf("%d %d\n", xlate<struct in>(7).i, xlate<struct in>(7).c);
	a.i = 7; a.c = 0;
	b = xlate<struct out>(a);
	printf("%d %d\n", b.oi, b.unset);
	d = b;
	printf("%d %d\n", d.oi, d.oc);
	exit(0);
}
