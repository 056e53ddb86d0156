/* Process and thread life cycle for the proc and sched provider tests:
 * a child that execs /bin/true, a failing exec, a child that exits 3, one
 * killed by SIGKILL, a thread created and joined, a handled SIGUSR1 and a
 * sched_yield(). */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_usr1(int sig) {
    (void)sig;
}

static void *thread_main(void *arg) {
    return arg;
}

int main(void) {
    pid_t c = fork();
    if (c == 0) {
        /* On the stack: a forked child has not faulted in the parent's
         * read-only data, which the kernel cannot do from a probe. */
        char path[] = "/bin/true";
        execl(path, "true", "proc-life-arg", (char *)NULL);
        _exit(127);
    }
    waitpid(c, NULL, 0);
    execl("/nonexistent/proc-life", "x", (char *)NULL); /* fails: ENOENT */
    c = fork();
    if (c == 0) _exit(3);
    waitpid(c, NULL, 0);
    c = fork();
    if (c == 0) {
        for (;;) pause();
    }
    kill(c, SIGKILL);
    waitpid(c, NULL, 0);
    pthread_t t;
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);
    signal(SIGUSR1, on_usr1);
    kill(getpid(), SIGUSR1);
    sched_yield();
    return 0;
}
