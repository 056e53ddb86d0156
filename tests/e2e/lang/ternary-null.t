# ?: with a pointer and NULL (either way round) has the pointer's type, as
# C types it: the result can be dereferenced and assigned to the pointer.
RUN: dtrace -qn 'BEGIN { t = curthread; q = t == NULL ? NULL : t; r = t != NULL ? t : NULL; v = (void *)t; w = 1 ? t : v; printf("%d %d %d\n", q->pid == pid, r->tgid == pid, w == v); t = t ? NULL : t; printf("%d\n", t == NULL); exit(0); }'
STDOUT:
1 1 1
1

