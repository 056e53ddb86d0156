# trace(probefunc) in the default output format, for a -c child.
RUN: dtrace -n 'syscall::getppid:entry /pid == $target/ { trace(probefunc); trace(arg0); }' -c '$TRIGGERS/getppid-loop 2'
STDOUT-MATCH:
CPU     ID                    FUNCTION:NAME
 +\d+ +\d+ +getppid:entry   getppid {45}0
 +\d+ +\d+ +getppid:entry   getppid {45}0

STDERR-CONTAINS: matched 1 probe
