/*
 * UDP: udpinfo_t (a datagram's header) and udpsinfo_t (its socket), the
 * types of the udp provider's arguments, with translators from the
 * kernel's struct udphdr and struct sock.  Written for this project from
 * DTrace's documented types.  A datagram received before the kernel has
 * looked its socket up has no socket: udpsinfo_t members are then 0 and
 * "<unknown>".
 */
#pragma D depends_on library ip.d

typedef struct udpinfo {
	uint16_t udp_sport;	/* source port */
	uint16_t udp_dport;	/* destination port */
	uint16_t udp_length;	/* length of header and payload */
	uint16_t udp_checksum;	/* checksum */
	struct udphdr *udp_hdr;	/* the header */
} udpinfo_t;

typedef struct udpsinfo {
	uintptr_t udps_addr;	/* the socket */
	uint16_t udps_lport;	/* local port */
	uint16_t udps_rport;	/* remote port (0: not connected) */
	string udps_laddr;	/* local address */
	string udps_raddr;	/* remote address */
} udpsinfo_t;

translator udpinfo_t < struct udphdr *U > {
	udp_sport = ntohs(U->source);
	udp_dport = ntohs(U->dest);
	udp_length = ntohs(U->len);
	udp_checksum = ntohs(U->check);
	udp_hdr = U;
};

translator udpsinfo_t < struct sock *S > {
	udps_addr = (uintptr_t)S;
	udps_lport = S != NULL ? S->__sk_common.skc_num : 0;
	udps_rport = S != NULL ? ntohs(S->__sk_common.skc_dport) : 0;
	udps_laddr = S == NULL ? "<unknown>" :
	    S->__sk_common.skc_family == AF_INET ?
	    inet_ntoa(&S->__sk_common.skc_rcv_saddr) :
	    inet_ntoa6(&S->__sk_common.skc_v6_rcv_saddr);
	udps_raddr = S == NULL ? "<unknown>" :
	    S->__sk_common.skc_family == AF_INET ?
	    inet_ntoa(&S->__sk_common.skc_daddr) :
	    inet_ntoa6(&S->__sk_common.skc_v6_daddr);
};
