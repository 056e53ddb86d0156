// The compiled program: everything the runtime needs to load, attach, run
// and decode, as plain data.  Produced by codegen, consumed by runtime and
// output; printed by -S.
#pragma once
#include <linux/bpf.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bpf/insn.h"
#include "output/print.h"
#include "output/printf.h"
#include "program/probe.h"
#include "program/symbols.h"

namespace dt {

struct MapDef {
    std::string name;
    bpf_map_type type = BPF_MAP_TYPE_ARRAY;
    uint32_t keySize = 4, valueSize = 8, maxEntries = 1, flags = 0;
    std::vector<std::pair<uint32_t, uint32_t>> u32Init; // entries written after creation
    std::vector<std::pair<uint32_t, std::vector<uint8_t>>> bytesInit; // u32 key -> value
};

// Fixed map indexes every program has.
enum FixedMap : int {
    kMapRingbuf = 0, // the principal buffer
    kMapDctx = 1,    // per-CPU DTrace context (args, probe id, scratch)
    kMapGlobals = 2, // global variables and the run state
    kMapDrops = 3,   // per-CPU counters: buffer drops, error drops
};

// Layout of the DTrace context value (kMapDctx), one per CPU: the fixed
// part below; the string areas (operand and scratch buffers, keys, this->
// variables), sized by -x strsize, follow from kFixedSize (see codegen).
struct DctxLayout {
    static constexpr int kArgs = 0;        // u64 args[10]
    static constexpr int kProbeId = 80;    // u32
    static constexpr int kClause = 84;     // u32 clause running (for faults)
    static constexpr int kFault = 88;      // u32 fault kind
    static constexpr int kAction = 92;     // u32 action index at fault
    static constexpr int kFaultAddr = 96;  // u64
    static constexpr int kFaultPc = 104;   // u64
    static constexpr int kTimestamp = 112; // u64: ktime of this firing (if used)
    static constexpr int kBoottime = 120;  // u64: boot-clock time of this firing
    // Stacks the trampoline captured for stack()/ustack()/ucaller (see
    // program/symbols.h): kernel {nbytes, frames}, user {pid, nbytes, frames}.
    static constexpr int kKStack = 128;
    static constexpr int kUStack = kKStack + 8 + 8 * kMaxStackFrames;
    // USDT: the number of the site that fired (from the attach cookie).
    static constexpr int kUsdtSite = kUStack + 16 + 8 * kMaxStackFrames;
    // The string subroutines' state words (see codegen/callbacks.h).
    static constexpr int kStrState = kUsdtSite + 8;
    // xlate: the operand of each translator being evaluated (its input
    // variable's value, or the address of a struct operand).
    static constexpr int kXlateIn = kStrState + 96;
    static constexpr int kXlateWords = 16;
    // d_path(), cwd, root: the dentries of a path, leaf first.
    static constexpr int kPath = kXlateIn + 8 * kXlateWords;
    static constexpr int kPathSize = 512;
    // alloca(): the clause's scratch memory, its bump pointer (u64 offset)
    // and its address as a plain number (for checking stored-to pointers).
    static constexpr int kAllocaTop = kPath + kPathSize;
    static constexpr int kAllocaBase = kAllocaTop + 8;
    static constexpr int kAllocaTmp = kAllocaBase + 8; // a pointer made a number
    static constexpr int kAlloca = kAllocaTmp + 8;
    static constexpr int kAllocaSize = 2048;
    // (The alloca area's slack, for bounded offsets plus sizes, is the
    // string areas after it.)
    static constexpr int kFixedSize = kAlloca + kAllocaSize;
};

// Fixed offsets in the globals map value; user variables follow.
struct GlobalsLayout {
    // u32 run state: kStateInactive until BEGIN has run, then kStateActive;
    // exit() sets kStateDraining.  Trampolines only run clauses when active.
    static constexpr int kState = 0;
    static constexpr int kWallOffset = 8; // u64: CLOCK_REALTIME - CLOCK_BOOTTIME, in ns
    static constexpr int kUser = 16;
};
enum RunState : uint32_t { kStateInactive = 0, kStateActive = 1, kStateDraining = 2 };

// What a clause does when the principal buffer of its CPU has no room
// (-x bufpolicy): switch drops the record, fill marks the buffer full and
// stops tracing, ring keeps only the newest records (in the consumer).
enum class BufPolicy : uint8_t { Switch, Fill, Ring };

// The principal buffer's accounting in the globals value (switch and fill
// policies): clauses charge each record's ring-buffer footprint to their
// CPU and refuse records past the limit; the consumer credits what it has
// read (switch) or nothing (fill: the buffer only fills).
struct BufferLayout {
    static constexpr int kLimit = 0;    // u64: bytes a CPU may hold for clauses other than END
    static constexpr int kEndLimit = 8; // u64: the same for END clauses
    static constexpr int kCpuBlocks = 64;
    static constexpr int kCpuBlockSize = 64; // per CPU, a cache line each:
    static constexpr int kProduced = 0;      //   u64 bytes charged by clauses
    static constexpr int kConsumed = 8;      //   u64 bytes credited by the consumer
    static constexpr int kFilled = 16;       //   u64 nonzero once a fill buffer is full
};
// The ring-buffer space a record of `size` bytes takes (its 8-byte header
// included): what the accounting charges.
constexpr uint64_t recordFootprint(uint64_t size) {
    return (size + 7) / 8 * 8 + 8;
}

// Per-CPU drop counters (kMapDrops value, u64 each).
struct DropsLayout {
    static constexpr int kBuffer = 0;
    static constexpr int kError = 8;
    static constexpr int kDynvar = 16;
    static constexpr int kAggregation = 24; // a key that did not fit in its map
    static constexpr int kSpecUnavail = 32; // speculation() found no free buffer
    static constexpr int kSpecBusy = 40;    // speculation() found buffers busy (committing)
    static constexpr int kSpec = 48;        // speculative drops
    static constexpr int kSize = 56;
};

// Fault kinds, numbered as DTrace's DTRACEFLT_*.
enum class Fault : uint32_t {
    None = 0,
    BadAddr = 1,
    BadAlign = 2,
    IllOp = 3,
    DivZero = 4,
    NoScratch = 5,
    KPriv = 6,
    UPriv = 7,
    TupOflow = 8,
    BadStack = 9,
    BadSize = 10,
    BadIndex = 11, // an array variable's index past its bounds
    BadUserAddr = 100, // code generation only: BadAddr | kFaultUserAddr
};
// The fault word's kind bits, and a flag marking user addresses (shown in
// hex however small).
constexpr uint32_t kFaultKindMask = 0xff;
constexpr uint32_t kFaultUserAddr = 0x100;
// The fault is a byte load made for trace()'s argument: DTrace reports a
// small address of one in decimal ("invalid address (1)"), others in hex.
constexpr uint32_t kFaultTraceArg = 0x200;
const char* faultName(Fault f);

// Header at the start of every ring-buffer record.
struct RecordHeader {
    uint32_t probeId;
    uint16_t clause;
    uint16_t cpu;
};
static_assert(sizeof(RecordHeader) == 8);

// A special clause id for error records written by the fault path.
constexpr uint16_t kErrorRecord = 0xffff;
// commit() and discard(): the speculation id and the operation.
constexpr uint16_t kSpecRecord = 0xfffe;
struct SpecRecord {
    RecordHeader hdr;
    uint32_t id;
    uint32_t op; // kSpecCommit or kSpecDiscard
};
constexpr uint32_t kSpecCommit = 1, kSpecDiscard = 2;
// A speculation's state word (globals value, CompiledProgram::specStates):
// claimed by speculation(), then holding records of one CPU (ActiveOne |
// cpu) or of several; committed or discarded from a CPU other than the
// one holding its records, it is busy until the consumer has read them.
enum SpecState : uint64_t {
    kSpecInactive = 0,
    kSpecActive = 1,
    kSpecCommitting = 2,
    kSpecActiveMany = 3,
    kSpecActiveOne = 0x100,
};
// Error record body after the header: faulting clause, action, fault, addr, pc.
struct ErrorRecord {
    RecordHeader hdr;
    uint32_t clause;
    uint32_t action;
    uint32_t fault;
    uint32_t pad;
    uint64_t addr;
    uint64_t pc;
};

// Where a value printed by an action comes from.
struct ValueSource {
    enum class Kind {
        Record,   // bytes in the record at `offset`
        ConstInt, // known at compile time
        ConstString,
        ProbeProvider, // the firing probe's description fields (from the header)
        ProbeModule,
        ProbeFunction,
        ProbeName,
    } kind = Kind::Record;
    uint32_t offset = 0;
    uint32_t size = 8;
    bool isSigned = true;
    bool isString = false; // Record: NUL-terminated within size bytes
    int64_t intValue = 0;
    std::string strValue;
    // Record: a stack or an address printed as a symbol (program/symbols.h).
    SymbolKind symbol = SymbolKind::None;
    uint32_t frames = 0;
};

struct Action {
    // Normalize, Denormalize, Trunc, Clear and Setopt act in the consumer on
    // aggregations (aggs[0]) and options, when the record is printed.
    enum class Kind {
        Trace,
        Printf,
        Exit,
        Printa,
        Normalize,
        Denormalize,
        Trunc,
        Clear,
        Setopt,
        Tracemem, // args: the bytes, then the dynamic size if any
        System,   // system(): format and args, run by the consumer
        Print,    // print(): args: the address, then its bytes (of printType)
        Freopen,  // freopen(): format and args of the file name, acted on by the consumer
        Ftruncate // ftruncate(): the consumer truncates its output file
    } kind = Kind::Trace;
    std::vector<int> aggs; // Printa, Normalize, Denormalize, Trunc, Clear
    std::vector<ValueSource> args;
    int format = -1;    // index into CompiledProgram::formats (Printf, System)
    int printType = -1; // Print: index into CompiledProgram::printTypes
    // Actions under an if/else: the record byte at this offset is nonzero
    // when the action ran (-1: unconditional).
    int flagOffset = -1;
};

struct ClauseInfo {
    uint16_t id = 0;
    uint32_t recordSize = 0; // 0: the clause writes no record
    int specOffset = -1;     // speculate(): the u32 speculation id in the record
    std::vector<Action> actions;
    std::string descText; // for messages
};

// One BPF program: a trampoline for one attach kind and one clause list,
// and every probe it attaches to.
struct ProgramDef {
    std::string name;
    bpf_prog_type type = BPF_PROG_TYPE_TRACEPOINT;
    AttachKind attach = AttachKind::Tracepoint;
    std::vector<struct bpf_insn> insns;
    std::vector<bpf::MapReloc> relocs;
    std::vector<size_t> funcStarts;
    std::vector<std::string> labels; // per insn, for -S (may be empty)
    std::vector<uint32_t> probes;
    std::vector<uint64_t> cookies; // parallel to probes: the attach cookie of each
    // Non-empty: attached once to raw_syscalls:<rawSyscall> ("sys_enter" or
    // "sys_exit"); the probe id comes from the syscall number through a map
    // instead of an attach cookie.
    std::string rawSyscall;
};

// An aggregation: a per-CPU map (hash by key, or a one-entry array without
// keys) whose 16-byte values the consumer merges across CPUs.
struct AggKey {
    uint32_t offset = 0, size = 8; // in the map key
    bool isString = false;
    bool isBytes = false;  // a struct or union: its bytes (associative arrays)
    unsigned typeSize = 8; // the key expression's size, for printing
    bool isSigned = true;
    SymbolKind symbol = SymbolKind::None; // a stack or symbol key (program/symbols.h)
    uint32_t frames = 0;
};
struct AggInfo {
    std::string name;
    int func = 0; // Func
    int map = -1;
    std::vector<AggKey> keys;
    uint32_t keySize = 4;
    uint32_t valueSize = 16;    // bytes per CPU per key
    int64_t base = 0, step = 1; // lquantize
    uint32_t levels = 0;        // lquantize: buckets between the under/overflow ones
    uint32_t factor = 0, lmag = 0, hmag = 0, steps = 0; // llquantize
    // llquantize: the number of buckets, and the bucket of |value| < factor^lmag.
    uint32_t llqBuckets() const;
    uint32_t llqZeroBucket() const;
};
// The bucket llquantize() puts `value` in (the kernel computes the same).
uint32_t llquantizeBucket(const AggInfo& a, int64_t value);
constexpr int kQuantizeBuckets = 127;    // DTrace's power-of-two buckets, 63 is zero
constexpr uint32_t kMaxAggValue = 32768; // the kernel's limit on per-CPU map values

// Maps of self-> variables and associative arrays (parallel to sema's lists).
struct DynMaps {
    std::vector<int> self, arrays;
    std::vector<std::vector<AggKey>> arrayKeys;
    std::vector<uint32_t> arrayKeySize;
    // self->a[...]: where the thread id goes in the key (-1: a global array).
    std::vector<int> arrayTidOffset;
};

struct CompiledProgram {
    bool destructive = false; // uses destructive actions (needs -w)
    int onlyCpu = -1;         // -x cpu: the CPU probes fire on (-1: all)
    std::vector<MapDef> maps;
    std::vector<ProgramDef> programs;
    std::vector<ClauseInfo> clauses;
    std::vector<AggInfo> aggs;
    DynMaps dyn;
    std::vector<output::Format> formats;
    std::vector<output::PrintType> printTypes; // print()'s types, flattened
    std::vector<uint32_t> matchedProbes;       // distinct, sorted
    uint32_t globalsSize = GlobalsLayout::kUser;
    // Initial contents of the globals value (string constants live here).
    std::vector<uint8_t> globalsInit;
    bool hasEnd = false;
    // An aggregation's single entry exceeds -x aggsize, or a dynamic
    // variable's exceeds -x dynvarsize: tracing cannot start.
    bool aggsTooLarge = false;
    // The principal buffer: bytes per CPU, policy, and where its
    // accounting lives in the globals value (-1: nowhere, ring policy).
    uint64_t bufsize = 4 << 20;
    BufPolicy bufPolicy = BufPolicy::Switch;
    bool bufResizeManual = false; // -x bufresize=manual
    int64_t bufState = -1;
    uint64_t maxRecord = 0;  // the largest record footprint of any clause
    uint64_t endReserve = 0; // the footprints of all END clauses (fill policy)
    // Speculation states (u64 each, 1..nspec) in the globals value (-1: none).
    int64_t specStates = -1;
    uint32_t nspec = 1;
};

} // namespace dt
