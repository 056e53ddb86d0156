# inet_ntoa() of an IPv4 address in memory (network order).
RUN: dtrace -qn 'ipaddr_t *a; BEGIN { a = alloca(sizeof(ipaddr_t)); *a = htonl(0xc0a80117); printf("%s|", inet_ntoa(a)); *a = htonl(0x0a00000f); printf("%s\n", inet_ntoa(a)); exit(0); }'
STDOUT:
192.168.1.23|10.0.0.15

