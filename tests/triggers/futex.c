/* Two threads hand a futex back and forth a few times. */
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int word;

static void wait_for(int v) {
    while (atomic_load(&word) != v) syscall(SYS_futex, &word, FUTEX_WAIT, atomic_load(&word), NULL, NULL, 0);
}
static void set_wake(int v) {
    atomic_store(&word, v);
    syscall(SYS_futex, &word, FUTEX_WAKE, 1, NULL, NULL, 0);
}
static void *other(void *arg) {
    (void)arg;
    for (int i = 0; i < 5; i++) {
        wait_for(1);
        set_wake(0);
    }
    return NULL;
}
int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, other, NULL);
    for (int i = 0; i < 5; i++) {
        set_wake(1);
        wait_for(0);
    }
    pthread_join(t, NULL);
    return 0;
}
