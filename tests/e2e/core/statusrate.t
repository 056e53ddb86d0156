# -x statusrate: exit() is acted on at the consumer's next status check,
# so END comes that much later; without it, at once.
RUN: s=$(date +%s%N); $DTRACE -x statusrate=600ms -qn 'BEGIN { exit(0); } END { printf("end\n"); }'; e=$(date +%s%N); test $(( (e - s) / 1000000 )) -ge 500 && echo "waited for the status check"; s=$(date +%s%N); $DTRACE -qn 'BEGIN { exit(0); }'; e=$(date +%s%N); test $(( (e - s) / 1000000 )) -lt 500 && echo "at once"; $DTRACE -x statusrate=fast -n 'BEGIN { exit(0); }'; $DTRACE -x switchrate=0.5hz -n 'BEGIN { exit(0); }'
EXIT: 1
STDOUT:
end

waited for the status check

at once
STDERR:
dtrace: failed to set -x statusrate: Invalid value for specified option
dtrace: failed to set -x switchrate: Invalid value for specified option
