# inet_ntop() and inet_ntoa6(): DTrace's zero-run compression (its quirks
# included), IPv4-mapped and -compatible addresses, run-time families, and
# the faults of a bad family or address.
RUN: dtrace -s inet6.d
STDOUT:
fe80::214:4fff:fe0b:76c8
1:0:0:2::3:4
1::2:3:4:5:6:7
fe12:3456:789a:bcde:214:4fff:fe0b:0
::1:0:0:0
:: ::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
::ffff:10.0.0.1 10.0.0.1 ::ffff:10.0.0.1
::192.168.1.1 192.168.1.1 192.168.1.1
0:0:0:0:0:0:0.0.0.2 0.0.0.2
::fffe:7f00:1
192.168.1.23 0.0.0.0

STDERR-CONTAINS: dtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): illegal operation at BPF pc
STDERR-CONTAINS: dtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): invalid address (0x8) at BPF pc
STDERR-CONTAINS: dtrace: error in dt_clause_3 for probe ID 1 (dtrace:::BEGIN): invalid address (0x10) at BPF pc
