BEGIN
{
	a = speculation();
	printf("id %d\n", a);
}
BEGIN
{
	speculate(a);
	printf("kept 1\n");
}
BEGIN
{
	speculate(a);
	printf("kept 2\n");
}
BEGIN
{
	b = speculation();
	printf("second %d\n", b);
}
BEGIN
{
	commit(a);
}
BEGIN
{
	c = speculation();
	speculate(c);
	printf("dropped\n");
}
BEGIN
{
	discard(c);
	printf("after\n");
	exit(0);
}
