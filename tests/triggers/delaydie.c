/* Sleeps for $delay nanoseconds, then exits 0.  Without $delay it says so
 * on stderr (a write the tests trace) and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void) {
    const char *d = getenv("delay");
    if (!d) {
        fprintf(stderr, "Delay in ns needed in delay env var.\n");
        return 1;
    }
    long long ns = atoll(d);
    struct timespec ts = {ns / 1000000000LL, ns % 1000000000LL};
    nanosleep(&ts, NULL);
    return 0;
}
