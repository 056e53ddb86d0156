// Probes: what a provider publishes and how the runtime attaches to it.
// Providers (src/providers) fill these in; the front end types args[] from
// ProbeArg, the code generator builds trampolines from the attach kind and
// argument layout, the runtime attaches, -l/-lv lists.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dt {

// One argument of a probe as D's args[i] sees it.
//
// `native` is the C type of the argument the kernel (or process) passes,
// spelled as the front end's type system resolves it: D's types, the
// program's typedefs and the kernel's BTF types ("struct task_struct *",
// "const char *", "char [16]", "u64", "pid_t").  Without a translation,
// args[i] has that type and holds the native value (pointers are kernel
// pointers: loads through them are checked as any kernel pointer's).
//
// Stable providers (proc, sched, io, ...) give args[i] a D type made by a
// translator from one native argument: `translated` names that type
// ("psinfo_t *", "lwpsinfo_t *") and `mapping` the native argument it is
// translated from, so that args[i] means xlate <translated>(native arg
// `mapping`).  The front end types such an args[i] with `translated` and
// requires a translator from `native` to it (D_ARGS_XLATE); generating the
// translation is the code generator's (see sema's ArgsInfo).
struct ProbeArg {
    std::string native;
    std::string translated; // empty: args[i] is the native argument itself
    int mapping = -1;       // translated: the native argument's index
    bool operator==(const ProbeArg&) const = default;
    // The type args[i] has, as DTrace lists it with -lv.
    const std::string& shown() const { return translated.empty() ? native : translated; }
};

// DTrace's stability attributes (dtrace -v, -lv; #pragma D attributes).
enum class Stability : uint8_t {
    Internal,
    Private,
    Obsolete,
    External,
    Unstable,
    Evolving,
    Stable,
    Standard
};
enum class DepClass : uint8_t { Unknown, Cpu, Platform, Group, Isa, Common };
struct Attribute {
    Stability name = Stability::Private, data = Stability::Private;
    DepClass cls = DepClass::Unknown;
};
// A provider's attributes for each description field and for its
// arguments (DTrace's dtrace_pattr_t).
struct ProviderAttributes {
    Attribute provider, module, function, name, args;
};
const char* stabilityName(Stability s);
const char* depClassName(DepClass c);
// The lower of each of two attributes' parts (DTrace's stability computations).
Attribute minAttribute(Attribute a, const Attribute& b);
// "Stable/Evolving/Common" (names as -lv prints them, any case); false if malformed.
bool parseAttribute(const std::string& text, Attribute& out);
std::string attributeText(const Attribute& a);

// A tracepoint record field that the tracepoint trampoline copies into
// args[i]: a scalar loaded (sign- or zero-extended) from the record, or the
// address of data in the record (char arrays, __data_loc strings and
// arrays), valid while the probe fires.
struct TracepointField {
    enum class Kind : uint8_t { Scalar, Address, DataLoc };
    Kind kind = Kind::Scalar;
    uint16_t offset = 0, size = 8;
    bool isSigned = false;
    bool operator==(const TracepointField&) const = default;
    auto operator<=>(const TracepointField&) const = default;
};

// How a probe's firing reaches BPF.  Each kind has its own trampoline.
enum class AttachKind {
    Begin,         // dtrace:::BEGIN: run once with BPF_PROG_TEST_RUN before tracing
    End,           // dtrace:::END: run once with BPF_PROG_TEST_RUN after tracing
    Error,         // dtrace:::ERROR: called in-kernel from a faulting clause
    Tracepoint,    // a tracefs event: perf_event_open(PERF_TYPE_TRACEPOINT) + link
    PerfClock,     // profile-N / tick-N: a software CPU-clock perf event
    Uprobe,        // pid / usdt: a uprobe or uretprobe perf event on a file offset
    RawTracepoint, // rawtp: BPF_PROG_TYPE_RAW_TRACEPOINT on the event's raw tracepoint
};

// Where a probe's arguments come from, for the tracepoint trampoline.
enum class ArgLayout {
    None,
    SyscallEntry,     // sys_enter_*: 6 args, 8 bytes each, at offset 16
    SyscallReturn,    // sys_exit_*: the return value at offset 16 (arg0 and arg1)
    PerfRegs,         // profile: arg0 = kernel pc, arg1 = user pc
    UserEntry,        // pid entry/offset: arg0..9 from the x86-64 calling convention
    UserReturn,       // pid return: arg1 = the return value (rax), arg0 = 0
    UsdtArgs,         // usdt: arguments decoded from the probe's stapsdt operands
    TracepointFields, // sdt: args[i] from the record fields in Probe::tpFields
    RawArgs,          // rawtp: args[i] = the raw tracepoint's u64 arguments (rawArgCount)
};

// Whether a probe describes its arguments, and whether it has yet.
enum class ArgsState : uint8_t {
    Untyped, // args[i] are int64_t words (the provider gives no types: pid, usdt)
    Pending, // typed, but not described yet: ProbeRegistry::describe() reads them
    Known,   // argTypes (and the layout data the trampoline needs) are filled in
};

// Stable providers (proc, sched, io, ip, tcp, udp) publish probes that fire on a kernel
// tracepoint (or clock) of their own choosing and rewrite its arguments:
// each args[i] is a Value computed from the underlying arguments, and the
// probe fires only when every Condition holds.  The trampoline computes
// them (after filling in the underlying arguments) for the probe that fired.
struct DerivedValue {
    // Mark: what the probe's mark tracepoint (Probe::markRawTp) recorded
    // for this thread: its raw argument `arg` (0 or 1), or with arg 2 the
    // nanoseconds since; 0 if it recorded nothing.
    enum class Source : uint8_t { Arg, CurrentTask, Const, Mark };
    enum class Post : uint8_t {
        None,
        Negate,     // -v (a syscall's -errno return as errno)
        ExitReason, // a task's exit_code as proc:::exit's reason (1 exited, 2 killed, 3 dumped)
    };
    // One step applied to the value so far: a load through it (v = *(v +
    // offset), 0 stays 0), or arithmetic with an operand (the constant, or
    // operands[0] when given), or a choice: v != 0 ? operands[0] : operands[1].
    struct Step {
        enum class Op : uint8_t { Load, Add, And, Or, Lsh, Rsh, Select };
        int32_t offset = 0; // Load
        uint8_t size = 8;
        bool isSigned = false;
        Op op = Op::Load;
        int64_t constant = 0;
        std::vector<DerivedValue> operands;
        bool operator==(const Step&) const;
    };
    using Load = Step;
    Source source = Source::Arg;
    int arg = 0;            // Source::Arg: the underlying args[arg]
    int64_t constant = 0;   // Source::Const
    std::vector<Step> path; // then these steps, in order
    Post post = Post::None;
    bool operator==(const DerivedValue&) const = default;
};
inline bool DerivedValue::Step::operator==(const Step& o) const {
    return offset == o.offset && size == o.size && isSigned == o.isSigned && op == o.op &&
           constant == o.constant && operands == o.operands;
}
struct DerivedCondition {
    enum class Op : uint8_t { Eq, Ne, Lt }; // Lt: signed
    DerivedValue lhs, rhs;
    Op op = Op::Ne;
    bool operator==(const DerivedCondition&) const = default;
};
struct Derivation {
    std::vector<DerivedValue> args; // the probe's args[0..]
    std::vector<DerivedCondition> conditions;
    bool operator==(const Derivation&) const = default;
};

struct Probe {
    uint32_t id = 0;
    std::string provider, module, function, name;
    AttachKind attach = AttachKind::Begin;
    ArgLayout args = ArgLayout::None;
    std::string tpCategory, tpName; // Tracepoint, RawTracepoint (tpName: the event)
    // Tracepoint: more events of the same category, attached with the same
    // cookie (a stable probe on sys_exit_clone and sys_exit_clone3).
    std::vector<std::string> moreTpNames;
    // Stable providers: how args[] and the firing condition come from the
    // underlying arguments (filled in by describe(); see Derivation).
    bool derived = false;
    Derivation derivation;
    // A raw tracepoint whose firings record, per thread, their first two
    // arguments and the time, for DerivedValue::Source::Mark (lockstat's
    // contention_begin, read at contention_end).
    std::string markRawTp;
    // Typed arguments (see ProbeArg); described lazily for providers with
    // many probes (reading thousands of format files costs start-up).
    ArgsState argsState = ArgsState::Untyped;
    std::vector<ProbeArg> argTypes;
    std::vector<TracepointField> tpFields; // ArgLayout::TracepointFields, one per arg
    int rawArgCount = 0;                   // ArgLayout::RawArgs
    int syscallNr = -1;                    // syscall provider: the system call number
    uint64_t periodNs = 0;                 // PerfClock
    bool everyCpu = false;                 // PerfClock: profile-N fires on every CPU, tick-N on one
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
