# printa's checks: aggregations printed together need matching keys; keys
# must suit the conversions; an argument must be an aggregation.
RUN: dtrace -xerrtags -n 'BEGIN { @foo[123] = sum(123); @bar = sum(456); printa("%10d %@10d %@10d\n", @foo, @bar); }'; $DTRACE -xerrtags -n 'BEGIN { @foo[123] = sum(123); @bar["x"] = sum(456); printa("%10d %@10d %@10d\n", @foo, @bar); }'; $DTRACE -xerrtags -n 'BEGIN { @a["k"] = count(); printa("%d %@d\n", @a); }'; $DTRACE -xerrtags -n 'BEGIN { printa("%d", 123); }'; $DTRACE -xerrtags -n 'BEGIN { @a = count(); printa("%d %@d\n", @a); }'
EXIT: 1
STDERR:
dtrace: invalid probe specifier BEGIN { @foo[123] = sum(123); @bar = sum(456); printa("%10d %@10d %@10d\n", @foo, @bar); }: [D_PRINTA_AGGKEY] line 1: printa( ): @foo and @bar do not have matching key signatures: @foo has 1 key, @bar has 0 keys
dtrace: invalid probe specifier BEGIN { @foo[123] = sum(123); @bar["x"] = sum(456); printa("%10d %@10d %@10d\n", @foo, @bar); }: [D_PRINTA_AGGPROTO] line 1: printa( ): @bar[ ] key #1 is incompatible with @foo:
      foo key #1: int
      bar key #1: string
dtrace: invalid probe specifier BEGIN { @a["k"] = count(); printa("%d %@d\n", @a); }: [D_PRINTF_ARG_TYPE] line 1: printa( ) argument #2 is incompatible with conversion #1 prototype:
	conversion: %d
	 prototype: char, short, int, long, or long long
	  argument: string
dtrace: invalid probe specifier BEGIN { printa("%d", 123); }: [D_PRINTA_AGGARG] line 1: printa( ) argument #2 is incompatible with prototype:
	prototype: aggregation
	 argument: int
dtrace: invalid probe specifier BEGIN { @a = count(); printa("%d %@d\n", @a); }: [D_PRINTF_ARG_PROTO] line 1: printa( ) prototype mismatch: conversion #1 (%d) is missing a corresponding value argument
