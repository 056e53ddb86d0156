/* Kernel lock contention for the lockstat tests: threads mapping and
 * unmapping memory contend for their process's mmap_lock (an rwsem). */
#include <pthread.h>
#include <sys/mman.h>

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) continue;
        p[0] = 1;
        p[3 * 4096] = 1;
        munmap(p, 4 * 4096);
    }
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
