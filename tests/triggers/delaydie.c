/* Sleeps for $delay nanoseconds, then exits 0. */
#include <stdlib.h>
#include <time.h>

int main(void) {
    const char *d = getenv("delay");
    long long ns = d ? atoll(d) : 0;
    struct timespec ts = {ns / 1000000000LL, ns % 1000000000LL};
    nanosleep(&ts, NULL);
    return 0;
}
