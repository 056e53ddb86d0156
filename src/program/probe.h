// Probes: what a provider publishes and how the runtime attaches to it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dt {

// How a probe's firing reaches BPF.  Each kind has its own trampoline.
enum class AttachKind {
    Begin,      // dtrace:::BEGIN: run once with BPF_PROG_TEST_RUN before tracing
    End,        // dtrace:::END: run once with BPF_PROG_TEST_RUN after tracing
    Error,      // dtrace:::ERROR: called in-kernel from a faulting clause
    Tracepoint, // a tracefs event: perf_event_open(PERF_TYPE_TRACEPOINT) + link
    PerfClock,  // profile-N / tick-N: a software CPU-clock perf event
    Uprobe,     // pid / usdt: a uprobe or uretprobe perf event on a file offset
};

// Where a probe's arguments come from, for the tracepoint trampoline.
enum class ArgLayout {
    None,
    SyscallEntry,  // sys_enter_*: 6 args, 8 bytes each, at offset 16
    SyscallReturn, // sys_exit_*: the return value at offset 16 (arg0 and arg1)
    PerfRegs,      // profile: arg0 = kernel pc, arg1 = user pc
    UserEntry,     // pid entry/offset: arg0..9 from the x86-64 calling convention
    UserReturn,    // pid return: arg1 = the return value (rax), arg0 = 0
    UsdtArgs,      // usdt: arguments decoded from the probe's stapsdt operands
};

struct Probe {
    uint32_t id = 0;
    std::string provider, module, function, name;
    AttachKind attach = AttachKind::Begin;
    ArgLayout args = ArgLayout::None;
    std::string tpCategory, tpName; // Tracepoint
    int syscallNr = -1;             // syscall provider: the system call number
    uint64_t periodNs = 0;          // PerfClock
    bool everyCpu = false;          // PerfClock: profile-N fires on every CPU, tick-N on one
    // Uprobe: the object file, the file offset of the probe site, the
    // process it is enabled for, the USDT semaphore's file offset (0: none)
    // and, for USDT probes, the note's argument operands.
    std::string uprobePath;
    uint64_t uprobeOffset = 0;
    bool uretprobe = false;
    int uprobePid = 0;
    uint64_t semaphoreOffset = 0;
    std::string usdtArgs;
    // USDT: more sites of the same probe, attached too, with their operands
    // (site k+1 is moreOffsets[k]; its number is in the attach cookie).
    std::vector<uint64_t> moreOffsets;
    std::vector<std::string> moreUsdtArgs;
    // The attach cookie of a uprobe site: probe id, site, process.
    uint64_t uprobeCookie(size_t site) const {
        return id | (static_cast<uint64_t>(site) << kUprobeSiteShift) |
               (static_cast<uint64_t>(static_cast<uint32_t>(uprobePid)) << 32);
    }
    static constexpr int kUprobeSiteShift = 24; // probe ids stay below 2^24
    static constexpr size_t kMaxUsdtSites = 255;
    bool uprobeOptional = false;  // made by a glob: skipped if the kernel cannot probe it
    std::string fullName() const; // "provider:module:function:name"
};

} // namespace dt
