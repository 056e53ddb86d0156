#pragma D option quiet=yes
#pragma D option flowindent=off
self struct task_struct tsk;
BEGIN /(n++ == 0) ? b = 1 : b/
{
	mx = (struct mutex *)alloca(sizeof(struct mutex));
	o = mutex_owned(mx) + mutex_type_spin(mx) + mutex_type_adaptive(mx);
	r = (rwlock_t *)alloca(sizeof(rwlock_t));
	w = rw_read_held(r) + rw_write_held(r) + rw_iswriter(r);
	trace(curlwpsinfo->pr_name[2]);
	self->tsk = *curthread;
}
