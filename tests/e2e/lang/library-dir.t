# -L adds a directory of D library files: its inlines, typedefs and
# translators are in scope (and may depend on the installed library).
RUN: dtrace -L libdir -qn 'BEGIN { printf("%d %d %d\n", MY_ANSWER, mystat->ms_pid == pid, sizeof (mystat_t)); exit(0); }'
STDOUT:
42 1 4

