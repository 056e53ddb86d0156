/* Closes every fd, then loops forever on a failing ioctl (EBADF). */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = 1024;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    for (int fd = 0; fd < 1024; fd++) close(fd);
    for (;;) ioctl(-1, 0, NULL);
}
