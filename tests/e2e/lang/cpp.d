#!/usr/sbin/dtrace -Cs
#pragma D option quiet
#include "cpp.h"

BEGIN
{
#ifdef EXTRA
	printf("%d %s\n", TWICE(VALUE), EXTRA);
#else
	printf("%d\n", TWICE(VALUE));
#endif
#if __SUNW_D && defined(__x86_64)
	printf("d %d\n", __SUNW_D);
#endif
	exit(0);
}
