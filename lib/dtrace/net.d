/*
 * Link-layer address types (the kernel's ARPHRD_* values), for link_ntop().
 */

inline int ARPHRD_ETHER = 1;
#pragma D binding "1.0" ARPHRD_ETHER
inline int ARPHRD_INFINIBAND = 32;
#pragma D binding "1.0" ARPHRD_INFINIBAND
