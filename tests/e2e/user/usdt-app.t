# An application's own provider, built with `dtrace -h` and `dtrace -G`
# (tests/triggers/CMakeLists.txt): probe names with "__" shown as "-",
# typed arguments (negative longs, strings), and the is-enabled test true
# while the probe is enabled (its semaphore raised by the kernel).
RUN: dtrace -q -n 'myapp$target:::work-start { printf("%s %d %s %d\n", probename, arg0, copyinstr(arg1), arg2); } myapp$target:::report { printf("enabled %d\n", arg0); }' -c "$TRIGGERS/usdt-app 3"
STDOUT:
work-start 0 item -50
work-start 1 item 50
work-start 2 item 150
enabled 3

