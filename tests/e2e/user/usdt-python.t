# USDT probes from Debian's python3.11 (.note.stapsdt): "__" in a note's
# name is "-" in the probe's, arguments come from the note's operands
# (registers and memory), the semaphore is raised while enabled.
RUN: printf 'def foo(n):\n    return n + 1\nfor i in range(3):\n    foo(i)\n' > /tmp/dt-usdt-python.py; $DTRACE -q -n 'python$target:::line /copyinstr(arg0) == "/tmp/dt-usdt-python.py"/ { printf("%s %d\n", copyinstr(arg1), arg2); }' -c '/usr/bin/python3.11 /tmp/dt-usdt-python.py'
STDOUT:
<module> 1
<module> 3
<module> 4
foo 2
<module> 3
<module> 4
foo 2
<module> 3
<module> 4
foo 2
<module> 3

