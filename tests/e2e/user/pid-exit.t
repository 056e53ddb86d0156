# dtrace exits when the -c process does, and says so.
RUN: dtrace -n 'pid$target:a.out:leaf:entry { @ = count(); }' -c "$TRIGGERS/user-funcs 5"
STDOUT:

                5
STDERR-CONTAINS: matched 1 probe
STDERR-CONTAINS: has exited
