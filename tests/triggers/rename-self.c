// Renames itself (task:task_rename), opens a known file (openat) and
// sleeps briefly (sched:sched_switch with itself as prev), then exits.
#include <fcntl.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    prctl(PR_SET_NAME, "dt-renamed", 0, 0, 0);
    int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY);
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, 0);
    if (fd >= 0) close(fd);
    return 0;
}
