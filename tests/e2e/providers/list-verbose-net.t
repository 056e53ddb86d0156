# -lv shows the stable providers' translated argument types.
RUN: dtrace -lv -n io:::start -n ip:::receive -n tcp:::state-change -n udp:::send | grep 'args\['
STDOUT:
		args[0]: bufinfo_t *
		args[1]: devinfo_t *
		args[2]: fileinfo_t *
		args[0]: pktinfo_t *
		args[1]: csinfo_t *
		args[2]: ipinfo_t *
		args[3]: ifinfo_t *
		args[4]: ipv4info_t *
		args[5]: ipv6info_t *
		args[0]: pktinfo_t *
		args[1]: csinfo_t *
		args[2]: ipinfo_t *
		args[3]: tcpsinfo_t *
		args[4]: tcpinfo_t *
		args[5]: tcplsinfo_t *
		args[0]: pktinfo_t *
		args[1]: csinfo_t *
		args[2]: ipinfo_t *
		args[3]: udpsinfo_t *
		args[4]: udpinfo_t *
