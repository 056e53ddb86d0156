# tcp:::state-change on inet_sock_set_state: the previous states
# (args[5], tcplsinfo_t) of the trigger's client socket to port 47330 as it
# connects and closes.
RUN: dtrace -qn 'tcp:::state-change /args[3]->tcps_rport == 47330/ { printf("%d\n", args[5]->tcps_state); }' -c "$TRIGGERS/net-loopback 47330"
STDOUT:
7
2
1
4
5

