# -x amin: a clause whose attributes are below the minimum is an error
# (D_ATTR_MIN, at the clause's end); one that meets it compiles.
RUN: $DTRACE -xerrtags -x amin=Evolving/Evolving/Common -e -n 'dtrace:::BEGIN { trace(curpsinfo->pr_pid); }'; echo "rc=$?"; $DTRACE -xerrtags -x amin=Evolving/Evolving/Common -e -n 'dtrace:::BEGIN { trace(curthread->pid); }'; echo "rc=$?"
STDOUT:
rc=0
rc=1
STDERR:
dtrace: invalid probe specifier dtrace:::BEGIN { trace(curthread->pid); }: [D_ATTR_MIN] line 1: attributes for clause (Stable/Private/Common) are less than predefined minimum
