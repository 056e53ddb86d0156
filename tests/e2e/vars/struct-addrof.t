# & of a member (or an element of an array member) of a struct self->
# variable or associative array element is DTrace's D_ADDROF_VAR: they live
# in maps, not in memory a pointer may reach.
RUN: for p in 'p = &self->v.x;' 'p = &self->v.c[1];' 'i = 1; p = &a[1].c[i];'; do $DTRACE -xerrtags -qn "struct s { char c[4]; int x; }; self struct s v; struct s a[int]; BEGIN { $p }" 2>&1 | sed 's/^.*: \[/[/'; done
STDOUT:
[D_ADDROF_VAR] line 1: cannot take address of dynamic variable
[D_ADDROF_VAR] line 1: cannot take address of dynamic variable
[D_ADDROF_VAR] line 1: cannot take address of dynamic variable
