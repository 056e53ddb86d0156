# link_ntop(): an Ethernet (ARPHRD_ETHER, 6 bytes) or InfiniBand
# (ARPHRD_INFINIBAND, 20 bytes) address in hex joined by ':', from alloca'd
# memory or a global byte array; the result stops at strsize; another type
# is an illegal operation and a bad address faults.
RUN: dtrace -qn 'uint8_t ib[20]; BEGIN { this->e = (uint64_t *)alloca(8); *this->e = htonll(0x020820ac040e << 16); ib[0] = 0x80; ib[19] = 0xcd; printf("%s\n%s\n", link_ntop(ARPHRD_ETHER, this->e), link_ntop(ARPHRD_INFINIBAND, ib)); } BEGIN { trace(link_ntop(2, ib)); } BEGIN { trace(link_ntop(ARPHRD_ETHER, (uint8_t *)8)); } BEGIN { exit(0); }' && $DTRACE -x strsize=7 -qn 'uint8_t a[6]; BEGIN { a[0] = 0xab; printf("%s\n", link_ntop(ARPHRD_ETHER, a)); exit(0); }'
STDOUT:
02:08:20:ac:04:0e
80:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:cd

ab:00:0

STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): illegal operation
STDERR-CONTAINS: dtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): invalid address (0x8)
