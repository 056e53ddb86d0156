# Bad stack()/ustack() arguments: DTrace's tags and messages.
RUN: for s in 'stack(0)' 'stack(1, 2)' 'ustack(0, 10)' 'ustack(1, -1)' 'ustack(1, "x")'; do $DTRACE -xerrtags -n "BEGIN { $s; }"; echo "rc=$?"; done 2>&1
STDOUT:
dtrace: invalid probe specifier BEGIN { stack(0); }: [D_STACK_SIZE] line 1: stack( ) argument #1 must be a non-zero positive integer constant
rc=1
dtrace: invalid probe specifier BEGIN { stack(1, 2); }: [D_PROTO_LEN] line 1: stack( ) prototype mismatch: 2 args passed, at most 1 expected
rc=1
dtrace: invalid probe specifier BEGIN { ustack(0, 10); }: [D_USTACK_FRAMES] line 1: ustack( ) argument #1 must be a non-zero positive integer constant
rc=1
dtrace: invalid probe specifier BEGIN { ustack(1, -1); }: [D_USTACK_STRSIZE] line 1: ustack( ) argument #2 must be a positive integer constant
rc=1
dtrace: invalid probe specifier BEGIN { ustack(1, "x"); }: [D_PROTO_ARG] line 1: ustack( ) argument #2 is incompatible with prototype:
	prototype: uint32_t
	 argument: string
rc=1
