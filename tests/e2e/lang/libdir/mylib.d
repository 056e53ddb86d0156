/* A user D library for library-dir.t: -L makes its names visible. */
#pragma D depends_on library procfs.d

inline int MY_ANSWER = 42;
typedef struct mystat { int ms_pid; } mystat_t;
translator mystat_t < struct task_struct *T > { ms_pid = T->tgid; };
inline mystat_t *mystat = xlate <mystat_t *> (curthread);
