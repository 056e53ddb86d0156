#include <unistd.h>

int main(void) {
    execlp("sleep", "sleep", "1000000", (char *)NULL);
    return 127;
}
