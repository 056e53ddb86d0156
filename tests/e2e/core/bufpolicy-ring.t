# -x bufpolicy=ring keeps only the newest records (bufsize bytes of each
# CPU's ring buffer: 24 per printf of an int, and exit()'s) and prints
# them when tracing ends; tick-1ms fires on CPU 0, where END runs too.
RUN: taskset -c 0 $DTRACE -x bufpolicy=ring -x bufsize=96 -qn 'tick-1ms /i < 50/ { printf("%d\n", i++); } tick-1ms /i == 50/ { exit(0); } END { printf("end\n"); }'
STDOUT:
48
49
end

