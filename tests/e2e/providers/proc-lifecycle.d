proc:::create /pid == $target/ { printf("create child-of-target=%d\n", args[0]->pr_ppid == $target); }
proc:::exec /ppid == $target/ { printf("exec %s\n", args[0]); }
proc:::exec-success /ppid == $target/ { printf("exec-success %s %s\n", execname, curpsinfo->pr_psargs); }
proc:::exec-failure /pid == $target/ { printf("exec-failure %d\n", args[0]); }
proc:::exit /ppid == $target/ { printf("exit %d\n", args[0]); }
proc:::lwp-create /pid == $target/
{
	printf("lwp-create same-process=%d new-thread=%d\n", args[1]->pr_pid == $target,
	    args[0]->pr_lwpid != $target);
}
proc:::lwp-exit /pid == $target && tid != pid/ { printf("lwp-exit\n"); }
proc:::lwp-start /pid == $target/ { printf("lwp-start\n"); }
proc:::start /ppid == $target/ { printf("start\n"); }
proc:::signal-send /pid == $target/ { printf("signal-send %d self=%d\n", args[2], args[1]->pr_pid == $target); }
proc:::signal-handle /pid == $target/ { printf("signal-handle %d\n", args[0]); }
sched:::surrender /pid == $target/ { printf("surrender %d\n", args[1]->pr_pid == $target); }
proc:::exit /pid == $target/ { printf("target exit %d\n", args[0]); }
