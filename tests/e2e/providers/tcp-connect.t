# The tcp provider's connection probes on inet_sock_set_state,
# tcp_receive_reset and tcp_send_reset: the trigger connects to port 47320
# (accepted) and to port 47322 (nothing listens: refused).  At
# connect-request the kernel has not chosen the local port yet.
RUN: dtrace -qn 'tcp:::connect-request, tcp:::connect-established, tcp:::accept-established, tcp:::connect-refused /args[3]->tcps_lport == 47320 || args[3]->tcps_rport == 47320 || args[3]->tcps_rport == 47322/ { printf("%s %s %s %d %d %d\n", probename, args[3]->tcps_laddr, args[3]->tcps_raddr, args[3]->tcps_lport == 47320 ? 47320 : args[3]->tcps_lport != 0, args[3]->tcps_rport == 47320 || args[3]->tcps_rport == 47322 ? args[3]->tcps_rport : 1, args[1]->cs_addr == args[3]->tcps_addr); } tcp:::accept-refused /args[4]->tcp_dport == 47322/ { printf("%s %s %s %d %d\n", probename, args[2]->ip_saddr, args[2]->ip_daddr, args[4]->tcp_dport, args[4]->tcp_flags); }' -c "$TRIGGERS/net-loopback 47320"
STDOUT:
connect-request 127.0.0.1 127.0.0.1 0 47320 1
connect-established 127.0.0.1 127.0.0.1 1 47320 1
accept-established 127.0.0.1 127.0.0.1 47320 1 1
connect-request 127.0.0.1 127.0.0.1 0 47322 1
accept-refused 127.0.0.1 127.0.0.1 47322 2
connect-refused 127.0.0.1 127.0.0.1 1 47322 1

