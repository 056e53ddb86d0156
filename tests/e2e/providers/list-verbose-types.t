RUN: dtrace -l -v -n 'rawtp:sched::sched_switch' -n 'syscall::openat:' | grep -E 'args|PROVIDER|entry|return|switch'
STDOUT-MATCH:
   ID   PROVIDER            MODULE                          FUNCTION NAME
 +\d+    syscall           vmlinux                            openat entry
		args\[0\]: int
		args\[1\]: const char \*
		args\[2\]: int
		args\[3\]: umode_t
 +\d+    syscall           vmlinux                            openat return
		args\[0\]: long
		args\[1\]: long
 +\d+      rawtp             sched                                   sched_switch
		args\[0\]: bool
		args\[1\]: struct task_struct \*
		args\[2\]: struct task_struct \*
		args\[3\]: unsigned int
