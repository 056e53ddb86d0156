# -x aggpercpu: under each value over all CPUs, every CPU's own value; a CPU
# without data shows the function's starting value (0, or the extremes for
# min and max).  The traced process runs on CPU 0 only; the other CPUs'
# lines are counted (one per possible CPU).
RUN: $DTRACE -xaggpercpu -qn 'syscall::exit_group:entry /pid == $target/ { @n = count(); @s[execname] = sum(5); @mx = max(7); @mn = min(100); }' -c 'taskset -c 0 /bin/true' > /tmp/dt-e2e-aggpercpu.out; grep -v '^    \[CPU [1-9]' /tmp/dt-e2e-aggpercpu.out; cpus=$(( $(sed 's/.*-//' /sys/devices/system/cpu/possible) + 1 )); echo "other CPUs: $(( $(grep -c '^    \[CPU [1-9]' /tmp/dt-e2e-aggpercpu.out) == 4 * (cpus - 1) ))"; grep -E '^    \[CPU [1-9][0-9]*\] +(0|-9223372036854775808|9223372036854775807)$' /tmp/dt-e2e-aggpercpu.out | sed -E 's/CPU [0-9]+/CPU n/' | sort -u
STDOUT:

                1
    [CPU 0]                1
  true                                                              5
    [CPU 0]                5
                7
    [CPU 0]                7
              100
    [CPU 0]              100
other CPUs: 1
    [CPU n]                0
    [CPU n] -9223372036854775808
    [CPU n] 9223372036854775807
