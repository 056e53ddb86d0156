#include <fcntl.h>

int main(void) { return open("/dev/null", O_RDONLY) < 0; }
