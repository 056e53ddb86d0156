# Bad input: clear errors and exit status 1, never a hang.
RUN: $DTRACE -n ''; echo "rc=$?"; $DTRACE -c /nonexistent/prog -n BEGIN; echo "rc=$?"; $DTRACE -n 'BEGIN {'; echo "rc=$?"; $DTRACE -s /nonexistent.d; echo "rc=$?"; $DTRACE -x bogus -n BEGIN; echo "rc=$?"
STDOUT:
rc=1
rc=1
rc=1
rc=1
rc=1
STDERR:
dtrace: description '' matched 0 probes
dtrace: no probes matched
dtrace: failed to execute /nonexistent/prog: No such file or directory
dtrace: invalid probe specifier BEGIN {: line 1: syntax error near end of input
dtrace: failed to open /nonexistent.d: No such file or directory
dtrace: failed to set -x bogus: Invalid option name
