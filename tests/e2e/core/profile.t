# profile-N fires on every CPU; arg0 or arg1 (kernel or user pc) is set.
RUN: dtrace -qn 'profile-97 /arg0 != 0 || arg1 != 0/ { n++; } tick-1s { printf("%s\n", n > 50 ? "ok" : "few"); exit(0); }'
STDOUT:
ok

