// uprobe floor: the least a tracer can do on a uprobe, as a hand-written
// BPF program (a per-CPU counter: a perfect `@ = count()`), attached like
// dtrace attaches (uprobe PMU perf event for one process, BPF link).
// Usage: floor PID PATH SYMBOL-FILE-OFFSET; prints "ready", runs until
// SIGINT, prints the count.
#include <bpf/bpf.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void on_int(int s) { (void)s; stop = 1; }

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: floor PID PATH OFFSET\n"); return 2; }
    int pid = atoi(argv[1]);
    unsigned long long off = strtoull(argv[3], NULL, 0);
    int map = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "floor", 4, 8, 1, NULL);
    if (map < 0) { perror("map"); return 1; }
    struct bpf_insn insns[] = {
        {BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0},          // *(u32 *)(fp-4) = 0
        {BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0}, // r2 = fp
        {BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4},         // r2 += -4
        {BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, map}, // r1 = map
        {0, 0, 0, 0, 0},
        {BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem},
        {BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 3, 0},            // if r0 == 0 goto out
        {BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_1, BPF_REG_0, 0, 0},   // r1 = *r0
        {BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, 1},          // r1 += 1
        {BPF_STX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_1, 0, 0},   // *r0 = r1
        {BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0},          // out: r0 = 0
        {BPF_JMP | BPF_EXIT, 0, 0, 0, 0},
    };
    int prog = bpf_prog_load(BPF_PROG_TYPE_KPROBE, "floor", "GPL", insns,
                             sizeof insns / sizeof insns[0], NULL);
    if (prog < 0) { perror("prog"); return 1; }
    FILE *t = fopen("/sys/bus/event_source/devices/uprobe/type", "r");
    int type = -1;
    if (!t || fscanf(t, "%d", &type) != 1) { fprintf(stderr, "no uprobe PMU\n"); return 1; }
    fclose(t);
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = type;
    attr.config1 = (unsigned long long)(unsigned long)argv[2];
    attr.config2 = off;
    attr.sample_period = 1;
    int pfd = syscall(__NR_perf_event_open, &attr, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (pfd < 0) { perror("perf_event_open"); return 1; }
    if (bpf_link_create(prog, pfd, BPF_PERF_EVENT, NULL) < 0) { perror("link"); return 1; }
    signal(SIGINT, on_int);
    printf("ready\n");
    fflush(stdout);
    while (!stop) pause();
    int ncpu = sysconf(_SC_NPROCESSORS_CONF);
    unsigned long long vals[1024] = {0}, sum = 0;
    unsigned key = 0;
    bpf_map_lookup_elem(map, &key, vals);
    for (int i = 0; i < ncpu && i < 1024; i++) sum += vals[i];
    printf("%llu\n", sum);
    return 0;
}
