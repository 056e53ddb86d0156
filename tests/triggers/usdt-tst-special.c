/* USDT probes in special positions, chosen by argv[1]: 1 a probe as a tail
 * call, 2..7 probes guarded by is-enabled tests combined with || and &&,
 * 8 an is-enabled test as a function's return value.  The header comes
 * from `dtrace -h` (sys/sdt.h notes with semaphores). */
#include <stdlib.h>

#include "usdt-tst-special-prov.h"

static int which;

static void __attribute__((noinline)) run_tail(void) { TEST_PROV_TAIL(); }

static void __attribute__((noinline)) run_enable(void) {
    if (TEST_PROV_ENABLE_ENABLED()) TEST_PROV_ENABLE();
}

static void __attribute__((noinline)) run_enable_or(void) {
    if (TEST_PROV_ENABLE_OR_ENABLED() || which > 100) TEST_PROV_ENABLE_OR();
}

static void __attribute__((noinline)) run_enable_or_2(void) {
    if (TEST_PROV_TAIL_ENABLED() || TEST_PROV_ENABLE_ENABLED()) TEST_PROV_ENABLE_OR_2();
}

static void __attribute__((noinline)) run_enable_and(void) {
    if (TEST_PROV_ENABLE_AND_ENABLED() && which > 0) TEST_PROV_ENABLE_AND();
}

static void __attribute__((noinline)) run_enable_and_2(void) {
    if (TEST_PROV_TAIL_ENABLED() && TEST_PROV_ENABLE_ENABLED()) TEST_PROV_ENABLE_AND_2();
}

static void __attribute__((noinline)) run_enable_stmt(void) {
    if (TEST_PROV_ENABLE_STMT_ENABLED()) TEST_PROV_ENABLE_STMT();
}

static int __attribute__((noinline)) enable_return(void) { return TEST_PROV_ENABLE_RETURN_ENABLED(); }

int main(int argc, char **argv) {
    if (argc < 2) return 1;
    which = atoi(argv[1]);
    switch (which) {
    case 1: run_tail(); break;
    case 2: run_enable(); break;
    case 3: run_enable_or(); break;
    case 4: run_enable_or_2(); break;
    case 5: run_enable_and(); break;
    case 6: run_enable_and_2(); break;
    case 7: run_enable_stmt(); break;
    case 8:
        if (enable_return()) TEST_PROV_ENABLE_RETURN();
        break;
    default: return 1;
    }
    return 0;
}
