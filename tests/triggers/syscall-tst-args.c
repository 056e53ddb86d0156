/* Loops forever on mmap(NULL, 1, 2, 3, -1, 0x12345678) (fails). */
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    for (;;) syscall(SYS_mmap, NULL, 1, 2, 3, -1, 0x12345678);
}
