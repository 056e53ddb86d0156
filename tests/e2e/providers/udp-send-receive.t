# udp:::send and udp:::receive: the trigger's 11-byte datagram from a
# connected socket to 127.0.0.1:47341 and its 13-byte one to [::1]:47341.
RUN: dtrace -qn 'udp:::send, udp:::receive /args[4]->udp_dport == 47341/ { printf("%s %d %s %s %d %d\n", probename, args[2]->ip_ver, args[2]->ip_saddr, args[2]->ip_daddr, args[4]->udp_length, args[4]->udp_sport != 0); } udp:::send /args[4]->udp_dport == 47341/ { printf("  %s %d %d %d\n", args[3]->udps_laddr, args[3]->udps_lport == args[4]->udp_sport, args[3]->udps_rport, args[3]->udps_addr == args[1]->cs_addr); }' -c "$TRIGGERS/net-loopback 47340"
STDOUT:
send 4 127.0.0.1 127.0.0.1 19 1
  127.0.0.1 1 47341 1
receive 4 127.0.0.1 127.0.0.1 19 1
send 6 ::1 ::1 21 1
  :: 1 0 1
receive 6 ::1 ::1 21 1

