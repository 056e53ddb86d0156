/* getppid-loop N [SECONDS]: calls getppid N times (default 1), then sleeps. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1;
    for (long i = 0; i < n; i++) syscall(SYS_getppid);
    if (argc > 2) sleep((unsigned)atoi(argv[2]));
    return 0;
}
