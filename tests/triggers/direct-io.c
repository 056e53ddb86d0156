/*
 * Disk I/O the io provider sees: writes 72 KiB with O_DIRECT to a new file
 * in the directory given (default /var/tmp), syncs it, reads 8 KiB of it
 * back with O_DIRECT, and removes the file.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv) {
    const char* dir = argc > 1 ? argv[1] : "/var/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/dt-direct-io-%d", dir, (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_DIRECT, 0600);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    void* buf = NULL;
    size_t size = 72 * 1024;
    if (posix_memalign(&buf, 4096, size) != 0) return 1;
    memset(buf, 'x', size);
    int rc = 0;
    if (pwrite(fd, buf, size, 0) != (ssize_t)size || fsync(fd) != 0) rc = 1;
    if (rc == 0 && pread(fd, buf, 8192, 0) != 8192) rc = 1;
    if (rc) perror("direct I/O");
    close(fd);
    unlink(path);
    return rc;
}
