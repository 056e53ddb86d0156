RUN: dtrace -l -n 'rawtp:task::task_re*' | awk 'NR > 1 { print $2, $3, $4 }'; $DTRACE -l -i 2 | tail -1
STDOUT:
rawtp task task_rename
    2     dtrace                                                     END
