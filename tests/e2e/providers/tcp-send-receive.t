# tcp:::send and tcp:::receive (net_dev_start_xmit and netif_receive_skb,
# TCP packets): the trigger's "hello" (5 bytes) to port 47310 and the
# answer "world!" (6 bytes), with addresses, ports, flags and the sending
# socket's state.  A received segment has no socket yet.
RUN: dtrace -qn 'tcp:::send, tcp:::receive /(args[4]->tcp_dport == 47310 || args[4]->tcp_sport == 47310) && args[2]->ip_plength > args[4]->tcp_offset/ { printf("%s %s %s %s %d %d %d\n", probename, args[2]->ip_saddr, args[2]->ip_daddr, args[4]->tcp_dport == 47310 ? "to-server" : "to-client", args[2]->ip_plength - args[4]->tcp_offset, args[4]->tcp_flags == (TH_PUSH | TH_ACK), args[4]->tcp_offset >= 20); } tcp:::send /(args[4]->tcp_dport == 47310 || args[4]->tcp_sport == 47310) && args[2]->ip_plength > args[4]->tcp_offset/ { printf("  %d %d %d %s %s %d\n", args[3]->tcps_lport == args[4]->tcp_sport, args[3]->tcps_rport == args[4]->tcp_dport, args[3]->tcps_state == TCP_STATE_ESTABLISHED, args[3]->tcps_laddr, args[3]->tcps_raddr, args[1]->cs_addr == args[3]->tcps_addr); } tcp:::receive /args[4]->tcp_dport == 47310 && args[2]->ip_plength > args[4]->tcp_offset/ { printf("  %s %d\n", args[3]->tcps_raddr, args[3]->tcps_lport); }' -c "$TRIGGERS/net-loopback 47310"
STDOUT:
send 127.0.0.1 127.0.0.1 to-server 5 1 1
  1 1 1 127.0.0.1 127.0.0.1 1
receive 127.0.0.1 127.0.0.1 to-server 5 1 1
  <unknown> 0
send 127.0.0.1 127.0.0.1 to-client 6 1 1
  1 1 1 127.0.0.1 127.0.0.1 1
receive 127.0.0.1 127.0.0.1 to-client 6 1 1

