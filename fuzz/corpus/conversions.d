signed char c; unsigned char C; short s; unsigned long long L; int a[4]; extern int e[];
BEGIN
{
	c = -3; C = 254; s = c + C; L = (unsigned short)(-1);
	x = (char)0x1ef + (long long)(signed char)-1 + (1 << (int64_t)40);
	p = &a[2]; q = a; *p = 1; q[1] += 2;
	t = (string *)alloca(sizeof(string)); *t = "abc";
	m = link_ntop(ARPHRD_ETHER, a);
	printf("%p %d %s\n", p, s, *t);
}
