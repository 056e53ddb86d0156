struct bar {
	int pid;
	struct task_struct *curthread;
	short s[3];
};

struct bar foo[int];
self struct bar sfoo[int, string];

syscall::getppid:entry
/pid == $target/
{
	foo[0].pid = pid;
	foo[0].curthread = curthread;
	self->sfoo[1, "a"].pid = tid;
	self->sfoo[1, "a"].s[2] = 7;
	self->sfoo[1, "a"].s[2]++;
	foo[1] = self->sfoo[1, "a"];
	other[1] = foo[1];
	other[1].s[0] = -1;
	printf("%d %d %d %d|", foo[0].pid == pid, foo[0].curthread == curthread,
	    foo[5].pid, foo[5].curthread == NULL);
	printf("%d %d %d|", self->sfoo[1, "a"].pid == tid, self->sfoo[1, "a"].s[2],
	    self->sfoo[1, "b"].pid);
	printf("%d %d|%d %d %d\n", foo[1].s[2], foo[1].pid == tid, other[1].s[0],
	    other[1].s[2], foo[1].s[0]);
	exit(0);
}
