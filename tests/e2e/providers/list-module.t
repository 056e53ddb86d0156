# The module of an sdt probe is its tracefs category.
RUN: dtrace -l -n 'sdt:task::' | awk 'NR > 1 { print $2, $3, $4 }' | sort
STDOUT:
sdt task task_newtask
sdt task task_prctl_unknown
sdt task task_rename
