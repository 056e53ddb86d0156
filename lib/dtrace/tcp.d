/*
 * TCP: tcpinfo_t (a segment's header), tcpsinfo_t (a connection's state)
 * and tcplsinfo_t (a previous state), the types of the tcp provider's
 * arguments, with translators from the kernel's struct tcphdr and struct
 * sock, the TCP_STATE_* values (the kernel's own numbering) and the
 * header flags.  Written for this project from DTrace's documented types.
 * A segment received before the kernel has looked its socket up has no
 * socket: tcpsinfo_t members are then 0 and "<unknown>".
 */
#pragma D depends_on library ip.d

inline int32_t TCP_STATE_IDLE = 0;
#pragma D binding "1.0" TCP_STATE_IDLE
inline int32_t TCP_STATE_ESTABLISHED = 1;
#pragma D binding "1.0" TCP_STATE_ESTABLISHED
inline int32_t TCP_STATE_SYN_SENT = 2;
#pragma D binding "1.0" TCP_STATE_SYN_SENT
inline int32_t TCP_STATE_SYN_RECEIVED = 3;
#pragma D binding "1.0" TCP_STATE_SYN_RECEIVED
inline int32_t TCP_STATE_FIN_WAIT_1 = 4;
#pragma D binding "1.0" TCP_STATE_FIN_WAIT_1
inline int32_t TCP_STATE_FIN_WAIT_2 = 5;
#pragma D binding "1.0" TCP_STATE_FIN_WAIT_2
inline int32_t TCP_STATE_TIME_WAIT = 6;
#pragma D binding "1.0" TCP_STATE_TIME_WAIT
inline int32_t TCP_STATE_CLOSED = 7;
#pragma D binding "1.0" TCP_STATE_CLOSED
inline int32_t TCP_STATE_CLOSE_WAIT = 8;
#pragma D binding "1.0" TCP_STATE_CLOSE_WAIT
inline int32_t TCP_STATE_LAST_ACK = 9;
#pragma D binding "1.0" TCP_STATE_LAST_ACK
inline int32_t TCP_STATE_LISTEN = 10;
#pragma D binding "1.0" TCP_STATE_LISTEN
inline int32_t TCP_STATE_CLOSING = 11;
#pragma D binding "1.0" TCP_STATE_CLOSING
/* A socket bound but not listening or connecting: Linux calls it closed. */
inline int32_t TCP_STATE_BOUND = 7;
#pragma D binding "1.0" TCP_STATE_BOUND

/* tcp_flags */
inline uint8_t TH_FIN = 0x01;
#pragma D binding "1.0" TH_FIN
inline uint8_t TH_SYN = 0x02;
#pragma D binding "1.0" TH_SYN
inline uint8_t TH_RST = 0x04;
#pragma D binding "1.0" TH_RST
inline uint8_t TH_PUSH = 0x08;
#pragma D binding "1.0" TH_PUSH
inline uint8_t TH_ACK = 0x10;
#pragma D binding "1.0" TH_ACK
inline uint8_t TH_URG = 0x20;
#pragma D binding "1.0" TH_URG
inline uint8_t TH_ECE = 0x40;
#pragma D binding "1.0" TH_ECE
inline uint8_t TH_CWR = 0x80;
#pragma D binding "1.0" TH_CWR

typedef struct tcpinfo {
	uint16_t tcp_sport;	/* source port */
	uint16_t tcp_dport;	/* destination port */
	uint32_t tcp_seq;	/* sequence number */
	uint32_t tcp_ack;	/* acknowledgment number */
	uint8_t tcp_offset;	/* data offset in bytes */
	uint8_t tcp_flags;	/* TH_* */
	uint16_t tcp_window;	/* window */
	uint16_t tcp_checksum;	/* checksum */
	uint16_t tcp_urgent;	/* urgent pointer */
	struct tcphdr *tcp_hdr;	/* the header */
} tcpinfo_t;

typedef struct tcpsinfo {
	uintptr_t tcps_addr;	/* the socket */
	int tcps_local;		/* both ends on this host */
	int tcps_active;	/* opened from here */
	uint16_t tcps_lport;	/* local port */
	uint16_t tcps_rport;	/* remote port */
	string tcps_laddr;	/* local address */
	string tcps_raddr;	/* remote address */
	int32_t tcps_state;	/* TCP_STATE_* */
	uint32_t tcps_iss;	/* initial sequence number sent */
	uint32_t tcps_irs;	/* initial sequence number received */
	uint32_t tcps_suna;	/* oldest unacknowledged */
	uint32_t tcps_smax;	/* highest sequence number sent */
	uint32_t tcps_snxt;	/* next to send */
	uint32_t tcps_rack;	/* last acknowledged */
	uint32_t tcps_rnxt;	/* next expected */
	uint32_t tcps_swnd;	/* send window */
	int32_t tcps_snd_ws;	/* send window scale */
	uint32_t tcps_swl1;	/* sequence number of the last window update */
	uint32_t tcps_swl2;	/* ack number of the last window update */
	uint32_t tcps_rup;	/* receive urgent pointer */
	uint32_t tcps_radv;	/* advertised window */
	uint32_t tcps_rwnd;	/* receive window */
	int32_t tcps_rcv_ws;	/* receive window scale */
	uint32_t tcps_cwnd;	/* congestion window */
	uint32_t tcps_cwnd_ssthresh; /* slow start threshold */
	uint32_t tcps_sack_fack;
	uint32_t tcps_sack_snxt;
	uint32_t tcps_rto;	/* retransmission timeout (jiffies) */
	uint32_t tcps_mss;	/* maximum segment size */
	int tcps_retransmit;	/* segments retransmitted */
	int tcps_srtt;		/* smoothed round-trip time (us << 3) */
	int tcps_debug;
	int tcps_cookie;
	int tcps_dupacks;
	uint32_t tcps_rtt;
	uint32_t tcps_rtt_cnt;
} tcpsinfo_t;

typedef struct tcplsinfo {
	int32_t tcps_state;	/* the previous state */
} tcplsinfo_t;

translator tcpinfo_t < struct tcphdr *T > {
	tcp_sport = ntohs(T->source);
	tcp_dport = ntohs(T->dest);
	tcp_seq = ntohl(T->seq);
	tcp_ack = ntohl(T->ack_seq);
	tcp_offset = (*((uint8_t *)T + 12) >> 4) * 4;
	tcp_flags = *((uint8_t *)T + 13);
	tcp_window = ntohs(T->window);
	tcp_checksum = ntohs(T->check);
	tcp_urgent = ntohs(T->urg_ptr);
	tcp_hdr = T;
};

translator tcpsinfo_t < struct sock *S > {
	tcps_addr = (uintptr_t)S;
	tcps_local = S != NULL && S->__sk_common.skc_family == AF_INET &&
	    S->__sk_common.skc_daddr == S->__sk_common.skc_rcv_saddr;
	tcps_active = 0;
	tcps_lport = S != NULL ? S->__sk_common.skc_num : 0;
	tcps_rport = S != NULL ? ntohs(S->__sk_common.skc_dport) : 0;
	tcps_laddr = S == NULL ? "<unknown>" :
	    S->__sk_common.skc_family == AF_INET ?
	    inet_ntoa(&S->__sk_common.skc_rcv_saddr) :
	    inet_ntoa6(&S->__sk_common.skc_v6_rcv_saddr);
	tcps_raddr = S == NULL ? "<unknown>" :
	    S->__sk_common.skc_family == AF_INET ?
	    inet_ntoa(&S->__sk_common.skc_daddr) :
	    inet_ntoa6(&S->__sk_common.skc_v6_daddr);
	tcps_state = S != NULL ? S->__sk_common.skc_state : 0;
	tcps_iss = 0;
	tcps_irs = 0;
	tcps_suna = S != NULL ? ((struct tcp_sock *)S)->snd_una : 0;
	tcps_smax = S != NULL ? ((struct tcp_sock *)S)->write_seq : 0;
	tcps_snxt = S != NULL ? ((struct tcp_sock *)S)->snd_nxt : 0;
	tcps_rack = S != NULL ? ((struct tcp_sock *)S)->rcv_wup : 0;
	tcps_rnxt = S != NULL ? ((struct tcp_sock *)S)->rcv_nxt : 0;
	tcps_swnd = S != NULL ? ((struct tcp_sock *)S)->snd_wnd : 0;
	tcps_snd_ws = S != NULL ? ((struct tcp_sock *)S)->rx_opt.snd_wscale : 0;
	tcps_swl1 = S != NULL ? ((struct tcp_sock *)S)->snd_wl1 : 0;
	tcps_swl2 = 0;
	tcps_rup = S != NULL ? ((struct tcp_sock *)S)->snd_up : 0;
	tcps_radv = S != NULL ? ((struct tcp_sock *)S)->rcv_wnd : 0;
	tcps_rwnd = S != NULL ? ((struct tcp_sock *)S)->rcv_wnd : 0;
	tcps_rcv_ws = S != NULL ? ((struct tcp_sock *)S)->rx_opt.rcv_wscale : 0;
	tcps_cwnd = S != NULL ? ((struct tcp_sock *)S)->snd_cwnd : 0;
	tcps_cwnd_ssthresh = S != NULL ? ((struct tcp_sock *)S)->snd_ssthresh : 0;
	tcps_sack_fack = 0;
	tcps_sack_snxt = 0;
	tcps_rto = S != NULL ? ((struct inet_connection_sock *)S)->icsk_rto : 0;
	tcps_mss = S != NULL ? ((struct tcp_sock *)S)->mss_cache : 0;
	tcps_retransmit = S != NULL ? ((struct tcp_sock *)S)->total_retrans : 0;
	tcps_srtt = S != NULL ? ((struct tcp_sock *)S)->srtt_us : 0;
	tcps_debug = 0;
	tcps_cookie = 0;
	tcps_dupacks = 0;
	tcps_rtt = 0;
	tcps_rtt_cnt = 0;
};

translator tcplsinfo_t < int S > {
	tcps_state = S;
};
