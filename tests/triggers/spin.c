/* spin SECONDS: busy-loops in user space. */
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    int secs = argc > 1 ? atoi(argv[1]) : 1;
    time_t end = time(NULL) + secs;
    volatile unsigned long x = 0;
    while (time(NULL) < end)
        for (int i = 0; i < 1000000; i++) x++;
    return 0;
}
