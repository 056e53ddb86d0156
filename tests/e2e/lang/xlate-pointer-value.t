# A translated pointer stored in a variable: the translation is built in
# scratch memory (as DTrace does) and read through the pointer.
RUN: dtrace -qn 'cpuinfo_t *ci; psinfo_t *p; lwpsinfo_t *l; BEGIN { ci = curcpu; p = curpsinfo; l = curlwpsinfo; printf("%d %d %d %s %s %s %c\n", ci->cpu_id == cpu, p->pr_pid == pid, p->pr_ppid == ppid, p->pr_fname, l->pr_clname, l->pr_name, l->pr_sname); exit(0); }'
STDOUT:
1 1 1 dtrace TS dtrace O

