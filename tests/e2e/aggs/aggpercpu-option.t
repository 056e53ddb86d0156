# #pragma D option aggpercpu; setopt("aggpercpu", "false") turns it off.
RUN: $DTRACE -s aggpercpu-option.d -c 'taskset -c 0 /bin/true' | grep -v '^    \[CPU [1-9]'
STDOUT:

  calls                                                             1
    [CPU 0]                1

  calls                                                             1

