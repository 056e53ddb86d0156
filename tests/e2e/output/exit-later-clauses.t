# After exit(), the firing's later clauses do not run (BEGIN and probes
# alike); END still runs.
RUN: dtrace -qn 'BEGIN { exit(0); } BEGIN { printf("not here\n"); } END { printf("end\n"); }'; $DTRACE -qn 'BEGIN { n = 0; } tick-10ms /n++ == 2/ { printf("exit\n"); exit(0); } tick-10ms { printf("tick %d\n", n); }'
STDOUT:
end

tick 1
tick 2
exit

