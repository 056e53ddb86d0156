# exit(N) is dtrace's exit status, after END has run.
RUN: dtrace -qn 'BEGIN { exit(3); } END { printf("end\n"); }'
EXIT: 3
STDOUT:
end

