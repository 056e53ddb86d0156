# d_execargs(task) and psinfo_t's pr_psargs: the process's arguments as ps
# shows them (NULs between them as spaces, no trailing space), read at
# exec-success; a kernel thread (no arguments) shows its name.
RUN: printf '#!/bin/sh\n/bin/echo a  b "c d" > /dev/null\n' > psargs.tmp.sh && chmod +x psargs.tmp.sh && $DTRACE -qn 'proc:::exec-success /ppid == $target/ { printf("[%s] [%s]\n", curpsinfo->pr_psargs, d_execargs(curthread)); } profile-97 /pid == 0/ { k = d_execargs(curthread); } END { printf("[%s]\n", substr(k, 0, 7)); }' -c ./psargs.tmp.sh; rm -f psargs.tmp.sh
STDOUT:
[/bin/echo a b c d] [/bin/echo a b c d]
[swapper]

