// uprobe benchmark target: for each line "N" on stdin, calls f() N times
// and prints the ns per call.  Tracers attach to f in this process.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

__attribute__((noinline)) void f(void) {
    __asm__ volatile("" ::: "memory");
}

int main(void) {
    char line[64];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        long n = atol(line);
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (long i = 0; i < n; i++)
            f();
        clock_gettime(CLOCK_MONOTONIC, &b);
        double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
        printf("%.1f\n", n ? ns / n : 0.0);
    }
    return 0;
}
