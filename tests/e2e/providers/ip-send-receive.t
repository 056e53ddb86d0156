# ip:::send and ip:::receive: the trigger's UDP datagrams over IPv4 (19
# bytes of payload) and IPv6 (21), with the interface and the
# version-specific headers.
RUN: dtrace -qn 'ip:::send, ip:::receive /args[2]->ip_plength == 19 || args[2]->ip_plength == 21/ { printf("%s %d %s %s %s %d %d\n", probename, args[2]->ip_ver, args[2]->ip_saddr, args[2]->ip_daddr, args[3]->if_name, args[3]->if_local, args[0]->pkt_addr != 0); } ip:::send, ip:::receive /args[2]->ip_ver == 4 && args[2]->ip_plength == 19/ { printf("  %d %d %d %d %s %s %s %d %d\n", args[4]->ipv4_ver, args[4]->ipv4_ihl, args[4]->ipv4_length, args[4]->ipv4_protocol, args[4]->ipv4_protostr, args[4]->ipv4_saddr, args[4]->ipv4_daddr, args[4]->ipv4_src == htonl(0x7f000001), args[4]->ipv4_offset); } ip:::send, ip:::receive /args[2]->ip_ver == 6 && args[2]->ip_plength == 21/ { printf("  %d %d %d %s %s %s\n", args[5]->ipv6_ver, args[5]->ipv6_plen, args[5]->ipv6_nexthdr, args[5]->ipv6_nextstr, args[5]->ipv6_saddr, args[5]->ipv6_daddr); }' -c "$TRIGGERS/net-loopback 47350"
STDOUT:
send 4 127.0.0.1 127.0.0.1 lo 1 1
  4 20 39 17 UDP 127.0.0.1 127.0.0.1 1 0
receive 4 127.0.0.1 127.0.0.1 lo 1 1
  4 20 39 17 UDP 127.0.0.1 127.0.0.1 1 0
send 6 ::1 ::1 lo 1 1
  6 21 17 UDP ::1 ::1
receive 6 ::1 ::1 lo 1 1
  6 21 17 UDP ::1 ::1

