BEGIN
{
	x = "foo";
	printf("%s|%s|%s\n", strjoin(x, "bar"), strjoin(x, ""), strjoin("", ""));
	printf("%s|%s|%s|%s|%s\n", substr("hello world", 6), substr("hello", -3, 2),
	    substr("hello", 1, -1), substr("hi", 5), substr("hello", -10));
	printf("%d %d %d %d %d %d %d\n", index("hello", "l"), rindex("hello", "l"),
	    index("hello", "z"), index("hello", "lo"), index("hello", "l", 4),
	    rindex("hello", "l", 10), index("hello", ""));
	printf("%s %s %s\n", strchr("hello", 'l'), strrchr("hello", 'l'),
	    strstr("hello", "ll"));
	printf("%s %s %s %s %s %s %s %s\n", basename("/usr/lib/foo"), basename("/usr/lib/"),
	    basename("/"), basename(""), dirname("/usr/lib/foo"), dirname("foo"),
	    dirname("/foo"), dirname("///"));
	printf("%s %s %s %s %s\n", toupper("Hello"), tolower("HeLLo"), lltostr(-1234),
	    lltostr(255, 16), lltostr(0));
	printf("%x %x %x\n", htons(0x1234), htonl(0x12345678), ntohll(0x0102030405060708));
	printf("%x %d\n", ntohs(0x3412), progenyof(pid));
}

syscall::getppid:entry
/pid == $target/
{
	printf("%s\n", strjoin(probefunc, strjoin(".", probefunc)));
	exit(0);
}
