# -s scripts with macro arguments, and a #! first line.
SETUP: printf '#!/usr/sbin/dtrace -qs\nBEGIN { printf("%%d %%s\\n", $1 + 1, $$2); exit(0); }\n' > /tmp/dt-e2e-args.d
RUN: dtrace -qs /tmp/dt-e2e-args.d 41 hello
STDOUT:
42 hello

