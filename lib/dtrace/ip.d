/*
 * IP: pktinfo_t, csinfo_t, ipinfo_t, ifinfo_t, ipv4info_t and ipv6info_t
 * (the types of the ip provider's arguments, and of tcp and udp ones) with
 * translators from the kernel's socket buffers, sockets, devices and
 * packet headers.  Written for this project from DTrace's documented
 * types.  An IP header's version is the high nibble of its first byte.
 */
#pragma D depends_on library procfs.d

typedef uint64_t netstackid_t;
typedef struct iphdr ipha_t;
typedef struct ipv6hdr ip6_t;
typedef struct in6_addr in6_addr_t;

inline int AF_INET = 2;
#pragma D binding "1.0" AF_INET
inline int AF_INET6 = 10;
#pragma D binding "1.0" AF_INET6

inline uint8_t IPPROTO_IP = 0;
inline uint8_t IPPROTO_ICMP = 1;
inline uint8_t IPPROTO_IGMP = 2;
inline uint8_t IPPROTO_IPIP = 4;
inline uint8_t IPPROTO_TCP = 6;
inline uint8_t IPPROTO_EGP = 8;
inline uint8_t IPPROTO_PUP = 12;
inline uint8_t IPPROTO_UDP = 17;
inline uint8_t IPPROTO_IDP = 22;
inline uint8_t IPPROTO_TP = 29;
inline uint8_t IPPROTO_DCCP = 33;
inline uint8_t IPPROTO_IPV6 = 41;
inline uint8_t IPPROTO_ROUTING = 43;
inline uint8_t IPPROTO_FRAGMENT = 44;
inline uint8_t IPPROTO_RSVP = 46;
inline uint8_t IPPROTO_GRE = 47;
inline uint8_t IPPROTO_ESP = 50;
inline uint8_t IPPROTO_AH = 51;
inline uint8_t IPPROTO_ICMPV6 = 58;
inline uint8_t IPPROTO_NONE = 59;
inline uint8_t IPPROTO_DSTOPTS = 60;
inline uint8_t IPPROTO_MTP = 92;
inline uint8_t IPPROTO_ENCAP = 98;
inline uint8_t IPPROTO_PIM = 103;
inline uint8_t IPPROTO_COMP = 108;
inline uint8_t IPPROTO_SCTP = 132;
inline uint8_t IPPROTO_RAW = 255;

typedef struct pktinfo {
	uintptr_t pkt_addr;	/* the socket buffer */
} pktinfo_t;

typedef struct csinfo {
	uintptr_t cs_addr;	/* the socket */
	uint64_t cs_cid;	/* connection id */
	pid_t cs_pid;		/* process (0: not known) */
	zoneid_t cs_zoneid;	/* zone */
} csinfo_t;

typedef struct ipinfo {
	uint8_t ip_ver;		/* 4 or 6 */
	uint16_t ip_plength;	/* payload length */
	string ip_saddr;	/* source address */
	string ip_daddr;	/* destination address */
} ipinfo_t;

typedef struct ifinfo {
	string if_name;		/* interface name */
	int8_t if_local;	/* loopback */
	netstackid_t if_ipstack; /* network namespace */
	uintptr_t if_addr;	/* the net_device */
} ifinfo_t;

typedef struct ipv4info {
	uint8_t ipv4_ver;
	uint8_t ipv4_ihl;	/* header length in bytes */
	uint8_t ipv4_tos;
	uint16_t ipv4_length;	/* total length */
	uint16_t ipv4_ident;
	uint8_t ipv4_flags;
	uint16_t ipv4_offset;	/* fragment offset */
	uint8_t ipv4_ttl;
	uint8_t ipv4_protocol;
	string ipv4_protostr;
	uint16_t ipv4_checksum;
	ipaddr_t ipv4_src;
	ipaddr_t ipv4_dst;
	string ipv4_saddr;
	string ipv4_daddr;
	ipha_t *ipv4_hdr;
} ipv4info_t;

typedef struct ipv6info {
	uint8_t ipv6_ver;
	uint8_t ipv6_tclass;
	uint32_t ipv6_flow;
	uint16_t ipv6_plen;
	uint8_t ipv6_nexthdr;
	string ipv6_nextstr;
	uint8_t ipv6_hlim;
	in6_addr_t *ipv6_src;
	in6_addr_t *ipv6_dst;
	string ipv6_saddr;
	string ipv6_daddr;
	ip6_t *ipv6_hdr;
} ipv6info_t;

/* ipv4_flags */
inline uint8_t IPH_DF = 2;
#pragma D binding "1.0" IPH_DF
inline uint8_t IPH_MF = 1;
#pragma D binding "1.0" IPH_MF

translator pktinfo_t < struct sk_buff *S > {
	pkt_addr = (uintptr_t)S;
};

translator csinfo_t < struct sock *S > {
	cs_addr = (uintptr_t)S;
	cs_cid = (uint64_t)S;
	cs_pid = 0;
	cs_zoneid = 0;
};

translator ipinfo_t < struct iphdr *I > {
	ip_ver = *(uint8_t *)I >> 4;
	ip_plength = (*(uint8_t *)I >> 4) == 4 ?
	    ntohs(I->tot_len) - (*(uint8_t *)I & 0xf) * 4 :
	    ntohs(((struct ipv6hdr *)I)->payload_len);
	ip_saddr = (*(uint8_t *)I >> 4) == 4 ? inet_ntoa(&I->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
	ip_daddr = (*(uint8_t *)I >> 4) == 4 ? inet_ntoa(&I->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
};

/* IFF_LOOPBACK is 0x8 in net_device's flags. */
translator ifinfo_t < struct net_device *D > {
	if_name = D != NULL ? stringof(D->name) : "<unknown>";
	if_local = D != NULL ? (D->flags & 0x8) != 0 : 0;
	if_ipstack = D != NULL ? (uint64_t)D->nd_net.net : 0;
	if_addr = (uintptr_t)D;
};

translator ipv4info_t < struct iphdr *I > {
	ipv4_ver = *(uint8_t *)I >> 4;
	ipv4_ihl = (*(uint8_t *)I & 0xf) * 4;
	ipv4_tos = I->tos;
	ipv4_length = ntohs(I->tot_len);
	ipv4_ident = ntohs(I->id);
	ipv4_flags = ntohs(I->frag_off) >> 13;
	ipv4_offset = ntohs(I->frag_off) & 0x1fff;
	ipv4_ttl = I->ttl;
	ipv4_protocol = I->protocol;
	ipv4_protostr = I->protocol == IPPROTO_TCP ? "TCP" :
	    I->protocol == IPPROTO_UDP ? "UDP" :
	    I->protocol == IPPROTO_ICMP ? "ICMP" :
	    I->protocol == IPPROTO_IGMP ? "IGMP" :
	    I->protocol == IPPROTO_SCTP ? "SCTP" :
	    I->protocol == IPPROTO_GRE ? "GRE" :
	    I->protocol == IPPROTO_ESP ? "ESP" :
	    I->protocol == IPPROTO_AH ? "AH" : lltostr(I->protocol);
	ipv4_checksum = ntohs(I->check);
	ipv4_src = I->saddr;
	ipv4_dst = I->daddr;
	ipv4_saddr = inet_ntoa(&I->saddr);
	ipv4_daddr = inet_ntoa(&I->daddr);
	ipv4_hdr = (ipha_t *)I;
};

translator ipv6info_t < struct ipv6hdr *I > {
	ipv6_ver = *(uint8_t *)I >> 4;
	ipv6_tclass = (ntohl(*(uint32_t *)I) >> 20) & 0xff;
	ipv6_flow = ntohl(*(uint32_t *)I) & 0xfffff;
	ipv6_plen = ntohs(I->payload_len);
	ipv6_nexthdr = I->nexthdr;
	ipv6_nextstr = I->nexthdr == IPPROTO_TCP ? "TCP" :
	    I->nexthdr == IPPROTO_UDP ? "UDP" :
	    I->nexthdr == IPPROTO_ICMPV6 ? "ICMPV6" :
	    I->nexthdr == IPPROTO_ROUTING ? "ROUTING" :
	    I->nexthdr == IPPROTO_FRAGMENT ? "FRAGMENT" :
	    I->nexthdr == IPPROTO_DSTOPTS ? "DSTOPTS" :
	    I->nexthdr == IPPROTO_NONE ? "NONE" :
	    I->nexthdr == IPPROTO_SCTP ? "SCTP" :
	    I->nexthdr == IPPROTO_ESP ? "ESP" :
	    I->nexthdr == IPPROTO_AH ? "AH" : lltostr(I->nexthdr);
	ipv6_hlim = I->hop_limit;
	ipv6_src = (in6_addr_t *)&I->saddr;
	ipv6_dst = (in6_addr_t *)&I->daddr;
	ipv6_saddr = inet_ntoa6(&I->saddr);
	ipv6_daddr = inet_ntoa6(&I->daddr);
	ipv6_hdr = (ip6_t *)I;
};
