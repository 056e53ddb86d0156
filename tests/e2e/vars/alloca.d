int *p;
struct pair { int a; char b; int c; } *q;

BEGIN
{
	p = alloca(2 * sizeof(int));
	p[0] = 42;
	*(p + 1) = 7;
	q = alloca(sizeof(struct pair));
	q->c = p[0] + p[1];
	s = (char *)alloca(3);
	bcopy("ab", s, 3);
	printf("%d %d %s|", p[0], p[1], stringof(s));
}

BEGIN
{
	x = (int *)alloca(4);
	trace(x[1]);
}

BEGIN
{
	/* (A constant this large is refused at compile time: D_ALLOCA_SIZE.) */
	n = 100000;
	alloca(n);
}

syscall::write:entry
/pid == $target/
{
	b = (char *)alloca(4);
	copyinto(arg1, 3, b);
	b[3] = 0;
	printf("%s %d %d\n", stringof(b), b[0] == 'p', alloca(0) == alloca(0));
	exit(0);
}
