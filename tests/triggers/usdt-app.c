/* An application with its own DTrace provider (header from `dtrace -h`,
 * object from `dtrace -G`): n work items, each with a start and a done
 * probe (and one more work-done site), then a report of how many times the start probe was enabled (its
 * semaphore raised) when checked. */
#include <stdlib.h>

#include "usdt-app-prov.h"

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3;
    int enabled = 0;
    /* On the stack: resident when the probe reads it (a read from a probe
     * cannot fault in a page that was never touched). */
    char item[8] = "item";
    for (int i = 0; i < n; i++) {
        if (MYAPP_WORK_START_ENABLED()) enabled++;
        MYAPP_WORK_START(i, item, (long)i * 100 - 50);
        MYAPP_WORK_DONE(i);
    }
    /* A second site of work-done, in the same function, with other operands. */
    MYAPP_WORK_DONE(n * 1000 + enabled);
    MYAPP_REPORT(enabled);
    return 0;
}
