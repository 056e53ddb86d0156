# -l lists probes in DTrace's columns.
RUN: dtrace -l -n 'syscall::getppid:entry' -n BEGIN
STDOUT-MATCH:
   ID   PROVIDER            MODULE                          FUNCTION NAME
    1     dtrace                                                     BEGIN
 +\d+    syscall           vmlinux                           getppid entry
