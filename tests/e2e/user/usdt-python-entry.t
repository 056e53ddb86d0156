# python$target:::function-entry with the function name in arg1.
RUN: dtrace -q -n 'python$target:::function-entry { @[copyinstr(arg1)] = count(); } END { printa("%s %@d\n", @); }' -c '/usr/bin/python3.11 -c pass' | grep -c '^_'
STDOUT-MATCH:
[1-9]\d*
