/*
 * Process and thread model: psinfo_t and lwpsinfo_t (the types of the
 * process-model variables and of proc and sched probe arguments), with
 * translators from the kernel's struct task_struct, and curpsinfo,
 * curlwpsinfo.  Written for this project from DTrace's documented types;
 * members Linux has no equivalent for are constants.
 */

typedef id_t taskid_t;
typedef id_t projid_t;
typedef id_t poolid_t;
typedef id_t zoneid_t;
typedef id_t psetid_t;
typedef unsigned long dev_t;

typedef struct timestruc {
	int64_t tv_sec;
	int64_t tv_nsec;
} timestruc_t;

/* pr_dmodel */
inline char PR_MODEL_ILP32 = 1;
#pragma D binding "1.0" PR_MODEL_ILP32
inline char PR_MODEL_LP64 = 2;
#pragma D binding "1.0" PR_MODEL_LP64
inline char PR_MODEL_NATIVE = PR_MODEL_LP64;

/* pr_state */
inline char SSLEEP = 1;
inline char SRUN = 2;
inline char SZOMB = 3;
inline char SSTOP = 4;
inline char SIDL = 5;
inline char SONPROC = 6;
inline char SWAIT = 7;

typedef struct lwpsinfo {
	int pr_flag;		/* flags of the thread */
	id_t pr_lwpid;		/* thread id */
	uintptr_t pr_addr;	/* address of the thread's task_struct */
	uintptr_t pr_wchan;	/* wait address of a sleeping thread */
	char pr_stype;		/* synchronization event type */
	char pr_state;		/* SSLEEP, SRUN, ... */
	char pr_sname;		/* pr_state as a letter */
	char pr_nice;		/* nice value */
	short pr_syscall;	/* system call number */
	char pr_oldpri;		/* pre-SVR4 priority */
	char pr_cpu;		/* CPU usage for scheduling */
	int pr_pri;		/* priority, higher is more */
	ushort_t pr_pctcpu;	/* recent CPU time */
	ushort_t pr_pad;
	timestruc_t pr_start;	/* start time */
	timestruc_t pr_time;	/* CPU time used */
	char pr_clname[8];	/* scheduling class */
	char pr_name[16];	/* thread name */
	processorid_t pr_onpro;	/* CPU it last ran on */
	processorid_t pr_bindpro; /* CPU it is bound to */
	psetid_t pr_bindpset;	/* processor set it is bound to */
	int pr_lgrp;		/* locality group it last ran on */
} lwpsinfo_t;

typedef struct psinfo {
	int pr_flag;		/* process flags */
	int pr_nlwp;		/* number of threads */
	pid_t pr_pid;		/* process id */
	pid_t pr_ppid;		/* parent's process id */
	pid_t pr_pgid;		/* process group id */
	pid_t pr_sid;		/* session id */
	uid_t pr_uid;		/* real user id */
	uid_t pr_euid;		/* effective user id */
	gid_t pr_gid;		/* real group id */
	gid_t pr_egid;		/* effective group id */
	uintptr_t pr_addr;	/* address of the process's task_struct */
	size_t pr_size;		/* address space size in KB */
	size_t pr_rssize;	/* resident set size in KB */
	size_t pr_pad1;
	dev_t pr_ttydev;	/* controlling terminal */
	ushort_t pr_pctcpu;	/* recent CPU time */
	ushort_t pr_pctmem;	/* share of memory */
	timestruc_t pr_start;	/* start time */
	timestruc_t pr_time;	/* CPU time of the process */
	timestruc_t pr_ctime;	/* CPU time of its reaped children */
	char pr_fname[16];	/* name of the executable */
	char pr_psargs[80];	/* initial characters of the argument list */
	int pr_wstat;		/* wait status of a zombie */
	int pr_argc;		/* initial argument count */
	uintptr_t pr_argv;	/* address of the initial argument vector */
	uintptr_t pr_envp;	/* address of the initial environment vector */
	char pr_dmodel;		/* PR_MODEL_ILP32 or PR_MODEL_LP64 */
	char pr_pad2[3];
	taskid_t pr_taskid;
	projid_t pr_projid;
	int pr_nzomb;		/* number of zombie threads */
	poolid_t pr_poolid;
	zoneid_t pr_zoneid;
	id_t pr_contract;
	int pr_filler[1];
	lwpsinfo_t pr_lwp;	/* a representative thread */
} psinfo_t;

/*
 * A process's initial stack starts with argc, then the argument vector
 * and its NULL, then the environment vector.
 */
translator psinfo_t < struct task_struct *T > {
	pr_flag = 0;
	pr_nlwp = T->signal->nr_threads;
	pr_pid = T->tgid;
	pr_ppid = T->real_parent->tgid;
	pr_pgid = T->signal->pids[2]->numbers[0].nr;
	pr_sid = T->signal->pids[3]->numbers[0].nr;
	pr_uid = T->cred->uid.val;
	pr_euid = T->cred->euid.val;
	pr_gid = T->cred->gid.val;
	pr_egid = T->cred->egid.val;
	pr_addr = (uintptr_t)T;
	pr_size = T->mm != NULL ? T->mm->total_vm << 2 : 0;
	pr_ttydev = T->signal->tty != NULL ?
	    ((dev_t)T->signal->tty->driver->major << 20) |
	    (T->signal->tty->driver->minor_start + T->signal->tty->index) : 0;
	pr_fname = T->group_leader->comm;
	pr_psargs = d_execargs(T);
	pr_wstat = T->exit_code;
	pr_argc = T->mm != NULL && T == curthread ?
	    *(int *)copyin(T->mm->start_stack, sizeof (int)) : 0;
	pr_argv = T->mm != NULL ? T->mm->start_stack + 8 : 0;
	pr_envp = T->mm != NULL && T == curthread ? T->mm->start_stack + 8 +
	    8 * (*(int *)copyin(T->mm->start_stack, sizeof (int)) + 1) : 0;
	pr_dmodel = (T->thread_info.status & 2) != 0 ? PR_MODEL_ILP32 : PR_MODEL_LP64;
	pr_taskid = 0;
	pr_projid = 0;
	pr_nzomb = 0;
	pr_poolid = 0;
	pr_zoneid = 0;
	pr_contract = 0;
};

translator lwpsinfo_t < struct task_struct *T > {
	pr_flag = 0;
	pr_lwpid = T->pid;
	pr_addr = (uintptr_t)T;
	pr_wchan = 0;
	pr_stype = 0;
	pr_state = T->exit_state != 0 ? SZOMB :
	    T->__state == 0 ? (T == curthread ? SONPROC : SRUN) :
	    (T->__state & 3) != 0 ? SSLEEP :
	    (T->__state & 12) != 0 ? SSTOP : SIDL;
	pr_sname = T->exit_state != 0 ? 'Z' :
	    T->__state == 0 ? (T == curthread ? 'O' : 'R') :
	    (T->__state & 3) != 0 ? 'S' :
	    (T->__state & 12) != 0 ? 'T' : 'I';
	pr_syscall = 0;
	pr_pri = T->prio;
	pr_clname = T->policy == 1 ? "RT" : T->policy == 2 ? "RT" : "TS";
	pr_name = T->comm;
	pr_onpro = T->thread_info.cpu;
	pr_bindpro = -1;
	pr_bindpset = -1;
	pr_lgrp = 0;
};

inline psinfo_t *curpsinfo = xlate <psinfo_t *> (curthread);
#pragma D attributes Stable/Stable/Common curpsinfo
#pragma D binding "1.0" curpsinfo

inline lwpsinfo_t *curlwpsinfo = xlate <lwpsinfo_t *> (curthread);
#pragma D attributes Stable/Stable/Common curlwpsinfo
#pragma D binding "1.0" curlwpsinfo
