/*
 * inet_ntop() and inet_ntoa6() as DTrace formats them.  The addresses are
 * set byte by byte in alloca'd memory; set6() takes the 16 bytes as two
 * 64-bit big-endian halves.
 */
#pragma D option quiet

struct in6_addr *a6;
ipaddr_t *a4;

BEGIN
{
	a6 = alloca(sizeof(struct in6_addr));
	a4 = alloca(sizeof(ipaddr_t));
	this->w = (uint64_t *)a6;

	/* The longest zero run becomes "::" ... */
	this->w[0] = htonll(0xfe80000000000000); this->w[1] = htonll(0x02144ffffe0b76c8);
	printf("%s\n", inet_ntop(AF_INET6, a6));
	/* ... a later one of the same length wins when it ends mid-group ... */
	this->w[0] = htonll(0x0001000000000002); this->w[1] = htonll(0x0000000000030004);
	printf("%s\n", inet_ntop(AF_INET6, a6));
	/* ... a single zero group is compressed ... */
	this->w[0] = htonll(0x0001000000020003); this->w[1] = htonll(0x0004000500060007);
	printf("%s\n", inet_ntop(AF_INET6, a6));
	/* ... but not a trailing one, nor a run shorter than the first. */
	this->w[0] = htonll(0xfe123456789abcde); this->w[1] = htonll(0x02144ffffe0b0000);
	printf("%s\n", inet_ntop(AF_INET6, a6));
	this->w[0] = 0; this->w[1] = htonll(0x0001000000000000);
	printf("%s\n", inet_ntop(AF_INET6, a6));
	/* Unspecified, loopback, all ones. */
	this->w[0] = 0; this->w[1] = 0;
	printf("%s ", inet_ntop(AF_INET6, a6));
	this->w[1] = htonll(1);
	printf("%s ", inet_ntop(AF_INET6, a6));
	this->w[0] = -1; this->w[1] = -1;
	printf("%s\n", inet_ntop(AF_INET6, a6));
	/* IPv4-mapped and -compatible: dotted at the end (inet_ntoa6: only). */
	this->w[0] = 0; this->w[1] = htonll(0x0000ffff0a000001);
	printf("%s %s %s\n", inet_ntop(AF_INET6, a6), inet_ntoa6(a6), inet_ntoa6(a6, 1));
	this->w[1] = htonll(0x00000000c0a80101);
	printf("%s %s %s\n", inet_ntop(AF_INET6, a6), inet_ntoa6(a6), inet_ntoa6(a6, 0));
	this->w[1] = htonll(2);
	printf("%s %s\n", inet_ntop(AF_INET6, a6), inet_ntoa6(a6));
	/* Not mapped: ::fffe:... stays hex. */
	this->w[1] = htonll(0x0000fffe7f000001);
	printf("%s\n", inet_ntoa6(a6));

	/* IPv4, with the family known only at run time. */
	*a4 = htonl(0xc0a80117);
	af = AF_INET;
	printf("%s ", inet_ntop(af, a4));
	*a4 = 0;
	printf("%s\n", inet_ntop(af, a4));
}

BEGIN
{
	/* An unknown family is an illegal operation ... */
	af = 3;
	trace(inet_ntop(af, a4));
}

BEGIN
{
	/* ... and an unreadable address an invalid one. */
	trace(inet_ntop(AF_INET6, (struct in6_addr *)8));
}

BEGIN
{
	trace(inet_ntoa6((struct in6_addr *)16));
}

BEGIN
{
	exit(0);
}
