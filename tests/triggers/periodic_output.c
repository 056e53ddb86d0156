/* Writes "periodic output NNNN" to /dev/null once a second, forever. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    FILE *f = fopen("/dev/null", "a");
    if (!f) return 1;
    for (unsigned n = 0;; n++) {
        fprintf(f, "periodic output %04u\n", n);
        fflush(f);
        sleep(1);
    }
}
