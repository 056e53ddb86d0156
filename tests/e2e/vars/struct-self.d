self struct task_struct tsk;

BEGIN
{
	self->tsk = *curthread;
	me = self->tsk.pid;
	printf("%d %d|", self->tsk.pid == pid, self->tsk.tgid == pid);
}

syscall::getppid:entry
/pid == $target && !self->tsk.pid/
{
	n++;
	self->tsk = *curthread;
}

syscall::getppid:return
/pid == $target && self->tsk.pid/
{
	printf("%d %d %d|", self->tsk.pid == tid, self->tsk.tgid == pid, self->tsk.pid != me);
	self->tsk = 0;
	printf("%d", self->tsk.pid);
}

syscall::getppid:return
/pid == $target && n == 3/
{
	printf("\n");
	exit(0);
}
