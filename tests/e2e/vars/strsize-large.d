/* -x strsize past the old 256-byte buffers: 4096 characters kept whole in
 * globals, self->, this->, associative array and aggregation keys, and
 * through strjoin(), substr(), index(), rindex(), strtok(), toupper(). */
#pragma D option quiet
#pragma D option strsize=4096

BEGIN
{
	s = "0123456789abcdef";
	s = strjoin(s, s); s = strjoin(s, s); s = strjoin(s, s);
	s = strjoin(s, s); s = strjoin(s, s); s = strjoin(s, s);
	s = strjoin(s, s); s = strjoin(s, s);
	self->t = s;
	this->u = strjoin(s, "past the end");
	a[s, s] = strlen(s);
	@c[s, substr(s, 4090)] = count();
	printf("%d %d %d %d %d\n", strlen(s), strlen(self->t), strlen(this->u),
	    a[s, s], sizeof (s));
	printf("%s %d %d\n", substr(s, 4090), index(s, "f0", 4000), rindex(s, "ef0"));
	printf("%d %d\n", strlen(toupper(s)), strlen(strtok(strjoin(s, ",x"), ",")));
	printf("%s\n", substr(strjoin(strjoin(s, "zz"), "y"), 4088));
	exit(0);
}

END
{
	printa("%.10s %s %@d\n", @c);
}
