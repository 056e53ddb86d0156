# dtrace -h: a header of probe macros in the sys/sdt.h format, named after
# the script; dtrace -G: an object file a build can link.
RUN: cd "$(mktemp -d)" && printf 'provider demo {\n\tprobe go__now(int, char *);\n\tprobe stop();\n};\n' > demo.d && $DTRACE -h -s demo.d && grep -E '^#define|DTRACE_PROBE' demo.h && $DTRACE -G -s demo.d -o demo-prov.o && readelf -h demo-prov.o | grep -E 'Type:'
STDOUT:
#define	_DEMO_H
#define _SDT_HAS_SEMAPHORES 1
#define	DEMO_GO_NOW(arg0, arg1) \
	DTRACE_PROBE2(demo, go__now, arg0, arg1)
#define	DEMO_GO_NOW_ENABLED() \
#define	DEMO_STOP() \
	DTRACE_PROBE(demo, stop)
#define	DEMO_STOP_ENABLED() \
  Type:                              REL (Relocatable file)
