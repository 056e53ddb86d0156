/* On SIGUSR1 calls go(0, 1, ..., 9) once and exits. */
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t got;

long go(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j) {
    return a + b + c + d + e + f + g + h + i + j;
}
static void handler(int sig) { (void)sig; got = 1; }

int main(void) {
    signal(SIGUSR1, handler);
    while (!got) pause();
    go(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    return 0;
}
