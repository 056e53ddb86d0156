# The D library: curpsinfo, curlwpsinfo and curcpu come from lib/dtrace
# (translators from the current task_struct), checked on first use.
RUN: dtrace -qn 'BEGIN { printf("%d %d %d %d %s %s %d %d %d\n", curpsinfo->pr_pid == pid, curpsinfo->pr_ppid == ppid, curlwpsinfo->pr_lwpid == tid, curpsinfo->pr_uid == uid, curpsinfo->pr_fname, curlwpsinfo->pr_name, curpsinfo->pr_dmodel == PR_MODEL_LP64, curcpu->cpu_id == cpu, curlwpsinfo->pr_state == SONPROC); exit(0); }'
STDOUT:
1 1 1 1 dtrace dtrace 1 1 1

