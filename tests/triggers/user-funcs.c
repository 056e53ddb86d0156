/* Calls known user functions a known number of times, then exits: for the
 * pid provider's entry, return and offset probes and for user stacks. */
#include <stdlib.h>
#include <string.h>

long go(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j) {
    return a + b + c + d + e + f + g + h + i + j;
}

int square(int x) { return x * x; }

/* leaf <- middle <- outer: a known user stack. */
int leaf(int x) { return square(x) + 1; }
int middle(int x) { return leaf(x) * 2; }
int outer(int x) { return middle(x) + 3; }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3;
    long total = go(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    for (int i = 1; i <= n; i++)
        total += outer(i);
    char *p = malloc(64);
    strcpy(p, "x");
    free(p);
    return total == 0;
}
