# Without the start probe enabled, its semaphore stays 0: the is-enabled
# test is false for every item.
RUN: dtrace -q -n 'myapp$target:::report { printf("enabled %d\n", arg0); }' -c "$TRIGGERS/usdt-app 4"
STDOUT:
enabled 0

