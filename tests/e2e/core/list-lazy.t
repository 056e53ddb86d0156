# The kernel's tracepoints are read only when a description could name
# one, but a description without a provider still matches them all, and
# a full listing holds every provider.
RUN: dtrace -l -n sched_switch -n BEGIN -n ':::tick-1s' && $DTRACE -l | awk 'NR > 1 { print $2 }' | sort -u | tr '\n' ' '
STDOUT-MATCH:
   ID   PROVIDER            MODULE                          FUNCTION NAME
    1     dtrace                                                     BEGIN
 +\d+        sdt             sched                                   sched_switch
 +\d+      rawtp             sched                                   sched_switch
 +\d+    profile                                                     tick-1s
dtrace io ip lockstat proc profile rawtp sched sdt syscall tcp udp 
