# ip provider: args[4] (ipv4info_t *) is NULL for an IPv6 packet and
# args[5] (ipv6info_t *) for an IPv4 one; a translation from a null
# pointer is a null pointer, comparable with NULL.
RUN: dtrace -qn 'ip:::receive /args[4] != NULL/ { v4++; } ip:::receive /args[5] != NULL/ { v6++; } ip:::receive /args[4] == NULL && args[5] == NULL/ { none++; } ip:::receive /args[4] != NULL && args[5] != NULL/ { both++; } END { printf("%d %d %d %d\n", v4 > 0, v6 > 0, none, both); }' -c "$TRIGGERS/net-loopback 47310"
STDOUT:
1 1 0 0

