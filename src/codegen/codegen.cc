#include "codegen/codegen.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <functional>
#include <map>

#include "ast/walk.h"
#include "bpf/insn.h"
#include "codegen/callbacks.h"
#include "codegen/print_types.h"
#include "codegen/scratch_pointer.h"
#include "elf/sdt_args.h"
#include "elf/symbolizer.h"
#include "runtime/tracefs.h"
#include "sema/btf.h"
#include "sema/builtins.h"
#include "util/format.h"
#include "util/strutil.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <cstddef>
#include <optional>
#include <tuple>
#include <unistd.h>

namespace dt::codegen {

using namespace ast;
using bpf::Alu;
using bpf::Builder;
using bpf::Cond;
using bpf::Label;
using bpf::Size;
using namespace bpf; // registers

namespace {

// Stack frame of a clause subprogram: eval-stack spill slots from fp-8
// downwards, then scratch words.
constexpr int kMaxDepth = 16;
constexpr int16_t kTmpKey = -8 * (kMaxDepth + 1); // a u32 map key / temp word
constexpr int16_t kVarKey = kTmpKey - 24;         // self-> key (pid_tgid)
constexpr int16_t kVarVal = kTmpKey - 32;         // a value to store in a map
constexpr int16_t kBytes = kVarVal - 32;          // 24 bytes read for a subroutine
constexpr int16_t kCpuWord = kBytes - 16;         // this CPU, from charging a record
constexpr int16_t kPidTgidWord = kBytes - 24;     // pid_tgid, read once for a clause
// The probe-string table's fields (provider, module, function, name).
constexpr int kProbeStrSize = 256;
constexpr int kMaxLoops = 1 << 23; // bpf_loop's most iterations
constexpr size_t kMaxTraceiters = 8192;
constexpr int kPerCpuValueMax = 32768; // the kernel's limit (PCPU_MIN_UNIT_SIZE)
constexpr int kSyscallMapSize = 1024;

// A dynamic variable's map value (but a string's): a word, or a struct's
// or union's bytes in whole words.
uint32_t dynValueSize(const Type* t) {
    const Type* r = t->resolve();
    if (!isStructOrUnion(r)) return 8;
    return std::max<uint32_t>(8, static_cast<uint32_t>((r->size + 7) / 8 * 8));
}

// What a compiled expression yields.
struct Val {
    enum class Kind { Slot, ConstInt, ConstStr, ProbeStr } kind = Kind::Slot;
    int slot = -1;
    int64_t c = 0;
    std::string s;
    ValueSource::Kind field = ValueSource::Kind::ProbeFunction;
    const Type* type = nullptr;
    bool isString() const {
        return kind == Kind::ConstStr || kind == Kind::ProbeStr || (type && type->isString());
    }
};

// Flags a clause needs from its trampoline.
struct Needs {
    bool args = false;
    bool time = false; // timestamp (walltimestamp: its clock offset): read once per firing
    // Stack frames to capture (stack(), ustack(), ucaller); the *Default
    // flags: a use without a depth (-x stackframes / ustackframes).
    uint32_t kstack = 0, ustack = 0;
    bool kstackDefault = false, ustackDefault = false;
};

void markStackNeeds(const Expr& e, Needs& n);

// What a clause needs from its trampoline: the arguments if it reads any.
void markNeeds(const Expr& e, Needs& n) {
    if (e.kind == ExprKind::Ident) {
        auto& id = as<Ident>(e);
        if (id.ref == Ident::Ref::Builtin && (id.index <= static_cast<int>(Builtin::Arg9) ||
                                              id.index == static_cast<int>(Builtin::Args) ||
                                              id.index == static_cast<int>(Builtin::Errno)))
            n.args = true;
        if (id.ref == Ident::Ref::Builtin && (id.index == static_cast<int>(Builtin::Timestamp) ||
                                              id.index == static_cast<int>(Builtin::Walltimestamp)))
            n.time = true;
    }
    markStackNeeds(e, n);
}
template <typename Node> void scan(const Node& node, Needs& n) {
    walk(node, [&](const Expr& e) { markNeeds(e, n); });
}

// The BPF ALU operation for a D arithmetic operator (Div/Mod: unsigned; the
// signed forms use the ISA's off=1 encoding).
std::optional<Alu> aluFor(BinaryOp op, bool isSigned) {
    switch (op) {
    case BinaryOp::Mul:
        return Alu::Mul;
    case BinaryOp::Div:
        return Alu::Div;
    case BinaryOp::Mod:
        return Alu::Mod;
    case BinaryOp::Add:
        return Alu::Add;
    case BinaryOp::Sub:
        return Alu::Sub;
    case BinaryOp::Shl:
        return Alu::Lsh;
    case BinaryOp::Shr:
        return isSigned ? Alu::Arsh : Alu::Rsh;
    case BinaryOp::BitAnd:
        return Alu::And;
    case BinaryOp::BitOr:
        return Alu::Or;
    case BinaryOp::BitXor:
        return Alu::Xor;
    default:
        return std::nullopt;
    }
}

// Signedness of a comparison after C's usual arithmetic conversions.
bool comparesSigned(const Type* a, const Type* b) {
    const Type* x = a->resolve();
    const Type* y = b->resolve();
    if (x->kind == Type::Kind::Pointer || y->kind == Type::Kind::Pointer) return false;
    auto promoted = [](const Type* t) -> std::pair<uint64_t, bool> {
        if (t->kind == Type::Kind::Enum) return {4, true};
        if (t->size < 4) return {4, true};
        return {t->size, t->isSigned};
    };
    auto [xs, xsg] = promoted(x);
    auto [ys, ysg] = promoted(y);
    if (xs != ys) return xs > ys ? xsg : ysg;
    return xsg && ysg;
}

// Does the clause write a record?  Any action does (an empty body writes
// the probe's EPID record only).
bool stmtHasAction(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Expr: {
        auto& e = *as<ExprStmt>(s).expr;
        if (e.kind != ExprKind::Call) return false;
        int f = as<Call>(e).funcId;
        return f >= 0 && funcInfo(static_cast<Func>(f)).isAction;
    }
    case StmtKind::If: {
        auto& i = as<IfStmt>(s);
        return stmtHasAction(*i.then) || (i.otherwise && stmtHasAction(*i.otherwise));
    }
    case StmtKind::Block:
        for (auto& c : as<Block>(s).stmts)
            if (stmtHasAction(*c)) return true;
        return false;
    case StmtKind::Empty:
        return false;
    }
    return false;
}

int countActions(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Expr:
        return stmtHasAction(s) ? 1 : 0;
    case StmtKind::If: {
        auto& i = as<IfStmt>(s);
        return countActions(*i.then) + (i.otherwise ? countActions(*i.otherwise) : 0);
    }
    case StmtKind::Block: {
        int n = 0;
        for (auto& c : as<Block>(s).stmts)
            n += countActions(*c);
        return n;
    }
    case StmtKind::Empty:
        return 0;
    }
    return 0;
}

bool clauseRecords(const Clause& c) {
    if (c.body.empty()) return true;
    for (auto& s : c.body)
        if (stmtHasAction(*s)) return true;
    return false;
}

// Whether the kernel lets tracing programs call bpf_probe_write_user (it
// does not in lockdown mode): loads a minimal program that calls it, once.
// (libbpf's helper probe cannot tell; it only recognizes unknown helpers.)
bool kernelAllowsUserWrites() {
    static int cached = -1;
    if (cached < 0) {
        Builder b;
        b.storeImm(Size::DW, R10, -8, 0);
        b.mov(R1, 0);
        b.mov(R2, R10);
        b.alu(Alu::Add, R2, -8);
        b.mov(R3, 8);
        b.call(BPF_FUNC_probe_write_user);
        b.mov(R0, 0);
        b.exit();
        b.finish();
        int fd = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, "dt_probe_wu", "GPL", b.insns().data(),
                               b.insns().size(), nullptr);
        cached = fd >= 0;
        if (fd >= 0) close(fd);
    }
    return cached == 1;
}

KernelBtf& kernelBtf() {
    static KernelBtf btf; // immutable after lazy load; one per process
    return btf;
}

// Shared per-compilation state: string constants in the globals map, and
// the probe-string table (created when a clause uses probefunc & co. as a
// value rather than only printing it).
struct Globals {
    std::vector<MapDef>* maps = nullptr;
    int probeStrMap = -1;
    // A probe string's field: at least a string's storage, so that it can
    // be copied as a string value.
    int probeField() const {
        return std::max<int>(kProbeStrSize, static_cast<int>(str.bytes + 7) / 8 * 8);
    }
    int probeStrings() {
        if (probeStrMap < 0) {
            probeStrMap = static_cast<int>(maps->size());
            maps->push_back({"dt_pstr",
                             BPF_MAP_TYPE_HASH,
                             4,
                             4 * static_cast<uint32_t>(probeField()),
                             1,
                             0,
                             {},
                             {}});
        }
        return probeStrMap;
    }
    std::vector<uint8_t> init;
    std::map<std::string, uint32_t> strings;
    Label strSearch; // the current program's string callbacks, if used
    Label strScan;
    Label chill;
    Label callbacks[static_cast<int>(Callback::Count)]; // callbacks.h, if used
    Label callback(Builder& b, Callback c, const char* name) {
        Label& l = callbacks[static_cast<int>(c)];
        if (!l.valid()) {
            l = b.newLabel();
            b.nameLabel(l, name);
        }
        return l;
    }
    // Speculation states (u64 each, index 1..nspec: SpecState) in the
    // globals value, allocated on first use.
    uint32_t nspec = 1;
    uint32_t scratch = DctxLayout::kAllocaSize; // alloca() limit per clause
    // -x strsize: a string's bytes with its NUL (probe_read_str's limit),
    // and where the string areas are.
    uint32_t strLen = 257;
    StrAreas str;
    bool zeroStrings = false;     // Options::zeroStrings
    std::vector<int> thisOffsets; // this-> variables in str.thisVars
    bool allocaUsed = false;      // some clause calls alloca(): pointer loads check it
    PrintTypes printTypes;        // print()'s types, for the consumer
    // Principal buffer accounting (switch and fill policies): the byte
    // limits records are held to (BufferLayout), then one 64-byte block
    // per CPU, allocated on first use.
    BufPolicy bufPolicy = BufPolicy::Switch;
    uint32_t ncpu = 1;
    int64_t bufBase = -1;
    uint32_t bufState() {
        if (bufBase < 0) {
            bufBase = static_cast<int64_t>((init.size() + 63) / 64 * 64);
            init.resize(static_cast<size_t>(bufBase) + BufferLayout::kCpuBlocks +
                            BufferLayout::kCpuBlockSize * ncpu,
                        0);
        }
        return static_cast<uint32_t>(bufBase);
    }
    // The kernel's __traceiter_ functions, [start, end) u64 pairs sorted by
    // start, padded with ~0 to a power of two (traceiterCount): a stack
    // frame in one of them is a tracepoint shared with another tracer.
    int64_t traceiterBase = -1;
    uint32_t traceiterCount = 0;
    uint32_t traceiters() {
        if (traceiterBase < 0) {
            auto ranges = elf::Symbolizer::instance().kernelFunctions("__traceiter_");
            if (ranges.size() > kMaxTraceiters) ranges.resize(kMaxTraceiters);
            traceiterCount = 1;
            while (traceiterCount < ranges.size())
                traceiterCount <<= 1;
            traceiterBase = static_cast<int64_t>((init.size() + 7) / 8 * 8);
            init.resize(static_cast<size_t>(traceiterBase) + 16 * traceiterCount, 0xff);
            for (size_t i = 0; i < ranges.size(); i++) {
                memcpy(init.data() + traceiterBase + 16 * i, &ranges[i].first, 8);
                memcpy(init.data() + traceiterBase + 16 * i + 8, &ranges[i].second, 8);
            }
        }
        return static_cast<uint32_t>(traceiterBase);
    }
    int64_t specBase = -1;
    uint32_t specStates() {
        if (specBase < 0) {
            specBase = static_cast<int64_t>((init.size() + 7) / 8 * 8);
            init.resize(static_cast<size_t>(specBase) + 8 * (nspec + 1), 0);
        }
        return static_cast<uint32_t>(specBase);
    }
    // An area of the globals value of at least `size` bytes, moved to a
    // bigger one at the end when a larger size is asked for.
    struct Area {
        uint32_t off = 0, size = 0;
    };
    uint32_t area(Area& a, uint32_t size) {
        if (size > a.size) {
            a.off = static_cast<uint32_t>((init.size() + 7) / 8 * 8);
            init.resize(a.off + size, 0);
            a.size = size;
        }
        return a.off;
    }
    Area zeroArea, sinkArea;
    // A zero-filled area (the initial value of aggregation entries, the
    // value of a dynamic variable not yet written).
    uint32_t zeros(uint32_t size) { return area(zeroArea, size); }
    // An area that stores go to when they have nowhere else (a dynamic
    // variable whose map is full): never read.
    uint32_t sink(uint32_t size) { return area(sinkArea, size); }
    uint32_t stringConst(const std::string& s) {
        auto it = strings.find(s);
        if (it != strings.end()) return it->second;
        uint32_t off = static_cast<uint32_t>((init.size() + 7) / 8 * 8);
        init.resize(off + str.bytes, 0);
        memcpy(init.data() + off, s.data(), std::min<size_t>(s.size(), str.bytes - 1));
        strings[s] = off;
        return off;
    }
};

constexpr int kScanMode = kMode; // the scan callback's mode word
enum ScanMode {
    kScanCompare, // kFound = A[i] - B[i] at the first difference, or 0
    kScanFirst,
    kScanLast,
    kScanUpper,
    kScanLower,
    kScanLastSlash,
    kScanLastNonSlash,
    kScanSkipSet, // kFound = first i >= kStart with A[i] not in kSet (-1: none)
    kScanFindSet, // kFound = first i >= kStart with A[i] in kSet or NUL
    kScanSetOfB,  // kSet |= each character of B
};

class ClauseGen {
  public:
    // errorFn invalid: this clause runs on the ERROR probe, and its own
    // faults are only counted, not reported again (no recursion).
    ClauseGen(Builder& b, ClauseInfo& info, const sema::SemaResult& sema, Globals& globals,
              bool describe, Label errorFn, const std::vector<AggInfo>* aggs, const DynMaps* dyn)
        : b_(b), info_(info), sema_(sema), globals_(globals), describe_(describe),
          errorFn_(errorFn), aggs_(aggs), dyn_(dyn) {}

    void generate(const Clause& c, Label entry);
    bool usesErrorFn = false; // the clause calls the program's error function

  private:
    // Eval-stack slots: 0 and 1 live in r6/r7, deeper ones on the stack.
    Reg slotReg(int slot, Reg tmp) {
        if (slot == 0) return R6;
        if (slot == 1) return R7;
        b_.load(Size::DW, tmp, R10, slotOff(slot));
        return tmp;
    }
    int16_t slotOff(int slot) const { return static_cast<int16_t>(-8 * (slot - 1)); }
    void setSlot(int slot, Reg src) {
        if (slot == 0)
            b_.mov(R6, src);
        else if (slot == 1)
            b_.mov(R7, src);
        else
            b_.store(Size::DW, R10, slotOff(slot), src);
    }
    int push() {
        if (depth_ >= kMaxDepth) fail(Tag::D_UNKNOWN, Loc{}, "expression too complex");
        return depth_++;
    }
    void pop(int n = 1) { depth_ -= n; }

    Val expr(const Expr& e);
    Val materialize(Val v);               // ensure a Slot
    Reg intoReg(const Val& v, Reg tmp);   // integer value in a register (consumes no slot)
    void normalize(Reg r, const Type* t); // sign/zero-extend to t's size
    Val binary(const Binary& e);
    Val compare(const Binary& e);
    Val logical(const Binary& e);
    Val unary(const Unary& e);
    Val builtin(const Ident& id);
    Val assign(const Assign& e);
    Val aggUpdate(const Assign& e, const AggRef& ref);
    void llquantizeIndex(const AggInfo& agg, Label done);
    Val subroutine(const Call& c);
    // String and memory subroutines.
    Val strSubr(const Call& c);
    int scratchOff(int slot) const;
    // A string from any address into the context at `off`: R0 = its length.
    // An unreadable one faults, or (nullFaults false) reads as "".
    void strFetch(int off, Reg src, bool nullFaults = true);
    void strStore(int off);
    void strAddr(Reg r, int off, Reg idx);
    Val strResult(int slot, const Type* t);
    void settle(std::initializer_list<std::pair<Reg, int>> keep);
    void strSearch();
    void strScan(int mode, int count);
    void strScanN(int mode, Reg count);
    Val specSubr(const Call& c);
    // Network and path subroutines (results in operand buffer A, then dst).
    void runLoop(Callback cb, const char* name, Reg count);
    void inetString(Func f, const std::vector<Val>& a, Loc loc);
    void appendDotted(int16_t from);
    void dottedQuad(const std::function<void(int)>& loadByte, const std::function<void(Reg)>& put);
    void cleanpath(const Val& path);
    void pathString(Loc loc); // the struct path at R3
    void uregs(const Index& ix, Val& idx);
    Val allocaSubr(const Call& c);
    // Checks that [R1, R1 + size) lies in this clause's alloca memory and
    // leaves its offset there in R1 (faulting at the address otherwise).
    void allocaRange(Reg size, int maxSize, Fault beyondTop);
    // R1: an address D may write sz bytes at; R3 becomes a pointer to them
    // (a global variable's bytes or the clause's alloca memory); anywhere
    // else faults, as D may not write kernel memory.
    void writableAt(unsigned sz);
    Val storeThrough(const Assign& e);
    // The address of a D variable (or of an element or member of one) as
    // a plain number, as a pointer to it is in D; null if e is not one.
    std::optional<Val> variableAddress(const Expr& e);
    // dst = the value of src as a plain number (a BPF pointer's address).
    void asNumber(Reg dst, Reg src);
    void asNumber(Reg r) { asNumber(r, r); }
    void destructiveAction(const Call& c);
    void printAction(const Call& c, Action& a);
    bool* destructive_ = &destructiveSink_;
    bool destructiveSink_ = false;

  public:
    void setDestructiveFlag(bool* f) { destructive_ = f; }
    void setLayout(ArgLayout l) { layout_ = l; }
    // stackdepth: frames of the program's own caller (tracepoints and
    // test runs) are not the probe's, as stack() shows them.
    void setStackLead(int n, bool tracepoint) {
        stackLead_ = n;
        tracepointStack_ = tracepoint;
    }
    // R0 = the kernel stack's leading frames that are the tracing code's:
    // stackLead_, and on a tracepoint one more when the next is a
    // __traceiter_ function (the kernel iterates over a tracepoint's probes
    // when another tracer shares it).  Clobbers R1-R5.
    void stackLeadFrames();
    // END clauses may use the principal buffer's END reserve.
    void setEndClause(bool end) { endClause_ = end; }

  private:
    ArgLayout layout_ = ArgLayout::None;
    int stackLead_ = 0;
    bool tracepointStack_ = false;

  public:
  private:
    void countDrop(int offset);
    Label abort_; // discard the record (if any) and end the clause quietly
    bool usedAbort_ = false;
    bool isDyn(const Expr& e) const {
        return (e.kind == ExprKind::Member && as<Member>(e).varKind != 0) ||
               (e.kind == ExprKind::Index && as<Index>(e).arrayIndex >= 0);
    }
    const sema::DynVar& dynVar(const Expr& e) const;
    int32_t thisOffset(const Expr& e) const {
        return globals_.str.thisVars + globals_.thisOffsets.at(as<Member>(e).varIndex);
    }
    int strA() const { return globals_.str.a; }
    // A string variable in place (globals, this->): strsize characters, the
    // NUL, then a byte set when it holds NULL.  storeString copies the
    // string at R3 to R1, or marks NULL; nullIfMarked makes the address in
    // r 0 if the variable holds NULL.
    void storeString() {
        Label null = b_.newLabel(), done = b_.newLabel();
        int32_t mark = static_cast<int32_t>(globals_.strLen);
        b_.jmp(Cond::Eq, R3, 0, null);
        b_.storeImm(Size::B, R1, mark, 0);
        b_.mov(R2, mark);
        b_.call(BPF_FUNC_probe_read_kernel_str);
        b_.jmp(done);
        b_.bind(null);
        b_.storeImm(Size::B, R1, mark, 1);
        b_.storeImm(Size::B, R1, 0, 0);
        b_.bind(done);
    }
    void nullIfMarked(Reg r, Reg tmp) {
        Label keep = b_.newLabel();
        b_.load(Size::B, tmp, r, static_cast<int32_t>(globals_.strLen));
        b_.jmp(Cond::Eq, tmp, 0, keep);
        b_.mov(r, 0);
        b_.bind(keep);
    }
    // *(size *)(ctx + off) = imm, through `tmp` when off is past int16.
    void ctxStoreImm(Size sz, int32_t off, int32_t imm, Reg tmp) {
        if (off <= INT16_MAX) {
            b_.storeImm(sz, R9, off, imm);
            return;
        }
        b_.mov(tmp, R9);
        b_.alu(Alu::Add, tmp, off);
        b_.storeImm(sz, tmp, 0, imm);
    }
    int strB() const { return globals_.str.b; }
    // `keys`: an array element's keys already on the eval stack
    // (keyValues), for an element that is read and written once each.
    Val loadDyn(const Expr& e, const std::vector<Val>* keys = nullptr);
    void storeDyn(const Expr& e, const Val& v, const std::vector<Val>* keys = nullptr);
    // Puts the map key of a self-> or array reference in place, at
    // kVarKey or kArrKey.
    void dynKey(const Expr& e, const std::vector<Val>* keys = nullptr);
    // A tuple key: every part is evaluated onto the eval stack before any
    // is written, so that keys nesting other keys do not overwrite them.
    void buildKey(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs, int base);
    std::vector<Val> keyValues(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs);
    void writeKey(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs,
                  const std::vector<Val>& vals, int base);
    // lhs op= rhs, ++ and -- (rhs null: add `delta`) on a variable, an
    // associative array element (keys evaluated once) or memory.
    Val update(const Expr& lhs, std::optional<BinaryOp> op, const Expr* rhs, int64_t delta,
               bool post, const Type* type, Loc loc);
    void applyOp(BinaryOp op, bool isSigned, Loc loc); // R1 = R1 op R2
    void storeGlobal(int index, const Val& v);
    // A member (possibly nested, possibly a bit-field) of a struct/union
    // variable: where it is in the globals map, the context's this-> area
    // or a dynamic variable's element.
    struct FieldRef {
        uint32_t offset = 0; // of the member, or of its bit-field's unit
        const Type* type = nullptr;
        uint32_t bitOff = 0, bitWidth = 0, unit = 0;
        bool ctx = false; // in the context's this-> area, not the globals value
        // In the element of this self-> variable or array element (offset
        // relative to it), whose address bindField puts in eval slot `slot`.
        const Expr* dyn = nullptr;
        int slot = -1;
    };
    // A global, this-> or struct/union dynamic variable, or a member or
    // constant-index element of one: where it lives.  Aggregates (a whole
    // struct) only if asked for.
    std::optional<FieldRef> varField(const Expr& e, bool aggregate) const;
    std::optional<FieldRef> globalField(const Expr& e) const { return varField(e, false); }
    // A dynamic variable's field: its element's address into a new slot
    // (returned, -1 for other fields or one already bound); `create` makes
    // an absent element to write to, else it reads as zeros.
    int bindField(FieldRef& f, bool create);
    // R0 = the element of a struct/union self-> variable or array element.
    void dynElement(const Expr& var, bool create);
    void deleteDyn(const Expr& var);
    int dynMap(const Expr& e) const {
        return e.kind == ExprKind::Member ? dyn_->self.at(as<Member>(e).varIndex)
                                          : dyn_->arrays.at(as<Index>(e).arrayIndex);
    }
    void fieldAddress(Reg r, const FieldRef& f); // r = the field's address (bound)
    static FieldRef fieldAt(uint32_t offset, uint64_t bits, const Type* t, uint32_t bitWidth);
    // A dynamic variable's field not yet bound is looked up for a load (an
    // absent element reads as zeros) and made for a store.
    Val loadField(const FieldRef& f, const Type* type);
    void storeField(const FieldRef& f, const Val& v);
    void storeBoundField(const FieldRef& f, const Val& v); // (f not unbound dynamic)
    Val strCompare(const Val& a, const Val& b, BinaryOp op);
    Val loadThrough(Val p, const Type* type, Loc loc);
    // Kernel (or BPF) memory lvalues: p->m, s.m, a[i] on such, *p.
    bool inMemory(const Expr& e) const;
    Val address(const Expr& e, Type::Member* field);
    Val memberLoad(const Member& m);
    // Translation: a translated member's value; the translator's input
    // bound to an operand; a struct variable assigned a translation or a
    // copy of another.
    Val translatedMember(const Member& m);
    Val valueAs(const Expr& e, const Type* t);
    Val translatedStruct(const Xlate& x);
    // Zeroes `size` bytes at the address in `base` (words, then bytes).
    void zeroFill(Reg base, uint32_t size) {
        uint32_t off = 0;
        for (; off + 8 <= size; off += 8)
            b_.storeImm(Size::DW, base, static_cast<int16_t>(off), 0);
        for (; off < size; off++)
            b_.storeImm(Size::B, base, static_cast<int16_t>(off), 0);
    }
    // R0 = the word of `size` at `offset` in the current task_struct.
    void currentTaskWord(int32_t offset, Size size) {
        b_.call(BPF_FUNC_get_current_task);
        b_.mov(R3, R0);
        b_.alu(Alu::Add, R3, offset);
        readKernelWord(size);
    }
    // R0 = the kernel word of `size` at the address in R3 (0 if unreadable).
    void readKernelWord(Size size) {
        b_.storeImm(Size::DW, R10, kTmpKey, 0);
        b_.mov(R1, R10);
        b_.alu(Alu::Add, R1, kTmpKey);
        b_.mov(R2, size == Size::DW ? 8 : size == Size::W ? 4 : size == Size::H ? 2 : 1);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.load(size, R0, R10, kTmpKey);
    }
    void bindXlateInput(const Xlate& x);
    int16_t xlateWord(const TranslatorDef* t);
    bool assignStruct(const Assign& e);
    Val structAddress(const Expr& e);
    Val valueAt(Val addr, const Type* type, const Type::Member& field, Loc loc);
    Val pointerIndex(const Index& ix);
    // a[i] of a global array variable with a computed index: the element's
    // address (an index past the array faults, as DTrace's do).
    bool isVarElement(const Expr& e) const;
    Val varElementAddress(const Index& ix, bool create);
    void stmt(const Stmt& s);
    void action(const Call& c);
    ValueSource recordValue(const Expr& e, bool whole = false);
    // Stacks and symbol addresses into the record or a key (issue 7).
    ValueSource symbolValue(const Expr& e);
    ValueSource printfValue(const Call& c, size_t i);
    void symbolKey(const AggKey& key, const Expr& e, int32_t off);
    void copySymbol(const Expr& e, SymbolKind k, uint32_t frames, Reg base, int32_t off);
    uint32_t reserveField(uint32_t size, uint32_t align);
    // n bytes at the address in p's slot into the record at off: kernel
    // memory, else user memory, else a fault.
    void recordBytes(const Val& p, uint32_t off, uint32_t n);
    void faultIf(Cond c, Reg a, int32_t imm, Fault f, Reg addr);
    void emitFaultStub(Label stub, Fault f, Reg addr, Label resume);

    Builder& b_;
    ClauseInfo& info_;
    const sema::SemaResult& sema_;
    Globals& globals_;
    bool describe_; // first emission: fill info_ (actions, record layout)
    int depth_ = 0;
    bool recordLive_ = false;
    bool traceArg_ = false;      // evaluating trace()'s argument
    bool pidTgidCached_ = false; // the clause read pid_tgid into kPidTgidWord
    bool addressOnly_ = false;   // computing an address for &, not reading
    void pidTgid() {             // r0 = the current pid_tgid
        if (pidTgidCached_)
            b_.load(Size::DW, R0, R10, kPidTgidWord);
        else
            b_.call(BPF_FUNC_get_current_pid_tgid);
    }
    bool plainFaultAddr_ = false; // faults report their address in decimal
    uint32_t recOff_ = sizeof(RecordHeader);
    std::map<const TranslatorDef*, int> xlateWords_; // translator -> DctxLayout::kXlateIn word
    int actionNo_ = 0;
    Label faultRec_, faultNoRec_, done_;
    Label errorFn_;
    const std::vector<AggInfo>* aggs_;
    const DynMaps* dyn_;
    size_t sizeInsn_ = 0;
    std::vector<size_t> footprintInsns_; // immediates patched with the record's footprint
    std::vector<size_t> negFootprintInsns_;
    bool endClause_ = false;
    void chargeRecord();
    bool exitSeen_ = false;
    bool usedFaultRec_ = false, usedFaultNoRec_ = false;
    int conditional_ = 0;
    std::vector<uint32_t> flags_;
    size_t nextFlag_ = 0;
    std::vector<std::pair<Label, std::tuple<Fault, Reg, bool>>> stubs_;
};

void ClauseGen::normalize(Reg r, const Type* t) {
    const Type* rt = t ? t->resolve() : nullptr;
    if (!rt || rt->kind == Type::Kind::Pointer || rt->size >= 8 || rt->size == 0) return;
    if (rt->kind != Type::Kind::Int && rt->kind != Type::Kind::Enum) return;
    int sh = 64 - 8 * static_cast<int>(rt->size);
    b_.alu(Alu::Lsh, r, sh);
    b_.alu(rt->isSigned ? Alu::Arsh : Alu::Rsh, r, sh);
}

Val ClauseGen::materialize(Val v) {
    if (v.kind == Val::Kind::Slot) return v;
    int s = push();
    if (v.kind == Val::Kind::ConstInt) {
        b_.loadImm(R1, v.c);
        setSlot(s, R1);
    } else if (v.kind == Val::Kind::ConstStr) {
        b_.loadMapValue(R1, kMapGlobals, globals_.stringConst(v.s));
        setSlot(s, R1);
    } else {
        // The firing probe's strings, from the probe-string table by id.
        Label found = b_.newLabel(), done = b_.newLabel();
        int map = globals_.probeStrings();
        b_.load(Size::W, R1, R9, DctxLayout::kProbeId);
        b_.store(Size::W, R10, kTmpKey, R1);
        b_.loadMapFd(R1, map);
        b_.mov(R2, R10);
        b_.alu(Alu::Add, R2, kTmpKey);
        b_.call(BPF_FUNC_map_lookup_elem);
        b_.jmp(Cond::Ne, R0, 0, found);
        b_.loadMapValue(R1, kMapGlobals, globals_.stringConst(""));
        b_.jmp(done);
        b_.bind(found);
        int field = v.field == ValueSource::Kind::ProbeProvider   ? 0
                    : v.field == ValueSource::Kind::ProbeModule   ? 1
                    : v.field == ValueSource::Kind::ProbeFunction ? 2
                                                                  : 3;
        b_.mov(R1, R0);
        b_.alu(Alu::Add, R1, field * globals_.probeField());
        b_.bind(done);
        setSlot(s, R1);
    }
    Val out;
    out.kind = Val::Kind::Slot;
    out.slot = s;
    out.type = v.type;
    return out;
}

Reg ClauseGen::intoReg(const Val& v, Reg tmp) {
    if (v.kind == Val::Kind::ConstInt) {
        b_.loadImm(tmp, v.c);
        return tmp;
    }
    return slotReg(v.slot, tmp);
}

void ClauseGen::emitFaultStub(Label stub, Fault f, Reg addr, Label resume) {
    (void)resume;
    b_.bind(stub);
    int32_t code = static_cast<int32_t>(f);
    if (f == Fault::BadUserAddr) code = static_cast<int32_t>(Fault::BadAddr) | kFaultUserAddr;
    if (plainFaultAddr_ && f == Fault::BadAddr) code |= static_cast<int32_t>(kFaultTraceArg);
    b_.storeImm(Size::W, R9, DctxLayout::kFault, code);
    b_.storeImm(Size::W, R9, DctxLayout::kAction, actionNo_);
    if (addr != R0)
        b_.store(Size::DW, R9, DctxLayout::kFaultAddr, addr);
    else
        b_.storeImm(Size::DW, R9, DctxLayout::kFaultAddr, 0);
    b_.storePc(Size::DW, R9, DctxLayout::kFaultPc);
    b_.jmp(recordLive_ ? faultRec_ : faultNoRec_);
    (recordLive_ ? usedFaultRec_ : usedFaultNoRec_) = true;
}

// Jumps to a fault stub when `a <c> imm`; the stub is emitted at the end.
void ClauseGen::faultIf(Cond c, Reg a, int32_t imm, Fault f, Reg addr) {
    Label ok = b_.newLabel();
    Label stub = b_.newLabel();
    b_.jmp(c, a, imm, stub);
    b_.jmp(ok);
    emitFaultStub(stub, f, addr, ok);
    b_.bind(ok);
}

void ClauseGen::stackLeadFrames() {
    b_.mov(R0, stackLead_);
    if (!tracepointStack_) return;
    Label done = b_.newLabel();
    uint32_t base = globals_.traceiters();
    uint32_t n = globals_.traceiterCount;
    int32_t at = 8 + 8 * stackLead_; // the frame after the lead
    b_.load(Size::DW, R1, R9, DctxLayout::kKStack);
    b_.jmp(Cond::Sle, R1, 8 * stackLead_, done);
    b_.load(Size::DW, R1, R9, DctxLayout::kKStack + at);
    // Branch-free binary search (kernel addresses share their top bit, so
    // (addr - start) >> 63 is addr < start): R2 = the last entry whose start
    // is at most addr.
    b_.loadMapValue(R3, kMapGlobals, base);
    b_.mov(R2, 0);
    for (uint32_t step = n / 2; step >= 1; step /= 2) {
        b_.mov(R4, R2);
        b_.alu(Alu::Add, R4, static_cast<int32_t>(step));
        b_.alu(Alu::And, R4, static_cast<int32_t>(n - 1));
        b_.alu(Alu::Lsh, R4, 4);
        b_.alu(Alu::Add, R4, R3);
        b_.load(Size::DW, R4, R4, 0);
        b_.mov(R5, R1);
        b_.alu(Alu::Sub, R5, R4);
        b_.alu(Alu::Rsh, R5, 63);
        b_.alu(Alu::Xor, R5, 1);
        b_.alu(Alu::Mul, R5, static_cast<int32_t>(step));
        b_.alu(Alu::Add, R2, R5);
    }
    b_.alu(Alu::And, R2, static_cast<int32_t>(n - 1));
    b_.alu(Alu::Lsh, R2, 4);
    b_.alu(Alu::Add, R2, R3);
    b_.load(Size::DW, R4, R2, 0);
    b_.jmp(Cond::Gt, R4, R1, done);
    b_.load(Size::DW, R4, R2, 8);
    b_.jmp(Cond::Ge, R1, R4, done);
    b_.alu(Alu::Add, R0, 1);
    b_.bind(done);
}

Val ClauseGen::builtin(const Ident& id) {
    Builtin bi = static_cast<Builtin>(id.index);
    Val v;
    v.type = id.type;
    auto probeStr = [&](ValueSource::Kind k) {
        v.kind = Val::Kind::ProbeStr;
        v.field = k;
        return v;
    };
    switch (bi) {
    case Builtin::Probeprov:
        return probeStr(ValueSource::Kind::ProbeProvider);
    case Builtin::Probemod:
        return probeStr(ValueSource::Kind::ProbeModule);
    case Builtin::Probefunc:
        return probeStr(ValueSource::Kind::ProbeFunction);
    case Builtin::Probename:
        return probeStr(ValueSource::Kind::ProbeName);
    case Builtin::Epid:
        v.kind = Val::Kind::ConstInt;
        v.c = info_.id + 1;
        return v;
    default:
        break;
    }
    int s = push();
    v.kind = Val::Kind::Slot;
    v.slot = s;
    if (bi <= Builtin::Arg9) {
        b_.load(Size::DW, R0, R9, static_cast<int16_t>(8 * static_cast<int>(bi)));
    } else {
        switch (bi) {
        case Builtin::Pid:
            pidTgid();
            b_.alu(Alu::Rsh, R0, 32);
            break;
        case Builtin::Tid:
            pidTgid();
            b_.alu32(Alu::Mov, R0, R0);
            break;
        case Builtin::Uid:
            b_.call(BPF_FUNC_get_current_uid_gid);
            b_.alu32(Alu::Mov, R0, R0);
            break;
        case Builtin::Gid:
            b_.call(BPF_FUNC_get_current_uid_gid);
            b_.alu(Alu::Rsh, R0, 32);
            break;
        case Builtin::Cpu:
            b_.call(BPF_FUNC_get_smp_processor_id);
            break;
        case Builtin::Vtimestamp: {
            // The thread's on-CPU time: the scheduler's account of it
            // (current->se.sum_exec_runtime), which it brings up to date at
            // each tick, context switch and wakeup; the part of the running
            // slice since then is not in it.
            auto se = kernelBtf().memberOffset("task_struct", "se");
            auto sum = kernelBtf().memberOffset("sched_entity", "sum_exec_runtime");
            if (!se || !sum)
                fail(Tag::D_UNKNOWN, id.loc, "vtimestamp is not available: no kernel BTF");
            currentTaskWord(static_cast<int32_t>(*se + *sum), Size::DW);
            break;
        }
        case Builtin::Timestamp:
            // One value per firing, read by the trampoline (as DTrace:
            // every clause of a firing sees the same time).
            b_.load(Size::DW, R0, R9, DctxLayout::kTimestamp);
            break;
        case Builtin::Walltimestamp:
            // Read at each use, as DTrace's (only timestamp is per firing).
            b_.call(BPF_FUNC_ktime_get_boot_ns);
            b_.loadMapValue(R1, kMapGlobals, GlobalsLayout::kWallOffset);
            b_.load(Size::DW, R1, R1, 0);
            b_.alu(Alu::Add, R0, R1);
            break;
        case Builtin::Id:
            b_.load(Size::W, R0, R9, DctxLayout::kProbeId);
            break;
        case Builtin::Curthread:
            b_.call(BPF_FUNC_get_current_task);
            break;
        case Builtin::Errno:
            // The error a system call returns (Linux: -errno as its
            // value); 0 elsewhere.
            if (layout_ == ArgLayout::SyscallReturn) {
                Label none = b_.newLabel(), done = b_.newLabel();
                b_.load(Size::DW, R0, R9, DctxLayout::kArgs);
                b_.jmp(Cond::Sge, R0, 0, none);
                b_.jmp(Cond::Slt, R0, -4095, none);
                b_.neg(R0);
                b_.jmp(done);
                b_.bind(none);
                b_.mov(R0, 0);
                b_.bind(done);
            } else {
                b_.mov(R0, 0);
            }
            break;
        case Builtin::Ucaller: // the user stack's second frame
            b_.load(Size::DW, R0, R9, DctxLayout::kUStack + 24);
            break;
        case Builtin::Caller: { // the first frame past the tracing code's
            Label none = b_.newLabel(), done = b_.newLabel();
            stackLeadFrames();
            b_.mov(R2, R0);
            b_.alu(Alu::Lsh, R2, 3);
            b_.load(Size::DW, R1, R9, DctxLayout::kKStack);
            b_.jmp(Cond::Sle, R1, R2, none);
            b_.alu(Alu::And, R2, 8 * 3); // (the lead is at most 2: bounded for the verifier)
            b_.alu(Alu::Add, R2, R9);
            b_.load(Size::DW, R0, R2, DctxLayout::kKStack + 8);
            b_.jmp(done);
            b_.bind(none);
            b_.mov(R0, 0);
            b_.bind(done);
            break;
        }
        case Builtin::Stackdepth: {
            Label ok = b_.newLabel();
            stackLeadFrames();
            b_.load(Size::DW, R1, R9, DctxLayout::kKStack);
            b_.alu(Alu::Arsh, R1, 3);
            b_.alu(Alu::Sub, R1, R0);
            b_.mov(R0, R1);
            b_.jmp(Cond::Sge, R0, 0, ok);
            b_.mov(R0, 0);
            b_.bind(ok);
            break;
        }
        case Builtin::Cwd:
        case Builtin::Root: {
            // current->fs->pwd or ->root, as d_path() prints it.
            auto fs = kernelBtf().memberOffset("task_struct", "fs");
            auto which = kernelBtf().memberOffset("fs_struct", bi == Builtin::Cwd ? "pwd" : "root");
            if (!fs || !which)
                fail(Tag::D_UNKNOWN, id.loc, "{} is not available: no kernel BTF", id.name);
            b_.call(BPF_FUNC_get_current_task);
            b_.mov(R3, R0);
            b_.alu(Alu::Add, R3, static_cast<int32_t>(*fs));
            b_.mov(R1, R10);
            b_.alu(Alu::Add, R1, kTmpKey);
            b_.mov(R2, 8);
            b_.call(BPF_FUNC_probe_read_kernel);
            b_.load(Size::DW, R3, R10, kTmpKey);
            faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
            b_.alu(Alu::Add, R3, static_cast<int32_t>(*which));
            pathString(id.loc);
            b_.mov(R3, R9);
            b_.alu(Alu::Add, R3, strA());
            b_.mov(R2, static_cast<int32_t>(globals_.strLen));
            strStore(scratchOff(s));
            b_.mov(R0, R9);
            b_.alu(Alu::Add, R0, scratchOff(s));
            break;
        }
        case Builtin::Ustackdepth: {
            Label ok = b_.newLabel();
            b_.load(Size::DW, R0, R9, DctxLayout::kUStack + 8);
            b_.jmp(Cond::Sge, R0, 0, ok);
            b_.mov(R0, 0);
            b_.bind(ok);
            b_.alu(Alu::Rsh, R0, 3);
            break;
        }
        case Builtin::Ppid: {
            // ppid = current->real_parent->tgid, with offsets from BTF.
            auto parent = kernelBtf().memberOffset("task_struct", "real_parent");
            auto tgid = kernelBtf().memberOffset("task_struct", "tgid");
            if (!parent || !tgid)
                fail(Tag::D_UNKNOWN, id.loc, "ppid is not available: no kernel BTF");
            currentTaskWord(static_cast<int32_t>(*parent), Size::DW);
            b_.mov(R3, R0);
            b_.alu(Alu::Add, R3, static_cast<int32_t>(*tgid));
            readKernelWord(Size::W);
            break;
        }
        case Builtin::Execname: {
            int off = scratchOff(s);
            b_.mov(R1, R9);
            b_.alu(Alu::Add, R1, off);
            b_.mov(R2, 16);
            b_.call(BPF_FUNC_get_current_comm);
            b_.mov(R0, R9);
            b_.alu(Alu::Add, R0, off);
            break;
        }
        default:
            fail(Tag::D_UNKNOWN, id.loc, "built-in variable {} is not supported yet", id.name);
        }
    }
    setSlot(s, R0);
    return v;
}

Val ClauseGen::expr(const Expr& e) {
    if (e.folded) { // sizeof, offsetof: sema computed the value
        Val v;
        v.kind = Val::Kind::ConstInt;
        v.c = *e.folded;
        v.type = e.type;
        return v;
    }
    switch (e.kind) {
    case ExprKind::IntLit: {
        Val v;
        v.kind = Val::Kind::ConstInt;
        v.c = static_cast<int64_t>(as<IntLit>(e).value);
        v.type = e.type;
        return v;
    }
    case ExprKind::StrLit: {
        Val v;
        v.kind = Val::Kind::ConstStr;
        v.s = as<StrLit>(e).value;
        v.type = e.type;
        return v;
    }
    case ExprKind::Ident: {
        auto& id = as<Ident>(e);
        if (id.ref == Ident::Ref::Builtin) return builtin(id);
        if (id.ref == Ident::Ref::Inline) // the definition's value, as the inline's type
            return valueAs(*id.inlineValue, e.type);
        if (id.ref == Ident::Ref::Constant) {
            Val v;
            v.kind = Val::Kind::ConstInt;
            v.c = id.constValue;
            v.type = e.type;
            return v;
        }
        if (id.ref == Ident::Ref::XlateInput) {
            int s = push();
            b_.load(Size::DW, R0, R9, xlateWord(id.translator));
            setSlot(s, R0);
            Val v;
            v.slot = s;
            v.type = e.type;
            return v;
        }
        const sema::GlobalVar& g = sema_.globals.at(id.index);
        if (const Type* ar = g.type->resolve(); ar->kind == Type::Kind::Array && ar->target) {
            // An array used as a value is the address of its first element
            // (a char array's characters are a string).
            Val v = *variableAddress(e);
            v.type = ar->target->resolve()->isChar ? sema_.stringType : e.type;
            return v;
        }
        if (!g.type->isScalar() && !g.type->isString())
            fail(Tag::D_UNKNOWN, id.loc,
                 "variables of type {} are not supported by the code generator yet", g.type->name);
        int s = push();
        b_.loadMapValue(R0, kMapGlobals, g.offset);
        if (!g.type->isString()) {
            const Type* r = g.type->resolve();
            unsigned sz = static_cast<unsigned>(r->size);
            b_.load(bpf::sizeFor(sz >= 8 ? 8 : sz), R0, R0, 0);
            if (r->isSigned && sz < 8) normalize(R0, g.type);
        } else {
            nullIfMarked(R0, R1);
        }
        setSlot(s, R0);
        Val v;
        v.slot = s;
        v.type = e.type;
        return v;
    }
    case ExprKind::Binary: {
        auto& bin = as<Binary>(e);
        switch (bin.op) {
        case BinaryOp::Lt:
        case BinaryOp::Gt:
        case BinaryOp::Le:
        case BinaryOp::Ge:
        case BinaryOp::Eq:
        case BinaryOp::Ne:
            return compare(bin);
        case BinaryOp::LogAnd:
        case BinaryOp::LogOr:
        case BinaryOp::LogXor:
            return logical(bin);
        case BinaryOp::Comma: {
            Val a = expr(*bin.lhs);
            if (a.kind == Val::Kind::Slot) pop();
            return expr(*bin.rhs);
        }
        default:
            return binary(bin);
        }
    }
    case ExprKind::Unary:
        return unary(as<Unary>(e));
    case ExprKind::Assign:
        return assign(as<Assign>(e));
    case ExprKind::Ternary: {
        auto& t = as<Ternary>(e);
        Val c = materialize(expr(*t.cond));
        Reg cr = slotReg(c.slot, R1);
        pop();
        Label elseL = b_.newLabel(), end = b_.newLabel();
        b_.jmp(Cond::Eq, cr, 0, elseL);
        int s = depth_;
        Val a = materialize(expr(*t.then));
        if (a.slot != s) fail(Tag::D_UNKNOWN, t.loc, "internal error: ternary slot");
        pop();
        b_.jmp(end);
        b_.bind(elseL);
        Val bv = materialize(expr(*t.otherwise));
        if (bv.slot != s) fail(Tag::D_UNKNOWN, t.loc, "internal error: ternary slot");
        b_.bind(end);
        Val v;
        v.slot = s;
        v.type = e.type;
        return v;
    }
    case ExprKind::Member:
    case ExprKind::Index:
        if (e.kind == ExprKind::Member && as<Member>(e).xlateValue)
            return translatedMember(as<Member>(e));
        if (isDyn(e)) return loadDyn(e);
        if (const Type* r = e.type->resolve(); r->kind == Type::Kind::Array && r->target &&
                                               r->target->resolve()->isChar && varField(e, true)) {
            // A char array member of a variable: a string, at its address
            // (as one in memory).
            Val a = structAddress(e);
            a.type = sema_.stringType;
            return a;
        }
        if (auto f = globalField(e)) return loadField(*f, e.type);
        if (e.kind == ExprKind::Member) return memberLoad(as<Member>(e));
        if (e.kind == ExprKind::Index) return pointerIndex(as<Index>(e));
        fail(Tag::D_UNKNOWN, e.loc, "expression is not supported by the code generator yet");
    case ExprKind::Cast: {
        auto& c = as<Cast>(e);
        Val v = expr(*c.operand);
        if (v.kind == Val::Kind::ConstInt) {
            // An integer cast of a constant is folded by sema (e.folded).
            v.type = e.type;
            return v;
        }
        v = materialize(v);
        if (e.type->isInteger()) {
            Reg r = slotReg(v.slot, R1);
            if (scratchPointer(*c.operand)) asNumber(r);
            normalize(r, e.type);
            setSlot(v.slot, r);
        }
        v.type = e.type;
        return v;
    }
    case ExprKind::Call:
        return subroutine(as<Call>(e));
    case ExprKind::Xlate:
        if (e.type->resolve()->kind == Type::Kind::Pointer) return translatedStruct(as<Xlate>(e));
        fail(Tag::D_UNKNOWN, e.loc, "expression is not supported by the code generator yet");
    case ExprKind::SizeofType:
    default:
        fail(Tag::D_UNKNOWN, e.loc, "expression is not supported by the code generator yet");
    }
}

Val ClauseGen::binary(const Binary& e) {
    Val a = expr(*e.lhs);
    Val bv = expr(*e.rhs);
    if (a.kind == Val::Kind::ConstInt && bv.kind == Val::Kind::ConstInt && e.op != BinaryOp::Div &&
        e.op != BinaryOp::Mod) {
        // Fold constants.
        int64_t x = a.c, y = bv.c, r = 0;
        switch (e.op) {
        case BinaryOp::Mul:
            r = static_cast<int64_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(y));
            break;
        case BinaryOp::Add:
            r = static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(y));
            break;
        case BinaryOp::Sub:
            r = static_cast<int64_t>(static_cast<uint64_t>(x) - static_cast<uint64_t>(y));
            break;
        case BinaryOp::Shl:
            r = static_cast<int64_t>(static_cast<uint64_t>(x) << (y & 63));
            break;
        case BinaryOp::Shr:
            r = e.type->resolve()->isSigned
                    ? (x >> (y & 63))
                    : static_cast<int64_t>(static_cast<uint64_t>(x) >> (y & 63));
            break;
        case BinaryOp::BitAnd:
            r = x & y;
            break;
        case BinaryOp::BitOr:
            r = x | y;
            break;
        case BinaryOp::BitXor:
            r = x ^ y;
            break;
        default:
            break;
        }
        Val v;
        v.kind = Val::Kind::ConstInt;
        v.c = r;
        v.type = e.type;
        return v;
    }
    // Order on the eval stack: a below b.
    bool bConst = bv.kind == Val::Kind::ConstInt && bv.c >= INT32_MIN && bv.c <= INT32_MAX;
    if (a.kind != Val::Kind::Slot) {
        // Materialize a beneath b: if b is on the stack, reorder.
        if (bv.kind == Val::Kind::Slot) {
            Reg br = slotReg(bv.slot, R2);
            b_.mov(R3, br);
            pop();
            a = materialize(a);
            int s = push();
            setSlot(s, R3);
            bv.slot = s;
        } else {
            a = materialize(a);
        }
    }
    Reg ar = slotReg(a.slot, R1);
    if (ar != R1) {
        b_.mov(R1, ar);
    }
    bool isSigned = e.type->resolve()->isSigned;
    Reg br = R2;
    if (!bConst) {
        if (bv.kind == Val::Kind::ConstInt)
            b_.loadImm(R2, bv.c);
        else
            br = slotReg(bv.slot, R2);
    }
    // Pointer arithmetic scales the integer operand.
    const Type* lt = e.lhs->type->resolve();
    const Type* rt = e.rhs->type->resolve();
    if ((e.op == BinaryOp::Add || e.op == BinaryOp::Sub) && lt->kind == Type::Kind::Pointer &&
        rt->kind != Type::Kind::Pointer) {
        uint64_t sz = lt->target->resolve()->size;
        if (sz > 1) {
            if (bConst) {
                bv.c *= static_cast<int64_t>(sz);
            } else {
                b_.mov(R2, br);
                br = R2;
                b_.alu(Alu::Mul, R2, static_cast<int32_t>(sz));
            }
        }
    }
    std::optional<Alu> aop = aluFor(e.op, isSigned);
    if (!aop) fail(Tag::D_UNKNOWN, e.loc, "operator not supported yet");
    Alu op = *aop;
    switch (e.op) {
    case BinaryOp::Div:
    case BinaryOp::Mod: {
        if (bConst && bv.c == 0) {
            b_.loadImm(R2, 0);
            br = R2;
            bConst = false;
        }
        if (!bConst) faultIf(Cond::Eq, br, 0, Fault::DivZero, R0);
        if (isSigned) {
            // BPF ISA v4 signed division: off = 1.
            struct bpf_insn in {};
            in.code = static_cast<uint8_t>(BPF_ALU64 | static_cast<uint8_t>(op) |
                                           (bConst ? BPF_K : BPF_X));
            in.dst_reg = R1;
            in.src_reg = bConst ? 0 : br;
            in.off = 1;
            in.imm = bConst ? static_cast<int32_t>(bv.c) : 0;
            b_.emit(in);
            goto store;
        }
        break;
    }
    default:
        break;
    }
    if (bConst)
        b_.alu(op, R1, static_cast<int32_t>(bv.c));
    else
        b_.alu(op, R1, br);
store:
    normalize(R1, e.type);
    if (bv.kind == Val::Kind::Slot) pop();
    setSlot(a.slot, R1);
    a.type = e.type;
    return a;
}

// Loads a value of type t from the address in p's slot (kernel or BPF
// memory); an unreadable address faults.
Val ClauseGen::loadThrough(Val p, const Type* type, Loc loc) {
    if (type->isString()) { // a string's characters are where p points
        p.type = sema_.stringType;
        return p;
    }
    const Type* t = type->resolve();
    unsigned sz = static_cast<unsigned>(t->size);
    if (sz != 1 && sz != 2 && sz != 4 && sz != 8)
        fail(Tag::D_UNKNOWN, loc, "dereference of this type is not supported yet");
    // DTrace reports a byte load for trace() with the address in decimal.
    struct Plain {
        bool& flag;
        bool saved;
        ~Plain() { flag = saved; }
    } plain{plainFaultAddr_, plainFaultAddr_};
    plainFaultAddr_ = traceArg_ && sz == 1;
    Reg pr = slotReg(p.slot, R3);
    if (pr != R3) b_.mov(R3, pr);
    if (globals_.allocaUsed) {
        // A pointer into (or just below) the clause's alloca memory must
        // stay inside what the clause allocated, as DTrace checks.
        constexpr int kBelow = 64;
        // (Both as plain numbers: a round trip through the context.)
        Label outside = b_.newLabel();
        asNumber(R5, R3);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, DctxLayout::kAlloca);
        b_.store(Size::DW, R9, DctxLayout::kAllocaBase, R1);
        b_.load(Size::DW, R4, R9, DctxLayout::kAllocaBase);
        b_.alu(Alu::Sub, R5, R4);
        b_.alu(Alu::Add, R5, kBelow);
        b_.jmp(Cond::Ge, R5, kBelow + 2 * DctxLayout::kAllocaSize, outside);
        faultIf(Cond::Lt, R5, kBelow, Fault::BadAddr, R3);
        b_.alu(Alu::Add, R5, static_cast<int32_t>(sz) - kBelow);
        b_.load(Size::DW, R4, R9, DctxLayout::kAllocaTop);
        Label ok = b_.newLabel(), stub = b_.newLabel();
        b_.jmp(Cond::Gt, R5, R4, stub);
        b_.jmp(ok);
        emitFaultStub(stub, Fault::BadAddr, R3, ok);
        b_.bind(ok);
        b_.bind(outside);
    }
    b_.store(Size::DW, R10, kTmpKey, R3);
    b_.mov(R1, R10);
    b_.alu(Alu::Add, R1, kTmpKey - 8);
    b_.mov(R2, static_cast<int32_t>(sz));
    b_.call(BPF_FUNC_probe_read_kernel);
    b_.load(Size::DW, R3, R10, kTmpKey);
    faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
    b_.load(bpf::sizeFor(sz), R0, R10, kTmpKey - 8);
    normalize(R0, type);
    setSlot(p.slot, R0);
    p.type = type;
    return p;
}

// An expression whose value lives in memory that BPF reads with
// probe_read_kernel: a member through a pointer, a member or element of such
// a value, a dereference.
bool ClauseGen::inMemory(const Expr& e) const {
    if (e.kind == ExprKind::Member) {
        auto& m = as<Member>(e);
        if (m.varKind != 0) return false;
        return m.arrow || inMemory(*m.base);
    }
    if (e.kind == ExprKind::Index) {
        auto& ix = as<Index>(e);
        if (ix.arrayIndex >= 0) return false;
        const Type* r = ix.base->type ? ix.base->type->resolve() : nullptr;
        return r && (r->kind == Type::Kind::Pointer ||
                     (r->kind == Type::Kind::Array && inMemory(*ix.base)));
    }
    if (e.kind == ExprKind::Unary) return as<Unary>(e).op == UnaryOp::Deref;
    // A translator's struct input (its address is bound) and a cast of a
    // struct in memory to a struct type.
    const Type* r = e.type ? e.type->resolve() : nullptr;
    bool sou = r && (r->kind == Type::Kind::Struct || r->kind == Type::Kind::Union);
    if (e.kind == ExprKind::Ident) return sou && as<Ident>(e).ref == Ident::Ref::XlateInput;
    if (e.kind == ExprKind::Cast) return sou && inMemory(*as<Cast>(e).operand);
    return false;
}

// The address of a memory lvalue, in a new slot; *field gets the member's
// bit-field position (offsetBits relative to the address, bitWidth).
Val ClauseGen::address(const Expr& e, Type::Member* field) {
    if (field) *field = Type::Member{};
    if (e.kind == ExprKind::Unary) return materialize(expr(*as<Unary>(e).operand));
    if (e.kind == ExprKind::Ident) return expr(e); // a translator's input: its bound address
    if (e.kind == ExprKind::Cast) return address(*as<Cast>(e).operand, nullptr);
    if (e.kind == ExprKind::Index) {
        auto& ix = as<Index>(e);
        const Type* r = ix.base->type->resolve();
        Val base = r->kind == Type::Kind::Pointer ? materialize(expr(*ix.base))
                                                  : address(*ix.base, nullptr);
        Val idx = materialize(expr(*ix.keys[0]));
        int32_t esz = static_cast<int32_t>(ix.type->resolve()->size);
        Reg ir = slotReg(idx.slot, R2);
        if (ir != R2) b_.mov(R2, ir);
        if (esz > 1) b_.alu(Alu::Mul, R2, esz);
        Reg br = slotReg(base.slot, R1);
        if (br != R1) b_.mov(R1, br);
        b_.alu(Alu::Add, R1, R2);
        setSlot(base.slot, R1);
        pop();
        return base;
    }
    auto& m = as<Member>(e);
    Val base = m.arrow ? materialize(expr(*m.base)) : address(*m.base, nullptr);
    if (m.arrow && !addressOnly_) {
        // As DTrace: a member through a NULL pointer faults at address 0
        // (arg5 of ERROR is 0), not at the member's offset.
        Reg br = slotReg(base.slot, R3);
        faultIf(Cond::Eq, br, 0, Fault::BadAddr, br);
    }
    const Type* st = m.base->type->resolve();
    if (m.arrow) st = st->target->resolve();
    auto mem = findMember(st, m.member); // (sema completed kernel types it used)
    if (!mem) fail(Tag::D_UNKNOWN, m.loc, "internal error: no member {}", m.member);
    uint64_t bytes = mem->offsetBits / 8;
    if (mem->bitWidth) {
        // Address the byte holding the field's first bit.
        if (field) {
            *field = *mem;
            field->offsetBits = mem->offsetBits % 8;
        }
    }
    if (bytes) {
        Reg br = slotReg(base.slot, R1);
        if (br != R1) b_.mov(R1, br);
        b_.alu(Alu::Add, R1, static_cast<int32_t>(bytes));
        setSlot(base.slot, R1);
    }
    return base;
}

// The value of a memory lvalue of type t: scalars are read (bit-fields
// extracted); a char array is its address, read as a string by whoever
// uses it.
Val ClauseGen::valueAt(Val addr, const Type* type, const Type::Member& field, Loc loc) {
    const Type* r = type->resolve();
    if (r->kind == Type::Kind::Array && r->target && r->target->resolve()->isChar) {
        addr.type = sema_.stringType;
        return addr;
    }
    if (!field.bitWidth) return loadThrough(addr, type, loc);
    // A bit-field: 8 bytes from its first byte, shifted into place.
    Reg pr = slotReg(addr.slot, R3);
    if (pr != R3) b_.mov(R3, pr);
    b_.store(Size::DW, R10, kTmpKey, R3);
    b_.mov(R1, R10);
    b_.alu(Alu::Add, R1, kTmpKey - 8);
    b_.mov(R2, 8);
    b_.call(BPF_FUNC_probe_read_kernel);
    b_.load(Size::DW, R3, R10, kTmpKey);
    faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
    b_.load(Size::DW, R0, R10, kTmpKey - 8);
    int top = 64 - static_cast<int>(field.offsetBits + field.bitWidth);
    if (top > 0) b_.alu(Alu::Lsh, R0, top);
    if (field.bitWidth < 64)
        b_.alu(r->isSigned ? Alu::Arsh : Alu::Rsh, R0, 64 - static_cast<int>(field.bitWidth));
    setSlot(addr.slot, R0);
    addr.type = type;
    return addr;
}

Val ClauseGen::memberLoad(const Member& m) {
    if (!inMemory(m))
        fail(Tag::D_UNKNOWN, m.loc, "expression is not supported by the code generator yet");
    const Type* r = m.type->resolve();
    if (r->kind == Type::Kind::Struct || r->kind == Type::Kind::Union)
        fail(Tag::D_UNKNOWN, m.loc, "a struct or union value is not supported here yet");
    Type::Member field;
    Val a = address(m, &field);
    return valueAt(a, m.type, field, m.loc);
}

// xlate<T>(e).m: the translator's expression for m, with its input bound
// to e, converted to m's type.
Val ClauseGen::translatedMember(const Member& m) {
    bindXlateInput(*m.xlate);
    return valueAs(*m.xlateValue, m.type);
}

// e's value converted to type t (an integer narrowed or sign-extended to it).
Val ClauseGen::valueAs(const Expr& e, const Type* t) {
    Val v = expr(e);
    if (v.kind == Val::Kind::Slot && t->isInteger()) {
        Reg r = slotReg(v.slot, R1);
        normalize(r, t);
        setSlot(v.slot, r);
    }
    v.type = t;
    return v;
}

// xlate<T *>(e) as a value: the translation built in the clause's scratch
// memory (as DTrace does), members the translator does not define zero.
Val ClauseGen::translatedStruct(const Xlate& x) {
    const Type* st = x.type->resolve()->target->resolve();
    int32_t size = static_cast<int32_t>(st->size);
    // (Translations may use the whole scratch area, whatever -x scratchsize
    // leaves to alloca().)
    int32_t limit = DctxLayout::kAllocaSize;
    if (size > limit) fail(Tag::D_UNKNOWN, x.loc, "{} does not fit in scratch memory", st->name);
    int s = push();
    // From a null pointer the translation is a null pointer (the ip
    // provider's ipv4info_t of an IPv6 packet).
    Label null = b_.newLabel(), done = b_.newLabel();
    const Type* in = x.operand->type ? x.operand->type->resolve() : nullptr;
    bool pointerInput = in && in->kind == Type::Kind::Pointer;
    if (pointerInput) {
        Val op = materialize(expr(*x.operand));
        Reg r = slotReg(op.slot, R0);
        b_.jmp(Cond::Eq, r, 0, null);
        pop();
    }
    b_.load(Size::DW, R1, R9, DctxLayout::kAllocaTop);
    b_.alu(Alu::Add, R1, 7);
    b_.alu(Alu::And, R1, ~7);
    faultIf(Cond::Gt, R1, limit - size, Fault::NoScratch, R0);
    b_.mov(R3, R1);
    b_.alu(Alu::Add, R3, size);
    b_.store(Size::DW, R9, DctxLayout::kAllocaTop, R3);
    b_.alu(Alu::Add, R1, R9);
    b_.alu(Alu::Add, R1, DctxLayout::kAlloca);
    zeroFill(R1, static_cast<uint32_t>(size));
    setSlot(s, R1);
    for (const auto& tm : x.translator->members) {
        auto mem = findMember(st, tm.member);
        if (!mem || mem->bitWidth) continue;
        const Type* mt = mem->type->resolve();
        auto off = static_cast<int16_t>(mem->offsetBits / 8);
        bool chars = mt->kind == Type::Kind::Array && mt->target && mt->target->resolve()->isChar;
        if (!chars && !mt->isScalar()) continue;
        bindXlateInput(x);
        Val v = materialize(expr(*tm.value));
        if (chars) {
            // A string (or char array) member: its bytes, NUL-terminated.
            Reg vr = slotReg(v.slot, R3);
            if (vr != R3) b_.mov(R3, vr);
            Reg br = slotReg(s, R1);
            if (br != R1) b_.mov(R1, br);
            b_.alu(Alu::Add, R1, off);
            b_.mov(R2, static_cast<int32_t>(mt->size));
            b_.call(BPF_FUNC_probe_read_kernel_str);
        } else {
            Reg vr = slotReg(v.slot, R2);
            if (vr != R2) b_.mov(R2, vr);
            Reg br = slotReg(s, R1);
            b_.store(bpf::sizeFor(static_cast<unsigned>(mt->size)), br, off, R2);
        }
        pop();
    }
    if (pointerInput) {
        b_.jmp(done);
        b_.bind(null);
        b_.mov(R0, 0);
        setSlot(s, R0);
        b_.bind(done);
    }
    Val v;
    v.slot = s;
    v.type = x.type;
    return v;
}

int16_t ClauseGen::xlateWord(const TranslatorDef* t) {
    auto it = xlateWords_.find(t);
    if (it == xlateWords_.end()) {
        if (xlateWords_.size() >= static_cast<size_t>(DctxLayout::kXlateWords))
            fail(Tag::D_UNKNOWN, t->loc, "too many translators in one clause");
        it = xlateWords_.emplace(t, static_cast<int>(xlateWords_.size())).first;
    }
    return static_cast<int16_t>(DctxLayout::kXlateIn + 8 * it->second);
}

void ClauseGen::bindXlateInput(const Xlate& x) {
    Val op = isStructOrUnion(x.operand->type) ? structAddress(*x.operand)
                                              : materialize(expr(*x.operand));
    b_.store(Size::DW, R9, xlateWord(x.translator), slotReg(op.slot, R0));
    pop();
}

// The address of a struct or union value: a global variable's storage or
// memory the value lives in.
Val ClauseGen::structAddress(const Expr& e) {
    if (e.kind == ExprKind::Ident && as<Ident>(e).ref == Ident::Ref::Global) {
        int s = push();
        b_.loadMapValue(R0, kMapGlobals, sema_.globals.at(as<Ident>(e).index).offset);
        setSlot(s, R0);
        Val v;
        v.slot = s;
        v.type = e.type;
        return v;
    }
    if (auto f = varField(e, true)) {
        // A this-> or dynamic variable's struct, or a struct member of a
        // variable.
        int s = push();
        if (f->dyn) {
            dynElement(*f->dyn, false);
            setSlot(s, R0);
            f->slot = s;
        }
        fieldAddress(R0, *f);
        setSlot(s, R0);
        Val v;
        v.slot = s;
        v.type = e.type;
        return v;
    }
    if (inMemory(e)) return address(e, nullptr);
    fail(Tag::D_UNKNOWN, e.loc, "a struct or union value is not supported here yet");
}

// A struct or union variable assigned whole: from a translation (members
// the translator does not define become zero) or a copy; a dynamic one
// assigned 0 is deleted.
bool ClauseGen::assignStruct(const Assign& e) {
    const Type* lt = e.lhs->type->resolve();
    if (!isStructOrUnion(lt)) return false;
    auto dst = varField(*e.lhs, true);
    if (!dst) return false;
    const Expr* rhs = e.rhs.get();
    while (rhs->kind == ExprKind::Ident && as<Ident>(*rhs).ref == Ident::Ref::Inline)
        rhs = as<Ident>(*rhs).inlineValue;
    if (dst->dyn == e.lhs.get() && !isStructOrUnion(rhs->type->resolve())) {
        // (Sema let only the constant 0 through.)
        deleteDyn(*e.lhs);
        return true;
    }
    if (rhs->kind == ExprKind::Xlate) {
        const Xlate& x = as<Xlate>(*rhs);
        int bound = bindField(*dst, true);
        fieldAddress(R1, *dst);
        zeroFill(R1, static_cast<uint32_t>(lt->size));
        for (const auto& tm : x.translator->members) {
            auto mem = findMember(lt, tm.member);
            const Type* mt = mem ? mem->type->resolve() : nullptr;
            if (!mt || !mt->isScalar())
                fail(Tag::D_UNKNOWN, tm.loc,
                     "translating member {} into a variable is not supported yet", tm.member);
            bindXlateInput(x);
            Val v = expr(*tm.value);
            FieldRef f = fieldAt(dst->offset, mem->offsetBits, mem->type, mem->bitWidth);
            f.ctx = dst->ctx;
            f.dyn = dst->dyn;
            f.slot = dst->slot;
            storeField(f, v);
            if (v.kind == Val::Kind::Slot) pop();
        }
        if (bound >= 0) pop();
        return true;
    }
    Val src = structAddress(*rhs);
    int bound = bindField(*dst, true);
    b_.mov(R3, slotReg(src.slot, R3));
    fieldAddress(R1, *dst);
    b_.mov(R2, static_cast<int32_t>(lt->size));
    b_.call(BPF_FUNC_probe_read_kernel);
    if (bound >= 0) pop();
    pop();
    return true;
}

bool ClauseGen::isVarElement(const Expr& e) const {
    if (e.kind != ExprKind::Index) return false;
    const auto& ix = as<Index>(e);
    if (ix.arrayIndex >= 0 || ix.keys.size() != 1 || !ix.base->type) return false;
    const Type* bt = ix.base->type->resolve();
    return bt->kind == Type::Kind::Array && bt->count > 0 &&
           (varField(*ix.base, true) ||
            (ix.base->kind == ExprKind::Ident && as<Ident>(*ix.base).ref == Ident::Ref::Global));
}

Val ClauseGen::varElementAddress(const Index& ix, bool create) {
    const Type* bt = ix.base->type->resolve();
    FieldRef base;
    if (auto f = varField(*ix.base, true))
        base = *f;
    else
        base.offset = sema_.globals.at(as<Ident>(*ix.base).index).offset;
    int bound = bindField(base, create);
    Val idx = materialize(expr(*ix.keys[0]));
    Reg ir = slotReg(idx.slot, R2);
    if (ir != R2) b_.mov(R2, ir);
    faultIf(Cond::Ge, R2, static_cast<int32_t>(bt->count), Fault::BadIndex, R2);
    b_.alu(Alu::Mul, R2, static_cast<int32_t>(bt->target->resolve()->size));
    fieldAddress(R1, base);
    b_.alu(Alu::Add, R1, R2);
    if (bound >= 0) {
        // The address replaces the element's, the index's slot released.
        setSlot(bound, R1);
        pop();
        idx.slot = bound;
    } else {
        setSlot(idx.slot, R1);
    }
    idx.type = ix.type;
    return idx;
}

// base[i] on a pointer, array or string: the element at base + i * size.
Val ClauseGen::pointerIndex(const Index& ix) {
    if (isVarElement(ix)) {
        const Type* et = ix.type->resolve();
        Val a = varElementAddress(ix, false);
        Reg ar = slotReg(a.slot, R1);
        unsigned sz = static_cast<unsigned>(et->size);
        if (!et->isScalar() || (sz != 1 && sz != 2 && sz != 4 && sz != 8))
            fail(Tag::D_UNKNOWN, ix.loc, "elements of type {} are not supported here yet",
                 ix.type->name);
        b_.load(bpf::sizeFor(sz), R0, ar, 0);
        if (et->isSigned && sz < 8) normalize(R0, ix.type);
        setSlot(a.slot, R0);
        return a;
    }
    const Type* bt = ix.base->type ? ix.base->type->resolve() : nullptr;
    if (bt && bt->kind == Type::Kind::Array && inMemory(*ix.base)) {
        Type::Member none;
        Val a = address(ix, nullptr);
        return valueAt(a, ix.type, none, ix.loc);
    }
    if (ix.base->kind == ExprKind::Ident && as<Ident>(*ix.base).ref == Ident::Ref::Builtin &&
        as<Ident>(*ix.base).index == static_cast<int>(Builtin::Uregs)) {
        Val idx = materialize(expr(*ix.keys[0]));
        uregs(ix, idx);
        return idx;
    }
    if (ix.base->kind == ExprKind::Ident && as<Ident>(*ix.base).ref == Ident::Ref::Builtin &&
        as<Ident>(*ix.base).index == static_cast<int>(Builtin::Args)) {
        if (ix.argValue) return expr(*ix.argValue);
        // args[i]: the context's argument words (i checked against 0..9).
        Val idx = materialize(expr(*ix.keys[0]));
        Reg ir = slotReg(idx.slot, R1);
        if (ir != R1) b_.mov(R1, ir);
        faultIf(Cond::Gt, R1, 9, Fault::IllOp, R0);
        b_.alu(Alu::Lsh, R1, 3);
        b_.alu(Alu::Add, R1, R9);
        b_.load(Size::DW, R0, R1, DctxLayout::kArgs);
        const Type* at = ix.type->resolve();
        if (at->kind == Type::Kind::Int && at->size < 8) {
            // A typed argument narrower than its word (syscall arguments
            // are register-sized): the value its type holds.
            int shift = 64 - 8 * static_cast<int>(at->size);
            b_.alu(Alu::Lsh, R0, shift);
            b_.alu(at->isSigned ? Alu::Arsh : Alu::Rsh, R0, shift);
        }
        setSlot(idx.slot, R0);
        idx.type = ix.type;
        // A char array argument is its address (sdt record fields): a string.
        if (at->kind == Type::Kind::Array && at->target && at->target->resolve()->isChar)
            idx.type = sema_.stringType;
        return idx;
    }
    Val base = materialize(expr(*ix.base));
    Val idx = materialize(expr(*ix.keys[0]));
    const Type* et = ix.type;
    int32_t esz = static_cast<int32_t>(et->resolve()->size);
    Reg ir = slotReg(idx.slot, R2);
    if (ir != R2) b_.mov(R2, ir);
    if (esz > 1) b_.alu(Alu::Mul, R2, esz);
    Reg br = slotReg(base.slot, R1);
    if (br != R1) b_.mov(R1, br);
    b_.alu(Alu::Add, R1, R2);
    setSlot(base.slot, R1);
    pop();
    return loadThrough(base, et, ix.loc);
}

Val ClauseGen::strCompare(const Val& a, const Val& bv, BinaryOp op) {
    // Both strings into the operand buffers (any string: a constant, a
    // variable, scratch, a NULL that reads as ""), then compared by the scan
    // callback: R0 = a[i] - b[i] at the first difference, else 0.
    Val x = materialize(a);
    Val y = materialize(bv);
    strFetch(strA(), slotReg(x.slot, R3), false);
    strFetch(strB(), slotReg(y.slot, R3), false);
    strScan(kScanCompare, static_cast<int>(globals_.strLen));
    b_.load(Size::DW, R0, R9, strWordOff(kFound));
    pop(2);
    Cond c = Cond::Eq;
    switch (op) {
    case BinaryOp::Eq:
        c = Cond::Eq;
        break;
    case BinaryOp::Ne:
        c = Cond::Ne;
        break;
    case BinaryOp::Lt:
        c = Cond::Slt;
        break;
    case BinaryOp::Gt:
        c = Cond::Sgt;
        break;
    case BinaryOp::Le:
        c = Cond::Sle;
        break;
    case BinaryOp::Ge:
        c = Cond::Sge;
        break;
    default:
        break;
    }
    Label t = b_.newLabel();
    b_.mov(R1, 1);
    b_.jmp(c, R0, 0, t);
    b_.mov(R1, 0);
    b_.bind(t);
    int s = push();
    setSlot(s, R1);
    Val v;
    v.slot = s;
    return v;
}

Val ClauseGen::compare(const Binary& e) {
    const Type* lt = e.lhs->type;
    const Type* rt = e.rhs->type;
    if ((lt->isString() && (rt->isString() || isCharSequence(rt))) ||
        (rt->isString() && isCharSequence(lt))) {
        Val a = expr(*e.lhs);
        Val bv = expr(*e.rhs);
        Val r = strCompare(a, bv, e.op);
        r.type = e.type;
        return r;
    }
    Val a = materialize(expr(*e.lhs));
    Val bv = expr(*e.rhs);
    bool isSigned = comparesSigned(e.lhs->type, e.rhs->type);
    Cond c = Cond::Eq;
    switch (e.op) {
    case BinaryOp::Lt:
        c = isSigned ? Cond::Slt : Cond::Lt;
        break;
    case BinaryOp::Gt:
        c = isSigned ? Cond::Sgt : Cond::Gt;
        break;
    case BinaryOp::Le:
        c = isSigned ? Cond::Sle : Cond::Le;
        break;
    case BinaryOp::Ge:
        c = isSigned ? Cond::Sge : Cond::Ge;
        break;
    case BinaryOp::Eq:
        c = Cond::Eq;
        break;
    case BinaryOp::Ne:
        c = Cond::Ne;
        break;
    default:
        break;
    }
    bool small = bv.kind == Val::Kind::ConstInt && bv.c >= INT32_MIN && bv.c <= INT32_MAX;
    // (Materializing a constant uses R1: before a is loaded.)
    if (!small) bv = materialize(bv);
    Reg ar = slotReg(a.slot, R1);
    if (ar != R1) b_.mov(R1, ar);
    Label t = b_.newLabel();
    b_.mov(R0, 1);
    if (small) {
        b_.jmp(c, R1, static_cast<int32_t>(bv.c), t);
    } else {
        Reg br = slotReg(bv.slot, R2);
        b_.jmp(c, R1, br, t);
        pop();
    }
    b_.mov(R0, 0);
    b_.bind(t);
    setSlot(a.slot, R0);
    a.type = e.type;
    return a;
}

Val ClauseGen::logical(const Binary& e) {
    int s = depth_;
    Label fin = b_.newLabel();
    Val a = materialize(expr(*e.lhs));
    Reg ar = slotReg(a.slot, R1);
    if (e.op == BinaryOp::LogXor) {
        // Both sides always evaluated: (a != 0) ^ (b != 0).
        Label z = b_.newLabel();
        b_.mov(R0, 0);
        b_.jmp(Cond::Eq, ar, 0, z);
        b_.mov(R0, 1);
        b_.bind(z);
        setSlot(a.slot, R0);
        Val bv = materialize(expr(*e.rhs));
        Reg br = slotReg(bv.slot, R2);
        Label z2 = b_.newLabel();
        b_.mov(R0, 0);
        b_.jmp(Cond::Eq, br, 0, z2);
        b_.mov(R0, 1);
        b_.bind(z2);
        pop();
        Reg ar2 = slotReg(a.slot, R1);
        b_.alu(Alu::Xor, R0, ar2);
        setSlot(a.slot, R0);
        a.type = e.type;
        return a;
    }
    if (e.op == BinaryOp::LogAnd) {
        b_.mov(R0, 0);
        b_.jmp(Cond::Eq, ar, 0, fin);
    } else {
        b_.mov(R0, 1);
        b_.jmp(Cond::Ne, ar, 0, fin);
    }
    pop();
    Val bv = materialize(expr(*e.rhs));
    if (bv.slot != s) fail(Tag::D_UNKNOWN, e.loc, "internal error: logical slot");
    Reg br = slotReg(bv.slot, R1);
    Label z = b_.newLabel();
    b_.mov(R0, 0);
    b_.jmp(Cond::Eq, br, 0, z);
    b_.mov(R0, 1);
    b_.bind(z);
    b_.bind(fin);
    setSlot(s, R0);
    Val v;
    v.slot = s;
    v.type = e.type;
    return v;
}

Val ClauseGen::unary(const Unary& e) {
    switch (e.op) {
    case UnaryOp::PreInc:
    case UnaryOp::PreDec:
    case UnaryOp::PostInc:
    case UnaryOp::PostDec: {
        int64_t delta = (e.op == UnaryOp::PreInc || e.op == UnaryOp::PostInc) ? 1 : -1;
        bool post = e.op == UnaryOp::PostInc || e.op == UnaryOp::PostDec;
        return update(*e.operand, std::nullopt, nullptr, delta, post, e.type, e.loc);
    }
    case UnaryOp::Deref: {
        Val p = materialize(expr(*e.operand));
        return loadThrough(p, e.type, e.loc);
    }
    case UnaryOp::AddrOf: {
        if (auto v = variableAddress(*e.operand)) {
            v->type = e.type;
            return *v;
        }
        // &p->m, &a[i], &*p: the address of a memory lvalue (no memory is
        // read: &((struct s *)0)->m is the member's offset).
        if (!inMemory(*e.operand))
            fail(Tag::D_UNKNOWN, e.loc, "& of this operand is not supported yet");
        Type::Member field;
        bool saved = addressOnly_;
        addressOnly_ = true;
        Val a = address(*e.operand, &field);
        addressOnly_ = saved;
        a.type = e.type;
        return a;
    }
    case UnaryOp::Stringof: {
        // A string already, or an address whose bytes are read as one.
        Val v = expr(*e.operand);
        if (v.isString()) return v;
        v = materialize(v);
        v.type = e.type;
        return v;
    }
    default:
        break;
    }
    Val v = expr(*e.operand);
    if (v.kind == Val::Kind::ConstInt) {
        switch (e.op) {
        case UnaryOp::Neg:
            v.c = static_cast<int64_t>(0 - static_cast<uint64_t>(v.c));
            break;
        case UnaryOp::Plus:
            break;
        case UnaryOp::LogNot:
            v.c = !v.c;
            break;
        case UnaryOp::BitNot:
            v.c = ~v.c;
            break;
        default:
            fail(Tag::D_UNKNOWN, e.loc, "operator not supported yet");
        }
        v.type = e.type;
        return v;
    }
    v = materialize(v);
    Reg r = slotReg(v.slot, R1);
    if (r != R1) b_.mov(R1, r);
    switch (e.op) {
    case UnaryOp::Neg:
        b_.neg(R1);
        break;
    case UnaryOp::Plus:
        break;
    case UnaryOp::BitNot:
        b_.alu(Alu::Xor, R1, -1);
        break;
    case UnaryOp::LogNot: {
        Label t = b_.newLabel();
        b_.mov(R0, 1);
        b_.jmp(Cond::Eq, R1, 0, t);
        b_.mov(R0, 0);
        b_.bind(t);
        b_.mov(R1, R0);
        break;
    }
    default:
        fail(Tag::D_UNKNOWN, e.loc, "operator not supported yet");
    }
    normalize(R1, e.type);
    setSlot(v.slot, R1);
    v.type = e.type;
    return v;
}

void ClauseGen::storeGlobal(int index, const Val& vIn) {
    const sema::GlobalVar& g = sema_.globals.at(index);
    if (g.type->isString()) {
        bool pushed = vIn.kind != Val::Kind::Slot;
        Val v = materialize(vIn);
        Reg src = slotReg(v.slot, R3);
        if (src != R3) b_.mov(R3, src);
        b_.loadMapValue(R1, kMapGlobals, g.offset);
        storeString();
        if (pushed) pop();
        return;
    }
    unsigned sz = static_cast<unsigned>(g.type->resolve()->size);
    b_.loadMapValue(R1, kMapGlobals, g.offset);
    if (vIn.kind == Val::Kind::ConstInt && vIn.c >= INT32_MIN && vIn.c <= INT32_MAX) {
        b_.storeImm(bpf::sizeFor(sz), R1, 0, static_cast<int32_t>(vIn.c));
        return;
    }
    Reg r = intoReg(vIn, R2);
    b_.store(bpf::sizeFor(sz), R1, 0, r);
}

int ClauseGen::bindField(FieldRef& f, bool create) {
    if (!f.dyn || f.slot >= 0) return -1;
    int s = push();
    dynElement(*f.dyn, create);
    setSlot(s, R0);
    f.slot = s;
    return s;
}

void ClauseGen::fieldAddress(Reg r, const FieldRef& f) {
    if (f.slot >= 0) {
        Reg base = slotReg(f.slot, r);
        if (base != r) b_.mov(r, base);
        if (f.offset) b_.alu(Alu::Add, r, static_cast<int32_t>(f.offset));
        return;
    }
    if (f.dyn) fail(Tag::D_UNKNOWN, f.dyn->loc, "internal error: unbound dynamic variable field");
    if (!f.ctx) {
        b_.loadMapValue(r, kMapGlobals, f.offset);
        return;
    }
    // (The offset may be past int16.)
    b_.mov(r, R9);
    b_.alu(Alu::Add, r, static_cast<int32_t>(f.offset));
}

std::optional<ClauseGen::FieldRef> ClauseGen::varField(const Expr& e, bool aggregate) const {
    // Steps from the variable out: s.m, s.m.n, a[2], s.a[1].m (constant
    // indexes only).
    std::vector<const Expr*> chain;
    const Expr* base = &e;
    for (;;) {
        if (base->kind == ExprKind::Member && !as<Member>(*base).arrow &&
            as<Member>(*base).varKind == 0) {
            chain.push_back(base);
            base = as<Member>(*base).base.get();
        } else if (base->kind == ExprKind::Index && as<Index>(*base).arrayIndex < 0 &&
                   as<Index>(*base).keys.size() == 1 && as<Index>(*base).keys[0]->folded) {
            chain.push_back(base);
            base = as<Index>(*base).base.get();
        } else {
            break;
        }
    }
    bool global = base->kind == ExprKind::Ident && as<Ident>(*base).ref == Ident::Ref::Global;
    bool local = base->kind == ExprKind::Member && as<Member>(*base).varKind == 2;
    // self->x and array elements of struct or union type: in their element.
    bool dynamic = ((base->kind == ExprKind::Member && as<Member>(*base).varKind == 1) ||
                    (base->kind == ExprKind::Index && as<Index>(*base).arrayIndex >= 0)) &&
                   base->type && isStructOrUnion(base->type->resolve());
    if ((chain.empty() && !aggregate) || (!global && !local && !dynamic)) return std::nullopt;
    uint32_t baseOffset = global  ? sema_.globals.at(as<Ident>(*base).index).offset
                          : local ? static_cast<uint32_t>(thisOffset(*base))
                                  : 0;
    const Type* t = global ? sema_.globals.at(as<Ident>(*base).index).type : base->type;
    if (chain.empty()) {
        const Type* r = t->resolve();
        if (!isStructOrUnion(r) && r->kind != Type::Kind::Array) return std::nullopt;
        FieldRef f = fieldAt(baseOffset, 0, t, 0);
        f.ctx = local;
        if (dynamic) f.dyn = base;
        return f;
    }
    uint64_t bits = 0;
    Type::Member last;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        last = Type::Member();
        if ((*it)->kind == ExprKind::Index) {
            const Type* at = t->resolve();
            if (at->kind != Type::Kind::Array) return std::nullopt;
            int64_t i = *as<Index>(**it).keys[0]->folded;
            if (i < 0 || static_cast<uint64_t>(i) >= at->count)
                fail(Tag::D_UNKNOWN, (*it)->loc, "index {} is out of range for {}", i, at->name);
            t = at->target;
            bits += static_cast<uint64_t>(i) * t->resolve()->size * 8;
            continue;
        }
        auto m = findMember(t, as<Member>(**it).member);
        if (!m) return std::nullopt;
        bits += m->offsetBits;
        t = m->type;
        last = *m;
    }
    const Type* r = t->resolve();
    if (!r->isScalar() && !(aggregate && (isStructOrUnion(r) || r->kind == Type::Kind::Array)))
        fail(Tag::D_UNKNOWN, e.loc,
             "members of type {} are not supported by the code generator yet", t->name);
    FieldRef f = fieldAt(baseOffset, bits, t, last.bitWidth);
    f.ctx = local;
    if (dynamic) f.dyn = base;
    return f;
}

// The field `bits` into a global variable at `offset`: a bit-field is
// addressed by the unit of its type's size that holds it.
ClauseGen::FieldRef ClauseGen::fieldAt(uint32_t offset, uint64_t bits, const Type* t,
                                       uint32_t bitWidth) {
    FieldRef f;
    f.type = t;
    if (bitWidth) {
        f.unit = static_cast<uint32_t>(t->resolve()->size);
        uint64_t start = bits - bits % (f.unit * 8);
        f.offset = offset + static_cast<uint32_t>(start / 8);
        f.bitOff = static_cast<uint32_t>(bits - start);
        f.bitWidth = bitWidth;
    } else {
        f.offset = offset + static_cast<uint32_t>(bits / 8);
    }
    return f;
}

Val ClauseGen::loadField(const FieldRef& f, const Type* type) {
    const Type* r = f.type->resolve();
    unsigned sz = f.bitWidth ? f.unit : static_cast<unsigned>(r->size);
    int s = push();
    FieldRef at = f;
    if (at.dyn && at.slot < 0) {
        dynElement(*at.dyn, false);
        setSlot(s, R0);
        at.slot = s;
    }
    fieldAddress(R0, at);
    b_.load(bpf::sizeFor(sz), R0, R0, 0);
    if (f.bitWidth) {
        // Move the field to the top, then back down with its sign.
        int top = 64 - static_cast<int>(f.bitOff + f.bitWidth);
        if (top) b_.alu(Alu::Lsh, R0, top);
        if (f.bitWidth < 64)
            b_.alu(r->isSigned ? Alu::Arsh : Alu::Rsh, R0, 64 - static_cast<int>(f.bitWidth));
    } else if (r->isSigned && sz < 8) {
        normalize(R0, f.type);
    }
    setSlot(s, R0);
    Val v;
    v.slot = s;
    v.type = type;
    return v;
}

void ClauseGen::storeField(const FieldRef& fIn, const Val& vIn) {
    FieldRef f = fIn;
    int bound = bindField(f, true);
    storeBoundField(f, vIn);
    if (bound >= 0) pop();
}

void ClauseGen::storeBoundField(const FieldRef& f, const Val& vIn) {
    unsigned sz = f.bitWidth ? f.unit : static_cast<unsigned>(f.type->resolve()->size);
    Reg r = intoReg(vIn, R2);
    if (r != R2) b_.mov(R2, r);
    fieldAddress(R1, f);
    if (!f.bitWidth) {
        b_.store(bpf::sizeFor(sz), R1, 0, R2);
        return;
    }
    // Read-modify-write of the bit-field's unit.
    uint64_t ones = f.bitWidth >= 64 ? ~0ULL : (1ULL << f.bitWidth) - 1;
    b_.loadImm(R4, static_cast<int64_t>(ones));
    b_.alu(Alu::And, R2, R4);
    if (f.bitOff) b_.alu(Alu::Lsh, R2, static_cast<int32_t>(f.bitOff));
    b_.load(bpf::sizeFor(sz), R3, R1, 0);
    b_.loadImm(R4, static_cast<int64_t>(~(ones << f.bitOff)));
    b_.alu(Alu::And, R3, R4);
    b_.alu(Alu::Or, R3, R2);
    b_.store(bpf::sizeFor(sz), R1, 0, R3);
}

Val ClauseGen::aggUpdate(const Assign& e, const AggRef& ref) {
    const AggInfo& agg = aggs_->at(ref.aggId);
    const Call& call = as<Call>(*e.rhs);
    Func f = static_cast<Func>(call.funcId);
    // The key, built in the context's key area (strings zero-filled so that
    // equal strings make equal keys).
    if (!agg.keys.empty()) buildKey(agg.keys, as<Index>(*e.lhs).keys, globals_.str.key);
    // The value argument, kept on the eval stack across the map calls.
    Val arg, incr;
    bool hasArg = !call.args.empty();
    if (hasArg) arg = materialize(expr(*call.args[0]));
    size_t incrArg = f == Func::Quantize     ? 1
                     : f == Func::Lquantize  ? 4
                     : f == Func::Llquantize ? 5
                                             : 99;
    bool hasIncr = call.args.size() > incrArg;
    if (hasIncr) incr = materialize(expr(*call.args[incrArg]));
    Label have = b_.newLabel(), done = b_.newLabel();
    auto lookup = [&]() {
        b_.loadMapFd(R1, agg.map);
        if (agg.keys.empty()) {
            b_.storeImm(Size::W, R10, kTmpKey, 0);
            b_.mov(R2, R10);
            b_.alu(Alu::Add, R2, kTmpKey);
        } else {
            b_.mov(R2, R9);
            b_.alu(Alu::Add, R2, globals_.str.key);
        }
        b_.call(BPF_FUNC_map_lookup_elem);
    };
    lookup();
    b_.jmp(Cond::Ne, R0, 0, have);
    // First use of this key on this CPU: insert a zero value.
    b_.loadMapFd(R1, agg.map);
    if (agg.keys.empty()) {
        b_.storeImm(Size::W, R10, kTmpKey, 0);
        b_.mov(R2, R10);
        b_.alu(Alu::Add, R2, kTmpKey);
    } else {
        b_.mov(R2, R9);
        b_.alu(Alu::Add, R2, globals_.str.key);
    }
    b_.loadMapValue(R3, kMapGlobals, globals_.zeros(agg.valueSize));
    b_.mov(R4, BPF_NOEXIST);
    b_.call(BPF_FUNC_map_update_elem);
    lookup();
    {
        // The map is full: count an aggregation drop on this CPU.
        Label inserted = b_.newLabel();
        b_.jmp(Cond::Ne, R0, 0, inserted);
        countDrop(DropsLayout::kAggregation);
        b_.jmp(done);
        b_.bind(inserted);
    }
    b_.bind(have);
    Reg x = R2;
    if (hasArg) {
        Reg r = slotReg(arg.slot, R2);
        if (r != R2) b_.mov(R2, r);
    }
    switch (f) {
    case Func::Count:
    case Func::Sum:
        b_.load(Size::DW, R1, R0, 0);
        if (f == Func::Count)
            b_.alu(Alu::Add, R1, 1);
        else
            b_.alu(Alu::Add, R1, x);
        b_.store(Size::DW, R0, 0, R1);
        if (agg.keys.empty()) b_.storeImm(Size::DW, R0, 8, 1); // this CPU has data
        break;
    case Func::Stddev: {
        // sum, count, then the 128-bit sum of squares (lo at 16, hi at 24):
        // x^2 = a^2 << 64 + 2ab << 32 + b^2 for |x| = a << 32 + b.
        b_.load(Size::DW, R1, R0, 0);
        b_.alu(Alu::Add, R1, x);
        b_.store(Size::DW, R0, 0, R1);
        b_.load(Size::DW, R1, R0, 8);
        b_.alu(Alu::Add, R1, 1);
        b_.store(Size::DW, R0, 8, R1);
        Label pos = b_.newLabel(), noCarry1 = b_.newLabel(), noCarry2 = b_.newLabel();
        b_.mov(R3, x);
        b_.jmp(Cond::Sge, R3, 0, pos);
        b_.neg(R3);
        b_.bind(pos);
        b_.mov(R4, R3);
        b_.alu(Alu::Rsh, R4, 32);   // a
        b_.alu32(Alu::Mov, R5, R3); // b
        b_.mov(R3, R4);
        b_.alu(Alu::Mul, R3, R5);
        b_.alu(Alu::Lsh, R3, 1); // 2ab
        b_.mov(R1, R5);
        b_.alu(Alu::Mul, R1, R5); // b^2
        b_.alu(Alu::Mul, R4, R4); // a^2
        b_.mov(R5, R3);
        b_.alu(Alu::Rsh, R5, 32);
        b_.alu(Alu::Add, R4, R5); // high word
        b_.alu(Alu::Lsh, R3, 32);
        b_.alu(Alu::Add, R1, R3); // low word
        b_.jmp(Cond::Ge, R1, R3, noCarry1);
        b_.alu(Alu::Add, R4, 1);
        b_.bind(noCarry1);
        b_.load(Size::DW, R2, R0, 16);
        b_.alu(Alu::Add, R2, R1);
        b_.store(Size::DW, R0, 16, R2);
        b_.jmp(Cond::Ge, R2, R1, noCarry2);
        b_.alu(Alu::Add, R4, 1);
        b_.bind(noCarry2);
        b_.load(Size::DW, R3, R0, 24);
        b_.alu(Alu::Add, R3, R4);
        b_.store(Size::DW, R0, 24, R3);
        break;
    }
    case Func::Avg:
        b_.load(Size::DW, R1, R0, 0);
        b_.alu(Alu::Add, R1, x);
        b_.store(Size::DW, R0, 0, R1);
        b_.load(Size::DW, R1, R0, 8);
        b_.alu(Alu::Add, R1, 1);
        b_.store(Size::DW, R0, 8, R1);
        break;
    case Func::Min:
    case Func::Max: {
        // value[8] is set once the CPU has seen a value.
        Label store = b_.newLabel();
        b_.load(Size::DW, R1, R0, 8);
        b_.jmp(Cond::Eq, R1, 0, store);
        b_.load(Size::DW, R1, R0, 0);
        bool sgn = call.args[0]->type->resolve()->isSigned;
        Cond keep = f == Func::Min ? (sgn ? Cond::Sle : Cond::Le) : (sgn ? Cond::Sge : Cond::Ge);
        b_.jmp(keep, R1, x, done);
        b_.bind(store);
        b_.store(Size::DW, R0, 0, x);
        b_.storeImm(Size::DW, R0, 8, 1);
        break;
    }
    case Func::Quantize:
    case Func::Lquantize:
    case Func::Llquantize: {
        // R3 = bucket index, from the value in R2.
        Label idxDone = b_.newLabel();
        if (f == Func::Llquantize) {
            llquantizeIndex(agg, idxDone);
        } else if (f == Func::Quantize) {
            Label neg = b_.newLabel(), log = b_.newLabel();
            b_.mov(R3, 63);
            b_.jmp(Cond::Eq, R2, 0, idxDone);
            b_.mov(R4, R2);
            b_.jmp(Cond::Slt, R2, 0, neg);
            b_.mov(R3, 64);
            b_.jmp(log);
            b_.bind(neg);
            b_.neg(R4);
            b_.mov(R3, 62);
            b_.bind(log);
            // R5 = floor(log2(R4)) by halving steps.
            b_.mov(R5, 0);
            for (int sh : {32, 16, 8, 4, 2, 1}) {
                Label skip = b_.newLabel();
                b_.mov(R1, R4);
                b_.alu(Alu::Rsh, R1, sh);
                b_.jmp(Cond::Eq, R1, 0, skip);
                b_.mov(R4, R1);
                b_.alu(Alu::Add, R5, sh);
                b_.bind(skip);
            }
            // INT64_MIN (2^63 once negated) belongs to the last bucket, -2^62.
            Label inRange = b_.newLabel();
            b_.jmp(Cond::Le, R5, 62, inRange);
            b_.mov(R5, 62);
            b_.bind(inRange);
            Label posL = b_.newLabel();
            b_.jmp(Cond::Eq, R3, 64, posL);
            b_.alu(Alu::Sub, R3, R5); // 62 - log2
            b_.jmp(idxDone);
            b_.bind(posL);
            b_.alu(Alu::Add, R3, R5); // 64 + log2
        } else {
            Label over = b_.newLabel();
            b_.mov(R3, 0);
            b_.loadImm(R1, agg.base);
            b_.jmp(Cond::Slt, R2, R1, idxDone);
            b_.loadImm(R1, agg.base + static_cast<int64_t>(agg.levels) * agg.step);
            b_.jmp(Cond::Sge, R2, R1, over);
            b_.mov(R3, R2);
            b_.loadImm(R1, agg.base);
            b_.alu(Alu::Sub, R3, R1);
            if (agg.step > 1) b_.alu(Alu::Div, R3, static_cast<int32_t>(agg.step));
            b_.alu(Alu::Add, R3, 1);
            b_.jmp(idxDone);
            b_.bind(over);
            b_.mov(R3, static_cast<int32_t>(agg.levels + 1));
        }
        b_.bind(idxDone);
        int32_t buckets = static_cast<int32_t>(agg.valueSize / 8 - (agg.keys.empty() ? 1 : 0));
        if (agg.keys.empty()) b_.storeImm(Size::DW, R0, static_cast<int16_t>(buckets * 8), 1);
        int32_t maxIdx = buckets - 1;
        Label inRange = b_.newLabel();
        b_.jmp(Cond::Le, R3, maxIdx, inRange);
        b_.mov(R3, maxIdx);
        b_.bind(inRange);
        b_.alu(Alu::Lsh, R3, 3);
        b_.alu(Alu::Add, R0, R3);
        b_.load(Size::DW, R1, R0, 0);
        if (hasIncr) {
            Reg ir = slotReg(incr.slot, R4);
            b_.alu(Alu::Add, R1, ir);
        } else {
            b_.alu(Alu::Add, R1, 1);
        }
        b_.store(Size::DW, R0, 0, R1);
        break;
    }
    default:
        break;
    }
    b_.bind(done);
    if (hasIncr) pop();
    if (hasArg) pop();
    Val v;
    v.kind = Val::Kind::ConstInt;
    v.type = e.type;
    return v;
}

// R3 = llquantize()'s bucket for the value in R2, as llquantizeBucket()
// computes it: the offset from the zero bucket by magnitude of |value|,
// added to or subtracted from it by sign.  Magnitudes are unrolled.
void ClauseGen::llquantizeIndex(const AggInfo& agg, Label done) {
    Label pos = b_.newLabel(), have = b_.newLabel();
    b_.mov(R5, 0);
    b_.jmp(Cond::Sge, R2, 0, pos);
    b_.neg(R2);
    b_.mov(R5, 1);
    b_.bind(pos);
    uint64_t pow = 1;
    for (uint32_t m = 0; m < agg.lmag; m++)
        pow *= agg.factor;
    b_.mov(R3, 0);
    b_.loadImm(R1, static_cast<int64_t>(pow));
    b_.jmp(Cond::Lt, R2, R1, have);
    uint32_t stepsFactor = agg.steps / agg.factor, perMag = agg.steps - stepsFactor, base = 1;
    for (uint32_t m = agg.lmag; m <= agg.hmag; m++) {
        uint64_t next = pow * agg.factor;
        Label skip = b_.newLabel();
        b_.loadImm(R1, static_cast<int64_t>(next));
        b_.jmp(Cond::Ge, R2, R1, skip);
        b_.mov(R3, R2);
        if (next >= agg.steps) {
            b_.loadImm(R4, static_cast<int64_t>(next / agg.steps));
            b_.alu(Alu::Div, R3, R4);
        } else {
            b_.alu(Alu::Mul, R3, static_cast<int32_t>(agg.steps));
            b_.alu(Alu::Div, R3, static_cast<int32_t>(next));
        }
        b_.alu(Alu::Add, R3, static_cast<int32_t>(base) - static_cast<int32_t>(stepsFactor));
        b_.jmp(have);
        b_.bind(skip);
        base += perMag;
        pow = next;
    }
    b_.mov(R3, static_cast<int32_t>(base));
    b_.bind(have);
    Label negative = b_.newLabel();
    b_.jmp(Cond::Ne, R5, 0, negative);
    b_.alu(Alu::Add, R3, static_cast<int32_t>(agg.llqZeroBucket()));
    b_.jmp(done);
    b_.bind(negative);
    b_.neg(R3);
    b_.alu(Alu::Add, R3, static_cast<int32_t>(agg.llqZeroBucket()));
    b_.jmp(done);
}

Val ClauseGen::subroutine(const Call& c) {
    // sym(), usym(), ...: the address itself; its type makes it print as a symbol.
    if (isSymbolFunc(static_cast<Func>(c.funcId))) {
        if (isStack(c.type ? c.type->symbol : SymbolKind::None))
            fail(Tag::D_UNKNOWN, c.loc, "{}( ) may only be used as an action or a key", c.func);
        Val v = expr(*c.args[0]);
        v.type = c.type;
        return v;
    }
    switch (static_cast<Func>(c.funcId)) {
    case Func::Copyinstr: {
        // A user string into this slot's scratch buffer; a bad address faults.
        Val a = materialize(expr(*c.args[0]));
        int size = static_cast<int>(globals_.strLen);
        Val lim;
        bool hasLim = c.args.size() > 1;
        if (hasLim) lim = materialize(expr(*c.args[1]));
        int off = scratchOff(a.slot);
        Reg src = slotReg(a.slot, R3);
        if (src != R3) b_.mov(R3, src);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, off);
        b_.mov(R2, size);
        if (hasLim) {
            // min(limit, strsize) bytes: both count the NUL here, as in
            // Oracle's DTrace (without a limit the string has strsize
            // characters).
            Label ok = b_.newLabel();
            Reg l = slotReg(lim.slot, R4);
            b_.mov(R2, l);
            b_.jmp(Cond::Sle, R2, size - 1, ok);
            b_.mov(R2, size - 1);
            b_.bind(ok);
            Label pos = b_.newLabel();
            b_.jmp(Cond::Sgt, R2, 0, pos);
            b_.mov(R2, 1);
            b_.bind(pos);
            pop();
        }
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.call(BPF_FUNC_probe_read_user_str);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Slt, R0, 0, Fault::BadUserAddr, R3);
        b_.mov(R0, R9);
        b_.alu(Alu::Add, R0, off);
        setSlot(a.slot, R0);
        a.type = c.type;
        return a;
    }
    case Func::DExecargs: {
        // The task's argument list as ps shows it: the bytes between its
        // mm's arg_start and arg_end (read from the current address space,
        // so meaningful for the current process and a child it forked)
        // with the NULs between arguments as spaces; its name (comm) for a
        // kernel thread or when the memory cannot be read.
        auto mm = kernelBtf().memberOffset("task_struct", "mm");
        auto comm = kernelBtf().memberOffset("task_struct", "comm");
        auto start = kernelBtf().memberOffset("mm_struct", "arg_start");
        auto end = kernelBtf().memberOffset("mm_struct", "arg_end");
        if (!mm || !comm || !start || !end)
            fail(Tag::D_UNKNOWN, c.loc, "d_execargs( ) is not available: no kernel BTF");
        Val t = materialize(expr(*c.args[0]));
        int off = scratchOff(t.slot);
        auto max = static_cast<int32_t>(globals_.strLen) - 1; // characters
        Label useComm = b_.newLabel(), done = b_.newLabel();
        auto dst = [&](Reg r) {
            b_.mov(r, R9);
            b_.alu(Alu::Add, r, off);
        };
        auto task = [&]() { // R3 = the task (kept in its slot)
            Reg tr = slotReg(t.slot, R3);
            if (tr != R3) b_.mov(R3, tr);
        };
        task();
        b_.alu(Alu::Add, R3, static_cast<int32_t>(*mm));
        readKernelWord(Size::DW);
        b_.store(Size::DW, R10, kVarKey, R0); // mm
        b_.jmp(Cond::Eq, R0, 0, useComm);
        b_.mov(R3, R0);
        b_.alu(Alu::Add, R3, static_cast<int32_t>(*end));
        readKernelWord(Size::DW);
        b_.store(Size::DW, R10, kVarVal, R0); // end
        b_.load(Size::DW, R3, R10, kVarKey);
        b_.alu(Alu::Add, R3, static_cast<int32_t>(*start));
        readKernelWord(Size::DW);
        b_.mov(R3, R0);                      // start
        b_.load(Size::DW, R2, R10, kVarVal); // end
        b_.alu(Alu::Sub, R2, R3);            // length
        b_.jmp(Cond::Sle, R2, 0, useComm);
        Label fits = b_.newLabel();
        b_.jmp(Cond::Sle, R2, max, fits);
        b_.mov(R2, max);
        b_.bind(fits);
        b_.store(Size::DW, R10, kVarVal, R2);
        dst(R1);
        b_.call(BPF_FUNC_probe_read_user);
        b_.jmp(Cond::Ne, R0, 0, useComm);
        // NULs before the length become spaces, without a branch per
        // byte: b |= ((b - 1) >> 63 & (i - len) >> 63) << 5.
        // (A loop with a constant bound: the verifier follows it once.)
        b_.load(Size::DW, R4, R10, kVarVal);
        dst(R5);
        b_.mov(R0, 0);
        Label loop = b_.newLabel();
        b_.bind(loop);
        b_.load(Size::B, R1, R5, 0);
        b_.mov(R2, R1);
        b_.alu(Alu::Sub, R2, 1);
        b_.alu(Alu::Rsh, R2, 63);
        b_.mov(R3, R0);
        b_.alu(Alu::Sub, R3, R4);
        b_.alu(Alu::Rsh, R3, 63);
        b_.alu(Alu::And, R2, R3);
        b_.alu(Alu::Lsh, R2, 5);
        b_.alu(Alu::Or, R1, R2);
        b_.store(Size::B, R5, 0, R1);
        b_.alu(Alu::Add, R5, 1);
        b_.alu(Alu::Add, R0, 1);
        b_.jmp(Cond::Lt, R0, max, loop);
        // The NUL ending the last argument ends the string.
        dst(R1);
        b_.alu(Alu::Add, R1, R4);
        b_.storeImm(Size::B, R1, 0, 0);
        b_.load(Size::B, R2, R1, -1);
        b_.jmp(Cond::Ne, R2, ' ', done);
        b_.storeImm(Size::B, R1, -1, 0);
        b_.jmp(done);
        b_.bind(useComm);
        dst(R1);
        b_.mov(R2, std::min<int32_t>(16, max + 1));
        task();
        b_.alu(Alu::Add, R3, static_cast<int32_t>(*comm));
        b_.call(BPF_FUNC_probe_read_kernel_str);
        Label ok = b_.newLabel();
        b_.jmp(Cond::Sgt, R0, 0, ok);
        dst(R1);
        b_.storeImm(Size::B, R1, 0, 0);
        b_.bind(ok);
        b_.bind(done);
        dst(R0);
        setSlot(t.slot, R0);
        t.type = c.type;
        return t;
    }
    case Func::Strlen: {
        // The length the string has as a D string (at most strsize), from
        // any address; NULL reads as "".
        Val s = materialize(expr(*c.args[0]));
        strFetch(strA(), slotReg(s.slot, R3));
        setSlot(s.slot, R0);
        s.type = c.type;
        return s;
    }
    default:
        return strSubr(c);
    }
}

// ---- String and memory subroutines ----------------------------------------
//
// Every string operand is first copied into one of two fixed operand
// buffers in the context (probe_read_kernel_str works on any string: a
// constant, a variable, scratch, a probe string), which also yields its
// length; the algorithms then index those buffers with offsets masked below
// strsize, which the verifier can bound.  Results are written to the
// scratch buffer of the result's eval-stack slot.

int ClauseGen::scratchOff(int slot) const {
    return globals_.str.scratch + (slot % 8) * static_cast<int>(globals_.str.buf);
}

void ClauseGen::strFetch(int off, Reg src, bool nullFaults) {
    if (src != R3) b_.mov(R3, src);
    b_.mov(R1, R9);
    b_.alu(Alu::Add, R1, off);
    b_.mov(R2, static_cast<int32_t>(globals_.strLen)); // -x strsize
    if (nullFaults) b_.store(Size::DW, R10, kTmpKey, R3);
    b_.call(BPF_FUNC_probe_read_kernel_str);
    Label ok = b_.newLabel(), bounded = b_.newLabel();
    b_.jmp(Cond::Sgt, R0, 0, ok);
    if (nullFaults) {
        // A string that cannot be read (NULL, say) faults, as DTrace's
        // subroutines do; its address is shown in hex.
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Sle, R0, 0, Fault::BadUserAddr, R3);
    }
    ctxStoreImm(Size::B, off, 0, R1);
    b_.mov(R0, 1);
    b_.bind(ok);
    b_.jmp(Cond::Le, R0, static_cast<int32_t>(globals_.strLen), bounded);
    b_.mov(R0, static_cast<int32_t>(globals_.strLen));
    b_.bind(bounded);
    b_.alu(Alu::Sub, R0, 1);
}

// Copies at most R2 - 1 characters from R3 (any kernel address) to the
// context at `off`, NUL-terminated; R2 is clamped to [1, strsize].
void ClauseGen::strStore(int off) {
    Label lo = b_.newLabel(), hi = b_.newLabel();
    b_.jmp(Cond::Sgt, R2, 0, lo);
    b_.mov(R2, 1);
    b_.bind(lo);
    b_.jmp(Cond::Le, R2, static_cast<int32_t>(globals_.strLen), hi);
    b_.mov(R2, static_cast<int32_t>(globals_.strLen));
    b_.bind(hi);
    b_.mov(R1, R9);
    b_.alu(Alu::Add, R1, off);
    b_.call(BPF_FUNC_probe_read_kernel_str);
    Label ok = b_.newLabel();
    b_.jmp(Cond::Sgt, R0, 0, ok);
    ctxStoreImm(Size::B, off, 0, R1);
    b_.bind(ok);
}

// r = the context address `off` plus the index in `idx`, masked below strsize.
void ClauseGen::strAddr(Reg r, int off, Reg idx) {
    if (r != idx) b_.mov(r, idx);
    b_.alu(Alu::And, r, globals_.str.mask());
    b_.alu(Alu::Add, r, R9);
    b_.alu(Alu::Add, r, off);
}

// After a scanning loop: the loop's exits leave different values in the
// scratch registers, and the verifier would walk the rest of the program
// once per exit.  Keeping the results in context words, clearing R0-R5 and
// forcing a checkpoint lets it see one state instead.
void ClauseGen::settle(std::initializer_list<std::pair<Reg, int>> keep) {
    for (auto [r, w] : keep)
        b_.store(Size::DW, R9, strWordOff(w), r);
    for (Reg r : {R0, R1, R2, R3, R4, R5})
        b_.mov(r, 0);
    Label here = b_.newLabel();
    b_.jmp(here);
    b_.bind(here);
    for (auto [r, w] : keep)
        b_.load(Size::DW, r, R9, strWordOff(w));
}

Val ClauseGen::strResult(int slot, const Type* t) {
    b_.mov(R0, R9);
    b_.alu(Alu::Add, R0, scratchOff(slot));
    setSlot(slot, R0);
    Val v;
    v.slot = slot;
    v.type = t;
    return v;
}

// Searches operand buffer B in A with bpf_loop: kFound = the first match
// at or after kStart (mode 0) or the last at or before it (mode 1), or -1.
void ClauseGen::strSearch() {
    if (!globals_.strSearch.valid()) {
        globals_.strSearch = b_.newLabel();
        b_.nameLabel(globals_.strSearch, "strsearch");
    }
    // The candidate i (from the start, or 0 backwards) and the characters
    // of B matched there, j.
    Label fromZero = b_.newLabel(), set = b_.newLabel();
    b_.storeImm(Size::DW, R9, strWordOff(kFound), -1);
    b_.storeImm(Size::DW, R9, strWordOff(kTmp1), 0);
    b_.load(Size::DW, R1, R9, strWordOff(kMode));
    b_.jmp(Cond::Ne, R1, 0, fromZero);
    b_.load(Size::DW, R1, R9, strWordOff(kStart));
    b_.jmp(Cond::Sgt, R1, 0, set);
    b_.bind(fromZero);
    b_.mov(R1, 0);
    b_.bind(set);
    b_.store(Size::DW, R9, strWordOff(kTmp0), R1);
    b_.store(Size::DW, R10, kTmpKey, R9);
    b_.mov(R1, kMaxLoops);
    b_.loadFuncAddr(R2, globals_.strSearch);
    b_.mov(R3, R10);
    b_.alu(Alu::Add, R3, kTmpKey);
    b_.mov(R4, 0);
    b_.call(BPF_FUNC_loop);
}

// Scans operand buffer A with bpf_loop, by mode (see emitStrScan).
void ClauseGen::strScanN(int mode, Reg count) {
    if (!globals_.strScan.valid()) {
        globals_.strScan = b_.newLabel();
        b_.nameLabel(globals_.strScan, "strscan");
    }
    Label lo = b_.newLabel(), hi = b_.newLabel();
    if (count != R1) b_.mov(R1, count);
    b_.jmp(Cond::Sge, R1, 0, lo);
    b_.mov(R1, 0);
    b_.bind(lo);
    b_.jmp(Cond::Le, R1, static_cast<int32_t>(globals_.strLen), hi);
    b_.mov(R1, static_cast<int32_t>(globals_.strLen));
    b_.bind(hi);
    b_.storeImm(Size::DW, R9, strWordOff(kScanMode), mode);
    b_.storeImm(Size::DW, R9, strWordOff(kFound), mode == kScanCompare ? 0 : -1);
    b_.store(Size::DW, R10, kTmpKey, R9);
    b_.loadFuncAddr(R2, globals_.strScan);
    b_.mov(R3, R10);
    b_.alu(Alu::Add, R3, kTmpKey);
    b_.mov(R4, 0);
    b_.call(BPF_FUNC_loop);
}

void ClauseGen::strScan(int mode, int count) {
    b_.mov(R1, count);
    strScanN(mode, R1);
}

// The two ends of a bpf_loop callback: `next` returns 0 (go on), `stop`
// returns 1.
void callbackTails(Builder& b, Label next, Label stop) {
    b.bind(next);
    b.mov(R0, 0);
    b.exit();
    b.bind(stop);
    b.mov(R0, 1);
    b.exit();
}

// The kernel offsets of the dentry walk (d_path(), cwd, root), from BTF.
std::optional<PathOffsets> pathOffsets() {
    KernelBtf& k = kernelBtf();
    auto parent = k.memberOffset("dentry", "d_parent");
    auto dname = k.memberOffset("dentry", "d_name");
    auto qname = k.memberOffset("qstr", "name");
    auto mnt = k.memberOffset("mount", "mnt");
    auto mparent = k.memberOffset("mount", "mnt_parent");
    auto mpoint = k.memberOffset("mount", "mnt_mountpoint");
    auto root = k.memberOffset("vfsmount", "mnt_root");
    if (!parent || !dname || !qname || !mnt || !mparent || !mpoint || !root) return std::nullopt;
    return PathOffsets{static_cast<int32_t>(*parent), static_cast<int32_t>(*dname + *qname),
                       static_cast<int32_t>(*mnt),    static_cast<int32_t>(*mparent),
                       static_cast<int32_t>(*mpoint), static_cast<int32_t>(*root)};
}

// The callbacks.h callbacks the program's clauses asked for.
void emitCallbacks(Builder& b, Globals& g) {
    for (int i = 0; i < static_cast<int>(Callback::Count); i++) {
        Label l = g.callbacks[i];
        if (!l.valid()) continue;
        switch (static_cast<Callback>(i)) {
        case Callback::Inet6Run:
            emitInet6Run(b, l, g.str);
            break;
        case Callback::Inet6Format:
            emitInet6Format(b, l, g.str);
            break;
        case Callback::Cleanpath:
            emitCleanpath(b, l, g.str);
            break;
        case Callback::PathWalk:
            emitPathWalk(b, l, *pathOffsets());
            break;
        case Callback::PathCopy:
            emitPathCopy(b, l, *pathOffsets(), g.str);
            break;
        case Callback::Count:
            break;
        }
        g.callbacks[i] = Label{};
    }
}

// chill()'s bpf_loop callback: stops once the clock passes the deadline.
void emitChill(Builder& b, Label fn) {
    b.bind(fn);
    b.load(Size::DW, R6, R2, 0);
    b.call(BPF_FUNC_ktime_get_ns);
    b.load(Size::DW, R1, R6, strWordOff(kTmp0));
    Label more = b.newLabel(), stop = b.newLabel();
    b.jmp(Cond::Lt, R0, R1, more);
    b.jmp(stop);
    callbackTails(b, more, stop);
}

// The scan callback: r1 = position i in A, r2 = pointer to the context
// pointer.  Modes: first/last i with A[i] == kArg before the NUL; upper- or
// lower-case A in place; last i with A[i] == '/' or != '/' (the loop count
// is the limit).
void emitStrScan(Builder& b, Label fn, const StrAreas& A) {
    b.bind(fn);
    b.load(Size::DW, R9, R2, 0);
    b.mov(R6, R1);
    b.alu(Alu::And, R1, A.mask());
    b.alu(Alu::Add, R1, R9);
    b.load(Size::DW, R3, R9, strWordOff(kScanMode));
    Label cont = b.newLabel(), stop = b.newLabel(), found = b.newLabel();
    // R4 = the word of kSet holding character R2, R5 = its bit number.
    auto setWord = [&]() {
        b.mov(R4, R2);
        b.alu(Alu::Rsh, R4, 6);
        b.alu(Alu::Lsh, R4, 3);
        b.alu(Alu::Add, R4, R9);
        b.mov(R5, R2);
        b.alu(Alu::And, R5, 63);
    };
    Label notSetOfB = b.newLabel();
    b.jmp(Cond::Ne, R3, kScanSetOfB, notSetOfB);
    {
        b.load(Size::B, R2, R1, A.b);
        b.jmp(Cond::Eq, R2, 0, stop);
        setWord();
        b.load(Size::DW, R3, R4, strWordOff(kSet));
        b.mov(R0, 1);
        b.alu(Alu::Lsh, R0, R5);
        b.alu(Alu::Or, R3, R0);
        b.store(Size::DW, R4, strWordOff(kSet), R3);
        b.jmp(cont);
    }
    b.bind(notSetOfB);
    b.load(Size::B, R2, R1, A.a); // R1 = &A[i], R2 = A[i]
    Label notFirst = b.newLabel(), notLast = b.newLabel(), notCase = b.newLabel();
    Label notCmp = b.newLabel(), notSet = b.newLabel();
    b.jmp(Cond::Ne, R3, kScanCompare, notCmp);
    {
        Label same = b.newLabel();
        b.load(Size::B, R4, R1, A.b);
        b.jmp(Cond::Eq, R2, R4, same);
        b.alu(Alu::Sub, R2, R4);
        b.store(Size::DW, R9, strWordOff(kFound), R2);
        b.jmp(stop);
        b.bind(same);
        b.jmp(Cond::Eq, R2, 0, stop);
        b.jmp(cont);
    }
    b.bind(notCmp);
    b.jmp(Cond::Lt, R3, kScanSkipSet, notSet);
    {
        // strtok: skip to the first character not in the set, or find
        // the first in it (or the NUL); positions before kStart are skipped.
        Label member = b.newLabel(), notMember = b.newLabel();
        b.load(Size::DW, R4, R9, strWordOff(kStart));
        b.jmp(Cond::Slt, R6, R4, cont);
        Label atEnd = b.newLabel();
        b.jmp(Cond::Eq, R2, 0, atEnd);
        setWord();
        b.load(Size::DW, R4, R4, strWordOff(kSet));
        b.alu(Alu::Rsh, R4, R5);
        b.alu(Alu::And, R4, 1);
        b.jmp(Cond::Ne, R4, 0, member);
        b.bind(notMember);
        // Not in the set: the skip ends here; the find goes on.
        b.jmp(Cond::Eq, R3, kScanSkipSet, found);
        b.jmp(cont);
        b.bind(member);
        b.jmp(Cond::Eq, R3, kScanFindSet, found);
        b.jmp(cont);
        b.bind(atEnd);
        // The NUL: no token for the skip (kFound stays -1), the end of
        // the token for the find.
        b.jmp(Cond::Eq, R3, kScanFindSet, found);
        b.jmp(stop);
    }
    b.bind(notSet);
    // first / last occurrence of kArg
    b.jmp(Cond::Ne, R3, kScanFirst, notFirst);
    b.load(Size::DW, R4, R9, strWordOff(kArg));
    b.alu(Alu::And, R4, 0xff);
    b.jmp(Cond::Eq, R2, R4, found);
    b.jmp(Cond::Eq, R2, 0, stop);
    b.jmp(cont);
    b.bind(notFirst);
    b.jmp(Cond::Ne, R3, kScanLast, notLast);
    b.load(Size::DW, R4, R9, strWordOff(kArg));
    b.alu(Alu::And, R4, 0xff);
    Label noMatch = b.newLabel();
    b.jmp(Cond::Ne, R2, R4, noMatch);
    b.store(Size::DW, R9, strWordOff(kFound), R6);
    b.bind(noMatch);
    b.jmp(Cond::Eq, R2, 0, stop);
    b.jmp(cont);
    b.bind(notLast);
    b.jmp(Cond::Gt, R3, kScanLower, notCase);
    {
        // Upper: 'a'..'z' flip bit 5; lower: 'A'..'Z'.
        Label lower = b.newLabel(), flip = b.newLabel();
        b.jmp(Cond::Eq, R2, 0, stop);
        b.jmp(Cond::Eq, R3, kScanLower, lower);
        b.jmp(Cond::Lt, R2, 'a', cont);
        b.jmp(Cond::Gt, R2, 'z', cont);
        b.jmp(flip);
        b.bind(lower);
        b.jmp(Cond::Lt, R2, 'A', cont);
        b.jmp(Cond::Gt, R2, 'Z', cont);
        b.bind(flip);
        b.alu(Alu::Xor, R2, 0x20);
        b.store(Size::B, R1, A.a, R2);
        b.jmp(cont);
    }
    b.bind(notCase);
    {
        Label slashMode = b.newLabel();
        b.jmp(Cond::Eq, R3, kScanLastSlash, slashMode);
        b.jmp(Cond::Eq, R2, '/', cont);
        b.store(Size::DW, R9, strWordOff(kFound), R6);
        b.jmp(cont);
        b.bind(slashMode);
        b.jmp(Cond::Ne, R2, '/', cont);
        b.store(Size::DW, R9, strWordOff(kFound), R6);
        b.jmp(cont);
    }
    b.bind(found);
    b.store(Size::DW, R9, strWordOff(kFound), R6);
    b.jmp(stop);
    callbackTails(b, cont, stop);
}

// The search's bpf_loop callback, one step a call (no inner loop, which the
// verifier would walk character by character): at candidate i = kTmp0 with
// j = kTmp1 characters of B matched, B[j] == NUL is a match at i; A[i + j]
// == B[j] matches one more; else the next candidate.  Forward (kMode 0)
// stops at the first match; backward records each match up to kStart.
void emitStrSearch(Builder& b, Label fn, const StrAreas& A) {
    b.bind(fn);
    b.load(Size::DW, R9, R2, 0);
    b.load(Size::DW, R6, R9, strWordOff(kTmp0)); // i
    b.load(Size::DW, R7, R9, strWordOff(kTmp1)); // j
    Label stop = b.newLabel(), next = b.newLabel(), match = b.newLabel(), cmp = b.newLabel();
    Label cont = b.newLabel();
    b.jmp(Cond::Ne, R7, 0, cmp);
    // A new candidate: i + lenB > lenA leaves no room; backward, i past
    // the start ends the search.
    b.load(Size::DW, R3, R9, strWordOff(kLenB));
    b.mov(R4, R6);
    b.alu(Alu::Add, R4, R3);
    b.load(Size::DW, R3, R9, strWordOff(kLenA));
    b.jmp(Cond::Sgt, R4, R3, stop);
    b.load(Size::DW, R5, R9, strWordOff(kMode));
    b.jmp(Cond::Eq, R5, 0, cmp);
    b.load(Size::DW, R3, R9, strWordOff(kStart));
    b.jmp(Cond::Sgt, R6, R3, stop);
    b.bind(cmp);
    b.mov(R1, R7);
    b.alu(Alu::And, R1, A.mask());
    b.alu(Alu::Add, R1, R9);
    b.load(Size::B, R2, R1, A.b);
    b.jmp(Cond::Eq, R2, 0, match);
    b.mov(R1, R7);
    b.alu(Alu::Add, R1, R6);
    b.alu(Alu::And, R1, A.mask());
    b.alu(Alu::Add, R1, R9);
    b.load(Size::B, R3, R1, A.a);
    b.jmp(Cond::Ne, R2, R3, next);
    b.alu(Alu::Add, R7, 1);
    b.store(Size::DW, R9, strWordOff(kTmp1), R7);
    b.jmp(cont);
    b.bind(match);
    b.store(Size::DW, R9, strWordOff(kFound), R6);
    b.load(Size::DW, R5, R9, strWordOff(kMode));
    b.jmp(Cond::Eq, R5, 0, stop);
    b.bind(next);
    b.alu(Alu::Add, R6, 1);
    b.store(Size::DW, R9, strWordOff(kTmp0), R6);
    b.storeImm(Size::DW, R9, strWordOff(kTmp1), 0);
    callbackTails(b, cont, stop);
}

Val ClauseGen::strSubr(const Call& c) {
    Func f = static_cast<Func>(c.funcId);
    if (f == Func::Speculation || f == Func::Speculate || f == Func::Commit || f == Func::Discard)
        return specSubr(c);
    if (f == Func::Alloca || f == Func::Bcopy || f == Func::Copyinto) return allocaSubr(c);
    std::vector<Val> a;
    std::vector<bool> nullConstant; // the argument is NULL (0) written as such
    for (auto& arg : c.args) {
        Val v = expr(*arg);
        nullConstant.push_back(v.kind == Val::Kind::ConstInt && v.c == 0);
        a.push_back(materialize(v));
    }
    int s = a.empty() ? push() : a[0].slot;
    int dst = scratchOff(s);
    auto arg = [&](size_t i, Reg tmp) { return slotReg(a.at(i).slot, tmp); };
    auto fetchA = [&](size_t i) {
        strFetch(strA(), arg(i, R3));
        b_.store(Size::DW, R9, strWordOff(kLenA), R0);
    };
    auto fetchB = [&](size_t i) {
        strFetch(strB(), arg(i, R3));
        b_.store(Size::DW, R9, strWordOff(kLenB), R0);
    };
    auto done = [&](const Type* t) {
        if (a.size() > 1) pop(static_cast<int>(a.size()) - 1);
        Val v;
        v.slot = s;
        v.type = t;
        return v;
    };
    switch (f) {
    case Func::Strjoin: {
        // a straight into the result buffer, then b after it.
        strFetch(dst, arg(0, R3));
        Reg br = arg(1, R3);
        if (br != R3) b_.mov(R3, br);
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        b_.alu(Alu::Sub, R2, R0);
        Label pos = b_.newLabel();
        b_.jmp(Cond::Sgt, R2, 0, pos);
        b_.mov(R2, 1);
        b_.bind(pos);
        strAddr(R1, dst, R0);
        b_.call(BPF_FUNC_probe_read_kernel_str);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::Substr: {
        fetchA(0);
        // R4 = index, R5 = remaining, R0 = len (DTrace's rules).
        Reg ir = arg(1, R4);
        if (ir != R4) b_.mov(R4, ir);
        if (a.size() > 2) {
            Reg rr = arg(2, R5);
            if (rr != R5) b_.mov(R5, rr);
        } else {
            b_.mov(R5, static_cast<int32_t>(globals_.strLen));
        }
        b_.load(Size::DW, R0, R9, strWordOff(kLenA));
        Label idxOk = b_.newLabel(), checks = b_.newLabel(), empty = b_.newLabel(),
              copy = b_.newLabel();
        b_.jmp(Cond::Sge, R4, 0, checks);
        b_.alu(Alu::Add, R4, R0);
        b_.jmp(Cond::Sge, R4, 0, checks);
        b_.mov(R1, R4);
        b_.alu(Alu::Add, R1, R5);
        b_.jmp(Cond::Sle, R1, 0, checks);
        b_.alu(Alu::Add, R5, R4);
        b_.mov(R4, 0);
        b_.bind(checks);
        b_.jmp(Cond::Sge, R4, R0, empty);
        b_.jmp(Cond::Slt, R4, 0, empty);
        b_.jmp(Cond::Sge, R5, 0, idxOk);
        // remaining < 0: counts back from the end.
        b_.alu(Alu::Add, R5, R0);
        b_.alu(Alu::Sub, R5, R4);
        b_.jmp(Cond::Sle, R5, 0, empty);
        b_.jmp(copy);
        b_.bind(idxOk);
        b_.jmp(Cond::Eq, R5, 0, empty);
        b_.bind(copy);
        Label capped = b_.newLabel();
        b_.jmp(Cond::Sle, R5, static_cast<int32_t>(globals_.strLen), capped);
        b_.mov(R5, static_cast<int32_t>(globals_.strLen));
        b_.bind(capped);
        b_.mov(R2, R5);
        b_.alu(Alu::Add, R2, 1);
        strAddr(R3, strA(), R4);
        strStore(dst);
        Label out = b_.newLabel();
        b_.jmp(out);
        b_.bind(empty);
        ctxStoreImm(Size::B, dst, 0, R1);
        b_.bind(out);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::Index:
    case Func::Rindex:
    case Func::Strstr: {
        fetchA(0);
        fetchB(1);
        bool rev = f == Func::Rindex;
        b_.storeImm(Size::DW, R9, strWordOff(kMode), rev ? 1 : 0);
        if (a.size() > 2) {
            Reg st = arg(2, R1);
            b_.store(Size::DW, R9, strWordOff(kStart), st);
        } else if (rev) {
            b_.load(Size::DW, R1, R9, strWordOff(kLenA));
            b_.store(Size::DW, R9, strWordOff(kStart), R1);
        } else {
            b_.storeImm(Size::DW, R9, strWordOff(kStart), 0);
        }
        strSearch();
        b_.load(Size::DW, R4, R9, strWordOff(kFound));
        if (f == Func::Strstr) {
            Label none = b_.newLabel(), out = b_.newLabel();
            b_.jmp(Cond::Slt, R4, 0, none);
            strAddr(R3, strA(), R4);
            b_.mov(R2, static_cast<int32_t>(globals_.strLen));
            strStore(dst);
            strResult(s, c.type);
            b_.jmp(out);
            b_.bind(none);
            b_.mov(R0, 0);
            setSlot(s, R0);
            b_.bind(out);
        } else {
            setSlot(s, R4);
        }
        return done(c.type);
    }
    case Func::Strchr:
    case Func::Strrchr: {
        fetchA(0);
        Reg cr = arg(1, R1);
        b_.store(Size::DW, R9, strWordOff(kArg), cr);
        strScan(f == Func::Strchr ? kScanFirst : kScanLast, static_cast<int>(globals_.strLen));
        b_.load(Size::DW, R4, R9, strWordOff(kFound));
        Label none = b_.newLabel(), out = b_.newLabel();
        b_.jmp(Cond::Slt, R4, 0, none);
        strAddr(R3, strA(), R4);
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        strStore(dst);
        strResult(s, c.type);
        b_.jmp(out);
        b_.bind(none);
        b_.mov(R0, 0);
        setSlot(s, R0);
        b_.bind(out);
        return done(c.type);
    }
    case Func::Strtok: {
        // The string (unless NULL) is saved with a position in the
        // context's strtok area, which persists between calls on this CPU.
        const int kPos = globals_.str.tok + static_cast<int>(globals_.str.buf);
        // (NULL written as such continues the saved string; a string that
        // is NULL at run time faults.)
        if (!nullConstant[0]) {
            strFetch(globals_.str.tok, arg(0, R3));
            b_.storeImm(Size::DW, R9, kPos, 0);
        }
        b_.mov(R3, R9);
        b_.alu(Alu::Add, R3, globals_.str.tok);
        strFetch(strA(), R3);
        b_.store(Size::DW, R9, strWordOff(kLenA), R0);
        fetchB(1);
        for (int w = 0; w < 4; w++)
            b_.storeImm(Size::DW, R9, strWordOff(kSet + w), 0);
        strScan(kScanSetOfB, static_cast<int>(globals_.strLen));
        b_.load(Size::DW, R1, R9, kPos);
        b_.store(Size::DW, R9, strWordOff(kStart), R1);
        strScan(kScanSkipSet, static_cast<int>(globals_.strLen));
        b_.load(Size::DW, R4, R9, strWordOff(kFound));
        Label none = b_.newLabel(), out = b_.newLabel();
        b_.jmp(Cond::Slt, R4, 0, none);
        b_.store(Size::DW, R9, strWordOff(kStart), R4);
        b_.store(Size::DW, R9, strWordOff(kTmp0), R4);
        strScan(kScanFindSet, static_cast<int>(globals_.strLen));
        b_.load(Size::DW, R5, R9, strWordOff(kFound));
        b_.load(Size::DW, R4, R9, strWordOff(kTmp0));
        // The next call starts at the delimiter, which it skips if it is
        // in that call's set (as DTrace does).
        b_.store(Size::DW, R9, kPos, R5);
        b_.mov(R2, R5);
        b_.alu(Alu::Sub, R2, R4);
        b_.alu(Alu::Add, R2, 1);
        strAddr(R3, strA(), R4);
        strStore(dst);
        strResult(s, c.type);
        b_.jmp(out);
        b_.bind(none);
        b_.load(Size::DW, R1, R9, strWordOff(kLenA));
        b_.store(Size::DW, R9, kPos, R1);
        b_.mov(R0, 0);
        setSlot(s, R0);
        b_.bind(out);
        return done(c.type);
    }
    case Func::Toupper:
    case Func::Tolower: {
        fetchA(0);
        strScan(f == Func::Toupper ? kScanUpper : kScanLower, static_cast<int>(globals_.strLen));
        b_.mov(R3, R9);
        b_.alu(Alu::Add, R3, strA());
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        strStore(dst);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::Basename:
    case Func::Dirname: {
        fetchA(0);
        // end = one past the last character that is not '/'; slash = the
        // last '/' before end (-1 if none).
        auto lastBefore = [&](int mode, int limitWord, int outWord) {
            b_.load(Size::DW, R1, R9, strWordOff(limitWord));
            strScanN(mode, R1);
            b_.load(Size::DW, R1, R9, strWordOff(kFound));
            b_.store(Size::DW, R9, strWordOff(outWord), R1);
        };
        lastBefore(kScanLastNonSlash, kLenA, kTmp0);
        b_.load(Size::DW, R1, R9, strWordOff(kTmp0));
        b_.alu(Alu::Add, R1, 1);
        b_.store(Size::DW, R9, strWordOff(kTmp0), R1); // end
        lastBefore(kScanLastSlash, kTmp0, kTmp1);      // slash
        Label special = b_.newLabel(), out = b_.newLabel();
        auto constant = [&](const char* text) {
            b_.loadMapValue(R3, kMapGlobals, globals_.stringConst(text));
            b_.mov(R2, static_cast<int32_t>(globals_.strLen));
            strStore(dst);
        };
        b_.load(Size::DW, R4, R9, strWordOff(kTmp0));
        b_.load(Size::DW, R5, R9, strWordOff(kTmp1));
        if (f == Func::Basename) {
            // "" -> ".", all slashes -> "/", else A[slash + 1, end).
            b_.jmp(Cond::Eq, R4, 0, special);
            b_.mov(R2, R4);
            b_.alu(Alu::Sub, R2, R5);
            b_.alu(Alu::Add, R5, 1);
            strAddr(R3, strA(), R5);
            strStore(dst);
            b_.jmp(out);
            b_.bind(special);
            Label dot = b_.newLabel();
            b_.load(Size::DW, R0, R9, strWordOff(kLenA));
            b_.jmp(Cond::Eq, R0, 0, dot);
            constant("/");
            b_.jmp(out);
            b_.bind(dot);
            constant(".");
        } else {
            // No '/' before the last component -> "."; else strip the
            // slashes before it; nothing left -> "/".
            Label slashOnly = b_.newLabel(), dot = b_.newLabel();
            b_.jmp(Cond::Eq, R4, 0, special);
            b_.jmp(Cond::Slt, R5, 0, dot);
            lastBefore(kScanLastNonSlash, kTmp1, kTmp0);
            b_.load(Size::DW, R4, R9, strWordOff(kTmp0));
            b_.alu(Alu::Add, R4, 1);
            b_.jmp(Cond::Eq, R4, 0, slashOnly);
            b_.mov(R2, R4);
            b_.alu(Alu::Add, R2, 1);
            b_.mov(R3, R9);
            b_.alu(Alu::Add, R3, strA());
            strStore(dst);
            b_.jmp(out);
            b_.bind(special);
            // "" -> "."; all slashes -> "/".
            b_.load(Size::DW, R0, R9, strWordOff(kLenA));
            b_.jmp(Cond::Eq, R0, 0, dot);
            b_.bind(slashOnly);
            constant("/");
            b_.jmp(out);
            b_.bind(dot);
            constant(".");
        }
        b_.bind(out);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::Lltostr: {
        // Digits from the end of operand buffer A backwards; R4 = value,
        // R5 = base, R1 = write position.
        Reg vr = arg(0, R4);
        if (vr != R4) b_.mov(R4, vr);
        if (a.size() > 1) {
            Reg br = arg(1, R5);
            if (br != R5) b_.mov(R5, br);
            faultIf(Cond::Lt, R5, 2, Fault::IllOp, R0);
            faultIf(Cond::Gt, R5, 36, Fault::IllOp, R0);
        } else {
            b_.mov(R5, 10);
        }
        int end = strA() + 80;
        b_.storeImm(Size::B, R9, static_cast<int16_t>(end), 0);
        b_.mov(R1, 79);
        // Negative in base 10: a '-' and the magnitude.
        Label pos = b_.newLabel(), loop = b_.newLabel(), digit = b_.newLabel(),
              next = b_.newLabel();
        b_.mov(R0, 0);
        b_.jmp(Cond::Sge, R4, 0, pos);
        b_.jmp(Cond::Ne, R5, 10, pos);
        b_.neg(R4);
        b_.mov(R0, 1);
        b_.bind(pos);
        b_.store(Size::DW, R10, kTmpKey, R0);
        b_.bind(loop);
        b_.mov(R2, R4);
        b_.alu(Alu::Mod, R2, R5);
        b_.jmp(Cond::Lt, R2, 10, digit);
        b_.alu(Alu::Add, R2, 'a' - 10 - '0');
        b_.bind(digit);
        b_.alu(Alu::Add, R2, '0');
        strAddr(R3, strA(), R1);
        b_.store(Size::B, R3, 0, R2);
        b_.alu(Alu::Div, R4, R5);
        b_.jmp(Cond::Eq, R4, 0, next);
        b_.alu(Alu::Sub, R1, 1);
        b_.jmp(Cond::Sgt, R1, 0, loop);
        b_.bind(next);
        settle({{R1, kTmp0}});
        Label noSign = b_.newLabel();
        b_.load(Size::DW, R0, R10, kTmpKey);
        b_.jmp(Cond::Eq, R0, 0, noSign);
        b_.alu(Alu::Sub, R1, 1);
        strAddr(R3, strA(), R1);
        b_.storeImm(Size::B, R3, 0, '-');
        b_.bind(noSign);
        strAddr(R3, strA(), R1);
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        strStore(dst);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::InetNtoa: {
        // The IPv4 address (network order) at the pointer, dotted.
        Reg pr = arg(0, R3);
        if (pr != R3) b_.mov(R3, pr);
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.mov(R1, R10);
        b_.alu(Alu::Add, R1, kTmpKey - 8);
        b_.mov(R2, 4);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
        // R4 = write position (at most 15), R1 = the byte, R2 = a digit.
        b_.mov(R4, 0);
        auto put = [&](Reg ch) {
            b_.mov(R5, R9);
            b_.alu(Alu::Add, R5, R4);
            b_.alu(Alu::Add, R5, dst);
            b_.store(Size::B, R5, 0, ch);
            b_.alu(Alu::Add, R4, 1);
        };
        dottedQuad([&](int i) { b_.load(Size::B, R1, R10, static_cast<int16_t>(kTmpKey - 8 + i)); },
                   put);
        b_.mov(R2, 0);
        put(R2);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::LinkNtop: {
        // The link-layer address at the pointer, as bytes in hex joined
        // by ':': 6 for ARPHRD_ETHER (1), 20 for ARPHRD_INFINIBAND (32);
        // another type is an illegal operation.
        Reg tr = arg(0, R1);
        if (tr != R1) b_.mov(R1, tr);
        Label have = b_.newLabel();
        b_.mov(R2, 6);
        b_.jmp(Cond::Eq, R1, 1, have);
        b_.mov(R2, 20);
        faultIf(Cond::Ne, R1, 32, Fault::IllOp, R0);
        b_.bind(have);
        b_.store(Size::DW, R10, kBytes - 8, R2);
        Reg pr = arg(1, R3);
        if (pr != R3) b_.mov(R3, pr);
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.mov(R1, R10);
        b_.alu(Alu::Add, R1, kBytes);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
        // R4 = write position, R0 = the byte count, R1/R2 = digits.
        b_.load(Size::DW, R0, R10, kBytes - 8);
        b_.mov(R4, 0);
        Label end = b_.newLabel();
        int32_t room = static_cast<int32_t>(globals_.strLen) - 1;
        auto put = [&](Reg ch) {
            b_.jmp(Cond::Ge, R4, room, end);
            b_.mov(R5, R9);
            b_.alu(Alu::Add, R5, R4);
            b_.alu(Alu::Add, R5, dst);
            b_.store(Size::B, R5, 0, ch);
            b_.alu(Alu::Add, R4, 1);
        };
        auto hexDigit = [&](Reg d) {
            Label digit = b_.newLabel();
            b_.alu(Alu::Add, d, '0');
            b_.jmp(Cond::Le, d, '9', digit);
            b_.alu(Alu::Add, d, 'a' - '9' - 1);
            b_.bind(digit);
            put(d);
        };
        for (int i = 0; i < 20; i++) {
            b_.jmp(Cond::Le, R0, i, end);
            if (i > 0) {
                b_.mov(R1, ':');
                put(R1);
            }
            b_.load(Size::B, R1, R10, static_cast<int16_t>(kBytes + i));
            b_.mov(R2, R1);
            b_.alu(Alu::Rsh, R1, 4);
            hexDigit(R1);
            b_.alu(Alu::And, R2, 15);
            hexDigit(R2);
        }
        b_.bind(end);
        b_.mov(R5, R9);
        b_.alu(Alu::Add, R5, R4);
        b_.alu(Alu::Add, R5, dst);
        b_.storeImm(Size::B, R5, 0, 0);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::MutexTypeAdaptive: // Linux's mutexes spin, then sleep
    case Func::MutexTypeSpin:
        b_.mov(R1, f == Func::MutexTypeAdaptive ? 1 : 0);
        setSlot(s, R1);
        return done(c.type);
    case Func::MutexOwned:
    case Func::MutexOwner:
    case Func::RwReadHeld:
    case Func::RwWriteHeld:
    case Func::RwIswriter: {
        // A mutex's owner word: the owning task, flags in its low 3 bits.
        // An rwlock's (queued rwlock's) count word: the writer's byte (0xff
        // when held), a waiting writer (0x100), readers from bit 9.
        bool rw = f != Func::MutexOwned && f != Func::MutexOwner;
        Reg pr = arg(0, R3);
        if (pr != R3) b_.mov(R3, pr);
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.storeImm(Size::DW, R10, kTmpKey - 8, 0);
        b_.mov(R1, R10);
        b_.alu(Alu::Add, R1, kTmpKey - 8);
        b_.mov(R2, rw ? 4 : 8);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
        b_.load(Size::DW, R1, R10, kTmpKey - 8);
        b_.alu(Alu::And, R1,
               f == Func::MutexOwned || f == Func::MutexOwner ? ~7
               : f == Func::RwReadHeld                        ? ~0x1ff
               : f == Func::RwWriteHeld                       ? 0xff
                                                              : 0x1ff);
        if (f != Func::MutexOwner) {
            Label zero = b_.newLabel();
            b_.jmp(Cond::Eq, R1, 0, zero);
            b_.mov(R1, 1);
            b_.bind(zero);
        }
        setSlot(s, R1);
        return done(c.type);
    }
    case Func::Htons:
    case Func::Ntohs:
    case Func::Htonl:
    case Func::Ntohl:
    case Func::Htonll:
    case Func::Ntohll: {
        int bits = (f == Func::Htons || f == Func::Ntohs)   ? 16
                   : (f == Func::Htonl || f == Func::Ntohl) ? 32
                                                            : 64;
        Reg r = arg(0, R1);
        if (r != R1) b_.mov(R1, r);
        b_.toBigEndian(R1, bits);
        setSlot(s, R1);
        return done(c.type);
    }
    case Func::Rand:
        b_.call(BPF_FUNC_get_prandom_u32);
        normalize(R0, c.type);
        setSlot(s, R0);
        return done(c.type);
    case Func::Getmajor:
    case Func::Getminor: {
        // The kernel's dev_t: major in the top 12 bits, minor in the low 20.
        Reg r = arg(0, R1);
        if (r != R1) b_.mov(R1, r);
        if (f == Func::Getmajor) {
            b_.alu32(Alu::Rsh, R1, 20);
        } else {
            b_.alu32(Alu::And, R1, 0xfffff);
        }
        setSlot(s, R1);
        return done(c.type);
    }
    case Func::Copyin: {
        // size bytes of user memory into the slot's scratch buffer; more
        // than the buffer holds is out of scratch space, a bad address faults.
        Reg sz = arg(1, R2);
        if (sz != R2) b_.mov(R2, sz);
        faultIf(Cond::Gt, R2, static_cast<int32_t>(globals_.str.buf), Fault::NoScratch, R0);
        Reg ad = arg(0, R3);
        if (ad != R3) b_.mov(R3, ad);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, dst);
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.call(BPF_FUNC_probe_read_user);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Slt, R0, 0, Fault::BadUserAddr, R3);
        // A NUL after the bytes, so that the buffer read as a string ends.
        Reg sz2 = arg(1, R2);
        strAddr(R1, dst, sz2);
        b_.storeImm(Size::B, R1, 0, 0);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::InetNtop:
    case Func::InetNtoa6:
        inetString(f, a, c.loc);
        b_.mov(R3, R9);
        b_.alu(Alu::Add, R3, strA());
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        strStore(dst);
        strResult(s, c.type);
        return done(c.type);
    case Func::Cleanpath:
        cleanpath(a[0]);
        b_.mov(R3, R9);
        b_.alu(Alu::Add, R3, strA());
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        strStore(dst);
        strResult(s, c.type);
        return done(c.type);
    case Func::DPath: {
        Reg pr = arg(0, R3);
        if (pr != R3) b_.mov(R3, pr);
        pathString(c.loc);
        b_.mov(R3, R9);
        b_.alu(Alu::Add, R3, strA());
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        strStore(dst);
        strResult(s, c.type);
        return done(c.type);
    }
    case Func::Progenyof: {
        // Walks current's real_parent chain (bounded) looking for the pid.
        auto parent = kernelBtf().memberOffset("task_struct", "real_parent");
        auto tgid = kernelBtf().memberOffset("task_struct", "tgid");
        if (!parent || !tgid)
            fail(Tag::D_UNKNOWN, c.loc, "progenyof( ) is not available: no kernel BTF");
        Reg pr = arg(0, R1);
        b_.store(Size::DW, R9, strWordOff(kStart), pr);
        b_.call(BPF_FUNC_get_current_task);
        b_.mov(R4, 0); // result
        b_.store(Size::DW, R9, strWordOff(kFound), R4);
        Label loop = b_.newLabel(), end = b_.newLabel(), yes = b_.newLabel();
        b_.store(Size::DW, R9, strWordOff(kLenA), R0); // task
        b_.storeImm(Size::DW, R10, kVarVal, 0);        // depth, on the stack so
        b_.bind(loop);                                 // the verifier sees it
        b_.load(Size::DW, R3, R9, strWordOff(kLenA));
        b_.jmp(Cond::Eq, R3, 0, end);
        b_.alu(Alu::Add, R3, static_cast<int32_t>(*tgid));
        b_.mov(R1, R10);
        b_.alu(Alu::Add, R1, kTmpKey);
        b_.mov(R2, 4);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.jmp(Cond::Ne, R0, 0, end);
        b_.load(Size::W, R1, R10, kTmpKey);
        b_.load(Size::DW, R2, R9, strWordOff(kStart));
        b_.jmp32(Cond::Eq, R1, R2, yes);
        b_.jmp(Cond::Eq, R1, 0, end); // reached the idle task
        b_.load(Size::DW, R3, R9, strWordOff(kLenA));
        b_.alu(Alu::Add, R3, static_cast<int32_t>(*parent));
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, strWordOff(kLenA));
        b_.mov(R2, 8);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.jmp(Cond::Ne, R0, 0, end);
        b_.load(Size::DW, R1, R10, kVarVal);
        b_.alu(Alu::Add, R1, 1);
        b_.store(Size::DW, R10, kVarVal, R1);
        b_.jmp(Cond::Lt, R1, 64, loop);
        b_.jmp(end);
        b_.bind(yes);
        b_.storeImm(Size::DW, R9, strWordOff(kFound), 1);
        b_.bind(end);
        b_.load(Size::DW, R0, R9, strWordOff(kFound));
        setSlot(s, R0);
        return done(c.type);
    }
    default:
        fail(Tag::D_UNKNOWN, c.loc, "{}( ) is not supported yet", c.func);
    }
}

// bpf_loop(count, callback, &ctx): the callbacks find the context through
// the pointer on the stack.
void ClauseGen::runLoop(Callback cb, const char* name, Reg count) {
    Label fn = globals_.callback(b_, cb, name);
    if (count != R1) b_.mov(R1, count);
    b_.store(Size::DW, R10, kTmpKey, R9);
    b_.loadFuncAddr(R2, fn);
    b_.mov(R3, R10);
    b_.alu(Alu::Add, R3, kTmpKey);
    b_.mov(R4, 0);
    b_.call(BPF_FUNC_loop);
}

// The dotted decimal of four bytes: loadByte(i) puts byte i in R1, put(r)
// appends the character in r (it may clobber R4, R5).
void ClauseGen::dottedQuad(const std::function<void(int)>& loadByte,
                           const std::function<void(Reg)>& put) {
    for (int i = 0; i < 4; i++) {
        Label tens = b_.newLabel(), ones = b_.newLabel();
        loadByte(i);
        b_.jmp(Cond::Lt, R1, 100, tens);
        b_.mov(R2, R1);
        b_.alu(Alu::Div, R2, 100);
        b_.alu(Alu::Add, R2, '0');
        put(R2);
        b_.mov(R2, R1);
        b_.alu(Alu::Div, R2, 10);
        b_.alu(Alu::Mod, R2, 10);
        b_.alu(Alu::Add, R2, '0');
        put(R2);
        b_.jmp(ones);
        b_.bind(tens);
        b_.jmp(Cond::Lt, R1, 10, ones);
        b_.mov(R2, R1);
        b_.alu(Alu::Div, R2, 10);
        b_.alu(Alu::Add, R2, '0');
        put(R2);
        b_.bind(ones);
        b_.mov(R2, R1);
        b_.alu(Alu::Mod, R2, 10);
        b_.alu(Alu::Add, R2, '0');
        put(R2);
        if (i < 3) {
            b_.mov(R2, '.');
            put(R2);
        }
    }
}

// Appends the dotted quad of the four bytes at context offset `from` to
// operand buffer A at kLenA.
void ClauseGen::appendDotted(int16_t from) {
    auto put = [&](Reg ch) {
        b_.load(Size::DW, R5, R9, strWordOff(kLenA));
        b_.alu(Alu::And, R5, 255);
        b_.alu(Alu::Add, R5, R9);
        b_.store(Size::B, R5, strA(), ch);
        b_.load(Size::DW, R5, R9, strWordOff(kLenA));
        b_.alu(Alu::Add, R5, 1);
        b_.store(Size::DW, R9, strWordOff(kLenA), R5);
    };
    dottedQuad([&](int i) { b_.load(Size::B, R1, R9, static_cast<int16_t>(from + i)); }, put);
}

// inet_ntop(af, addr) and inet_ntoa6(addr[, strict]) into operand buffer
// A, as DTrace formats them: IPv4 dotted; IPv6 in 16-bit hex groups with
// the longest zero run (by DTrace's byte-wise search) as "::", and IPv4-
// mapped or -compatible addresses ending in dotted form (inet_ntoa6 without
// `strict`: only the dotted form).  An unknown family is an illegal
// operation.
void ClauseGen::inetString(Func f, const std::vector<Val>& a, Loc loc) {
    (void)loc;
    const int kAddr = strB();
    Label v4 = b_.newLabel(), v6 = b_.newLabel(), finish = b_.newLabel();
    auto readAddr = [&](int16_t off, int size) {
        Reg pr = slotReg(a.at(f == Func::InetNtop ? 1 : 0).slot, R3);
        if (pr != R3) b_.mov(R3, pr);
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, off);
        b_.mov(R2, size);
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
    };
    b_.storeImm(Size::DW, R9, strWordOff(kLenA), 0);
    if (f == Func::InetNtop) {
        Reg af = slotReg(a.at(0).slot, R1);
        if (af != R1) b_.mov(R1, af);
        b_.jmp(Cond::Eq, R1, 2, v4); // AF_INET
        faultIf(Cond::Ne, R1, 10, Fault::IllOp, R0);
        b_.jmp(v6);
        b_.bind(v4);
        readAddr(kAddr + 12, 4);
        appendDotted(kAddr + 12);
        b_.jmp(finish);
    }
    b_.bind(v6);
    readAddr(kAddr, 16);
    b_.storeImm(Size::DW, R9, strWordOff(kTmp0), -1);
    b_.storeImm(Size::DW, R9, strWordOff(kStart), -1);
    b_.storeImm(Size::DW, R9, strWordOff(kLenB), 1);
    b_.mov(R1, 16);
    runLoop(Callback::Inet6Run, "inet6run", R1);
    // IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d, but not ::
    // or ::1): the last four bytes are printed dotted.
    Label plain = b_.newLabel(), embedded = b_.newLabel(), format = b_.newLabel();
    b_.load(Size::DW, R1, R9, kAddr);
    b_.load(Size::W, R2, R9, kAddr + 8);
    b_.load(Size::W, R3, R9, kAddr + 12);
    b_.jmp(Cond::Ne, R1, 0, plain);
    b_.loadImm(R4, 0xffff0000);
    b_.jmp(Cond::Eq, R2, R4, embedded);
    b_.jmp(Cond::Ne, R2, 0, plain);
    b_.jmp(Cond::Eq, R3, 0, plain);
    b_.jmp(Cond::Eq, R3, 0x01000000, plain);
    b_.bind(embedded);
    bool strictArg = f == Func::InetNtoa6 && a.size() > 1;
    if (f == Func::InetNtoa6) {
        Label full = b_.newLabel();
        if (strictArg) {
            Reg st = slotReg(a[1].slot, R1);
            b_.jmp(Cond::Ne, st, 0, full);
        }
        appendDotted(kAddr + 12);
        b_.jmp(finish);
        if (strictArg) b_.bind(full);
    }
    if (f != Func::InetNtoa6 || strictArg) {
        b_.storeImm(Size::DW, R9, strWordOff(kFound), 1);
        b_.storeImm(Size::DW, R9, strWordOff(kMode), 10);
        b_.jmp(format);
    }
    b_.bind(plain);
    b_.storeImm(Size::DW, R9, strWordOff(kFound), 0);
    b_.storeImm(Size::DW, R9, strWordOff(kMode), 14);
    b_.bind(format);
    {
        // No "::" for a run that ends among the dotted bytes.
        Label keep = b_.newLabel();
        b_.load(Size::DW, R1, R9, strWordOff(kStart));
        b_.jmp(Cond::Slt, R1, 0, keep);
        b_.load(Size::DW, R2, R9, strWordOff(kLenB));
        b_.alu(Alu::Add, R1, R2);
        b_.alu(Alu::Sub, R1, 2);
        b_.load(Size::DW, R2, R9, strWordOff(kMode));
        b_.jmp(Cond::Sle, R1, R2, keep);
        b_.storeImm(Size::DW, R9, strWordOff(kStart), -100);
        b_.bind(keep);
    }
    b_.mov(R1, 8);
    runLoop(Callback::Inet6Format, "inet6format", R1);
    Label noTail = b_.newLabel();
    b_.load(Size::DW, R1, R9, strWordOff(kFound));
    b_.jmp(Cond::Eq, R1, 0, noTail);
    appendDotted(kAddr + 12);
    b_.bind(noTail);
    b_.bind(finish);
    b_.load(Size::DW, R1, R9, strWordOff(kLenA));
    b_.alu(Alu::And, R1, 255);
    b_.alu(Alu::Add, R1, R9);
    b_.storeImm(Size::B, R1, strA(), 0);
}

// cleanpath(): the string's "//", "/./" and "/../" resolved textually.
void ClauseGen::cleanpath(const Val& path) {
    strFetch(strB(), slotReg(path.slot, R3));
    b_.storeImm(Size::DW, R9, strWordOff(kLenA), 0);
    b_.storeImm(Size::DW, R9, strWordOff(kMode), 0);
    b_.storeImm(Size::DW, R9, strWordOff(kStart), static_cast<int32_t>(globals_.strLen));
    // (the loop stops at the NUL; A's first byte is what "/.." leaves)
    b_.storeImm(Size::B, R9, strA(), '/');
    b_.mov(R1, static_cast<int32_t>(globals_.strLen) + 1);
    runLoop(Callback::Cleanpath, "cleanpath", R1);
}

// The path of the struct path at R3 (a kernel address; unreadable faults)
// into operand buffer A: the dentries up to the task's root, crossing
// mount points, as the kernel's d_path() names them.
void ClauseGen::pathString(Loc loc) {
    auto po = pathOffsets();
    auto pmnt = kernelBtf().memberOffset("path", "mnt");
    auto pdentry = kernelBtf().memberOffset("path", "dentry");
    auto fs = kernelBtf().memberOffset("task_struct", "fs");
    auto root = kernelBtf().memberOffset("fs_struct", "root");
    if (!po || !pmnt || !pdentry || !fs || !root)
        fail(Tag::D_UNKNOWN, loc, "d_path( ) is not available: no kernel BTF");
    // kTmp0 = the dentry, kTmp1 = its struct mount.
    b_.store(Size::DW, R10, kTmpKey, R3);
    b_.mov(R1, R9);
    b_.alu(Alu::Add, R1, strB());
    b_.mov(R2, 16);
    b_.call(BPF_FUNC_probe_read_kernel);
    b_.load(Size::DW, R3, R10, kTmpKey);
    faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
    b_.load(Size::DW, R1, R9, static_cast<int16_t>(strB() + *pdentry));
    b_.store(Size::DW, R9, strWordOff(kTmp0), R1);
    b_.load(Size::DW, R1, R9, static_cast<int16_t>(strB() + *pmnt));
    b_.alu(Alu::Sub, R1, po->mountMnt);
    b_.store(Size::DW, R9, strWordOff(kTmp1), R1);
    // kStart, kMode = current->fs->root's dentry and vfsmount (zero if
    // the task has none).
    b_.storeImm(Size::DW, R9, strB(), 0);
    b_.storeImm(Size::DW, R9, strB() + 8, 0);
    b_.call(BPF_FUNC_get_current_task);
    b_.mov(R3, R0);
    b_.alu(Alu::Add, R3, static_cast<int32_t>(*fs));
    b_.mov(R1, R10);
    b_.alu(Alu::Add, R1, kTmpKey);
    b_.mov(R2, 8);
    b_.call(BPF_FUNC_probe_read_kernel);
    Label noRoot = b_.newLabel();
    b_.jmp(Cond::Ne, R0, 0, noRoot);
    b_.load(Size::DW, R3, R10, kTmpKey);
    b_.alu(Alu::Add, R3, static_cast<int32_t>(*root));
    b_.mov(R1, R9);
    b_.alu(Alu::Add, R1, strB());
    b_.mov(R2, 16);
    b_.call(BPF_FUNC_probe_read_kernel);
    b_.bind(noRoot);
    b_.load(Size::DW, R1, R9, static_cast<int16_t>(strB() + *pdentry));
    b_.store(Size::DW, R9, strWordOff(kStart), R1);
    b_.load(Size::DW, R1, R9, static_cast<int16_t>(strB() + *pmnt));
    b_.store(Size::DW, R9, strWordOff(kMode), R1);
    b_.storeImm(Size::DW, R9, strWordOff(kLenA), 0);
    b_.mov(R1, 2 * kPathMaxDepth);
    runLoop(Callback::PathWalk, "pathwalk", R1);
    // The names, root first.
    b_.storeImm(Size::DW, R9, strWordOff(kLenB), 0);
    b_.storeImm(Size::DW, R9, strWordOff(kArg), 255);
    b_.storeImm(Size::H, R9, strA(), '/'); // "/" if there are none
    b_.load(Size::DW, R1, R9, strWordOff(kLenA));
    Label lo = b_.newLabel(), hi = b_.newLabel();
    b_.jmp(Cond::Sge, R1, 0, lo);
    b_.mov(R1, 0);
    b_.bind(lo);
    b_.jmp(Cond::Le, R1, kPathMaxDepth, hi);
    b_.mov(R1, kPathMaxDepth);
    b_.bind(hi);
    runLoop(Callback::PathCopy, "pathcopy", R1);
}

// uregs[i]: the current thread's user registers (its pt_regs on the kernel
// stack), then ds, es, fs, gs and the trap number from its thread_struct.
void ClauseGen::uregs(const Index& ix, Val& idx) {
    Reg ir = slotReg(idx.slot, R1);
    if (ir != R1) b_.mov(R1, ir);
    faultIf(Cond::Gt, R1, kUregsCount - 1, Fault::IllOp, R0);
    b_.store(Size::DW, R10, kVarVal, R1);
    Label thread = b_.newLabel(), read = b_.newLabel();
    b_.jmp(Cond::Gt, R1, 20, thread);
    b_.call(BPF_FUNC_get_current_task_btf);
    b_.mov(R1, R0);
    b_.call(BPF_FUNC_task_pt_regs);
    // (through the context: the BTF pointer becomes a plain address)
    b_.store(Size::DW, R9, strWordOff(kTmp0), R0);
    b_.load(Size::DW, R3, R9, strWordOff(kTmp0));
    b_.load(Size::DW, R1, R10, kVarVal);
    b_.alu(Alu::Lsh, R1, 3);
    b_.alu(Alu::Add, R3, R1);
    b_.mov(R2, 8);
    b_.jmp(read);
    b_.bind(thread);
    auto th = kernelBtf().memberOffset("task_struct", "thread");
    const char* fields[] = {"ds", "es", "fsindex", "gsindex", "trap_nr"};
    std::vector<std::optional<uint32_t>> offs;
    for (const char* fld : fields)
        offs.push_back(kernelBtf().memberOffset("thread_struct", fld));
    if (!th) fail(Tag::D_UNKNOWN, ix.loc, "uregs[ ] is not available: no kernel BTF");
    b_.call(BPF_FUNC_get_current_task);
    b_.mov(R3, R0);
    b_.alu(Alu::Add, R3, static_cast<int32_t>(*th));
    b_.load(Size::DW, R1, R10, kVarVal);
    b_.storeImm(Size::DW, R10, kTmpKey - 8, 0);
    Label none = b_.newLabel();
    for (int i = 0; i < 5; i++) {
        Label other = b_.newLabel();
        b_.jmp(Cond::Ne, R1, 21 + i, other);
        if (!offs[i]) {
            b_.jmp(none);
        } else {
            b_.alu(Alu::Add, R3, static_cast<int32_t>(*offs[i]));
            b_.mov(R2, i < 4 ? 2 : 8); // unsigned short selectors, unsigned long trap_nr
            b_.jmp(read);
        }
        b_.bind(other);
    }
    b_.jmp(none);
    b_.bind(read);
    b_.store(Size::DW, R10, kTmpKey, R3);
    b_.storeImm(Size::DW, R10, kTmpKey - 8, 0);
    b_.mov(R1, R10);
    b_.alu(Alu::Add, R1, kTmpKey - 8);
    b_.call(BPF_FUNC_probe_read_kernel);
    b_.load(Size::DW, R3, R10, kTmpKey);
    faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
    b_.bind(none);
    b_.load(Size::DW, R0, R10, kTmpKey - 8);
    setSlot(idx.slot, R0);
    idx.type = ix.type;
}

// raise(), stop(), copyout(), copyoutstr(), chill(): effects in the
// traced process or the kernel, with no record.
void ClauseGen::destructiveAction(const Call& c) {
    Func f = static_cast<Func>(c.funcId);
    *destructive_ = true;
    switch (f) {
    case Func::Raise:
    case Func::Stop: {
        if (f == Func::Raise) {
            Val s = materialize(expr(*c.args[0]));
            Reg r = slotReg(s.slot, R1);
            if (r != R1) b_.mov(R1, r);
            pop();
        } else {
            b_.mov(R1, SIGSTOP);
        }
        b_.call(BPF_FUNC_send_signal);
        break;
    }
    case Func::Copyout:
    case Func::Copyoutstr: {
        // Kernels in lockdown (integrity) mode withhold the helper.
        if (!kernelAllowsUserWrites())
            fail(Tag::D_UNKNOWN, c.loc,
                 "{}( ) is not available: this kernel does not let BPF programs write user "
                 "memory (lockdown)",
                 c.func);
        // copyout(buf, addr, n): n bytes (at most strsize) of buf to the
        // user address; copyoutstr(s, addr, n): the string, NUL included,
        // at most n bytes.  A failed write faults.
        Val buf = materialize(expr(*c.args[0]));
        Val addr = materialize(expr(*c.args[1]));
        Val n = materialize(expr(*c.args[2]));
        if (f == Func::Copyoutstr) {
            // The string's length + 1, capped by n.
            strFetch(strA(), slotReg(buf.slot, R3));
            b_.alu(Alu::Add, R0, 1);
            Reg nr = slotReg(n.slot, R1);
            Label keep = b_.newLabel();
            b_.jmp(Cond::Le, R0, nr, keep);
            b_.mov(R0, nr);
            b_.bind(keep);
            b_.mov(R3, R0);
            b_.mov(R2, R9);
            b_.alu(Alu::Add, R2, strA());
        } else {
            Reg nr = slotReg(n.slot, R3);
            if (nr != R3) b_.mov(R3, nr);
            Reg br = slotReg(buf.slot, R2);
            if (br != R2) b_.mov(R2, br);
        }
        faultIf(Cond::Gt, R3, static_cast<int32_t>(globals_.str.buf), Fault::BadSize, R3);
        Reg ar = slotReg(addr.slot, R1);
        if (ar != R1) b_.mov(R1, ar);
        b_.store(Size::DW, R10, kTmpKey, R1);
        b_.call(BPF_FUNC_probe_write_user);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Ne, R0, 0, Fault::BadUserAddr, R3);
        pop(3);
        break;
    }
    case Func::Chill: {
        // Spins until the deadline with bpf_loop (each step reads the
        // clock), so that the verifier sees a bounded loop; the helper's
        // iteration limit caps one chill() at a few hundred milliseconds.
        Val v = materialize(expr(*c.args[0]));
        Reg r = slotReg(v.slot, R1);
        if (r != R1) b_.mov(R1, r);
        b_.store(Size::DW, R9, strWordOff(kTmp0), R1);
        pop();
        b_.call(BPF_FUNC_ktime_get_ns);
        b_.load(Size::DW, R1, R9, strWordOff(kTmp0));
        b_.alu(Alu::Add, R0, R1);
        b_.store(Size::DW, R9, strWordOff(kTmp0), R0);
        if (!globals_.chill.valid()) {
            globals_.chill = b_.newLabel();
            b_.nameLabel(globals_.chill, "chill");
        }
        b_.store(Size::DW, R10, kTmpKey, R9);
        b_.mov(R1, 1 << 23);
        b_.loadFuncAddr(R2, globals_.chill);
        b_.mov(R3, R10);
        b_.alu(Alu::Add, R3, kTmpKey);
        b_.mov(R4, 0);
        b_.call(BPF_FUNC_loop);
        break;
    }
    default:
        break;
    }
}

// alloca(n): n bytes of the clause's scratch memory, 8-byte aligned; the
// memory is the clause's (each clause starts with all of it free, as
// DTrace's scratch).  More than -x scratchsize in all is out of scratch.
// bcopy(src, dst, n) and copyinto(uaddr, n, dst) fill alloca'd memory from
// kernel or user memory.
Val ClauseGen::allocaSubr(const Call& c) {
    Func f = static_cast<Func>(c.funcId);
    int32_t limit = static_cast<int32_t>(globals_.scratch);
    if (f == Func::Alloca) {
        Val n = expr(*c.args[0]);
        if (n.kind == Val::Kind::ConstInt && static_cast<uint64_t>(n.c) > globals_.scratch)
            fail(Tag::D_ALLOCA_SIZE, c.loc, "alloca({}) size larger than scratchsize {}",
                 static_cast<uint64_t>(n.c), globals_.scratch);
        n = materialize(n);
        Reg nr = slotReg(n.slot, R2);
        if (nr != R2) b_.mov(R2, nr);
        faultIf(Cond::Gt, R2, limit, Fault::NoScratch, R0);
        b_.load(Size::DW, R1, R9, DctxLayout::kAllocaTop);
        b_.alu(Alu::Add, R1, 7);
        b_.alu(Alu::And, R1, ~7);
        faultIf(Cond::Gt, R1, limit, Fault::NoScratch, R0); // (bounds it for the verifier)
        b_.mov(R3, R1);
        b_.alu(Alu::Add, R3, R2);
        faultIf(Cond::Gt, R3, limit, Fault::NoScratch, R0);
        b_.store(Size::DW, R9, DctxLayout::kAllocaTop, R3);
        b_.alu(Alu::Add, R1, R9);
        b_.alu(Alu::Add, R1, DctxLayout::kAlloca);
        setSlot(n.slot, R1);
        n.type = c.type;
        return n;
    }
    // The destination and the size.
    const Expr& dstE = f == Func::Bcopy ? *c.args[1] : *c.args[2];
    const Expr& srcE = *c.args[0];
    const Expr& nE = f == Func::Bcopy ? *c.args[2] : *c.args[1];
    Val src = materialize(expr(srcE));
    Val dst = materialize(expr(dstE));
    Val n = materialize(expr(nE));
    Reg dr = slotReg(dst.slot, R1);
    if (dr != R1) b_.mov(R1, dr);
    Reg nr = slotReg(n.slot, R2);
    if (nr != R2) b_.mov(R2, nr);
    faultIf(Cond::Gt, R2, limit, Fault::BadSize, R2);
    allocaRange(R2, limit, Fault::BadSize); // a range crossing the top: invalid size
    b_.alu(Alu::Add, R1, R9);
    b_.alu(Alu::Add, R1, DctxLayout::kAlloca);
    Reg sr = slotReg(src.slot, R3);
    if (sr != R3) b_.mov(R3, sr);
    b_.store(Size::DW, R10, kTmpKey, R3);
    b_.call(f == Func::Bcopy ? BPF_FUNC_probe_read_kernel : BPF_FUNC_probe_read_user);
    b_.load(Size::DW, R3, R10, kTmpKey);
    faultIf(Cond::Ne, R0, 0, f == Func::Bcopy ? Fault::BadAddr : Fault::BadUserAddr, R3);
    pop(3);
    Val v;
    v.kind = Val::Kind::ConstInt;
    v.type = c.type;
    return v;
}

void ClauseGen::asNumber(Reg dst, Reg src) {
    // A round trip through the context: what is loaded back is a number.
    b_.store(Size::DW, R9, DctxLayout::kAllocaTmp, src);
    b_.load(Size::DW, dst, R9, DctxLayout::kAllocaTmp);
}

std::optional<Val> ClauseGen::variableAddress(const Expr& e) {
    if (isVarElement(e)) {
        if (auto b = varField(*as<Index>(e).base, true); b && b->dyn)
            fail(Tag::D_ADDROF_VAR, e.loc, "cannot take address of dynamic variable");
        Val a = varElementAddress(as<Index>(e), false);
        Reg r = slotReg(a.slot, R1);
        asNumber(r);
        setSlot(a.slot, r);
        return a;
    }
    auto f = varField(e, true);
    if (f && f->dyn) fail(Tag::D_ADDROF_VAR, e.loc, "cannot take address of dynamic variable");
    if (!f) {
        // A whole global variable.
        if (e.kind != ExprKind::Ident || as<Ident>(e).ref != Ident::Ref::Global)
            return std::nullopt;
        f.emplace();
        f->offset = sema_.globals.at(as<Ident>(e).index).offset;
    }
    if (f->bitWidth) fail(Tag::D_UNKNOWN, e.loc, "cannot take the address of a bit-field");
    int s = push();
    fieldAddress(R1, *f);
    asNumber(R1);
    setSlot(s, R1);
    Val v;
    v.slot = s;
    v.type = e.type;
    return v;
}

// *p = v, p[i] = v, p->m = v: only into D's own memory, the clause's alloca
// memory and global variables (D may not write kernel memory); elsewhere is
// an invalid address.
Val ClauseGen::storeThrough(const Assign& e) {
    const Type* t = e.lhs->type->resolve();
    unsigned sz = static_cast<unsigned>(t->size);
    bool str = t->isString();
    if (!str && (!t->isScalar() || (sz != 1 && sz != 2 && sz != 4 && sz != 8)))
        fail(Tag::D_UNKNOWN, e.loc, "stores of type {} through pointers are not supported yet",
             e.lhs->type->name);
    Type::Member field;
    Val addr = address(*e.lhs, &field);
    if (field.bitWidth)
        fail(Tag::D_UNKNOWN, e.loc, "stores to bit-fields through pointers are not supported yet");
    Val v = materialize(expr(*e.rhs));
    Reg ar = slotReg(addr.slot, R1);
    if (ar != R1) b_.mov(R1, ar);
    writableAt(sz);
    if (str) {
        // *p = s: the string's characters and NUL, at most the type's size;
        // the assignment's value is the string where it now is.
        Reg sr = slotReg(v.slot, R0);
        b_.mov(R1, R3);
        b_.mov(R3, sr);
        faultIf(Cond::Eq, R3, 0, Fault::BadAddr, R3); // a NULL string
        b_.mov(R2, static_cast<int32_t>(sz));
        b_.call(BPF_FUNC_probe_read_kernel_str);
    } else {
        Reg vr = slotReg(v.slot, R2);
        b_.store(bpf::sizeFor(sz), R3, 0, vr);
        // The assignment's value: the stored one.
        Reg vr2 = slotReg(v.slot, R2);
        setSlot(addr.slot, vr2);
    }
    pop();
    addr.type = e.type;
    return addr;
}

void ClauseGen::writableAt(unsigned sz) {
    Label done = b_.newLabel();
    if (sema_.globalsSize >= GlobalsLayout::kUser + sz) {
        // A global variable's bytes: the offset in the globals value, within
        // the variables' part.
        Label notGlobal = b_.newLabel();
        b_.loadMapValue(R3, kMapGlobals, 0);
        asNumber(R3);
        b_.mov(R4, R1);
        b_.alu(Alu::Sub, R4, R3);
        b_.jmp(Cond::Lt, R4, GlobalsLayout::kUser, notGlobal);
        b_.jmp(Cond::Gt, R4, static_cast<int32_t>(sema_.globalsSize - sz), notGlobal);
        b_.loadMapValue(R3, kMapGlobals, 0);
        b_.alu(Alu::Add, R3, R4);
        b_.jmp(done);
        b_.bind(notGlobal);
    }
    b_.mov(R2, static_cast<int32_t>(sz));
    allocaRange(R2, DctxLayout::kAllocaSize, Fault::BadUserAddr);
    b_.mov(R3, R1);
    b_.alu(Alu::Add, R3, R9);
    b_.alu(Alu::Add, R3, DctxLayout::kAlloca);
    b_.bind(done);
}

void ClauseGen::allocaRange(Reg size, int maxSize, Fault beyondTop) {
    // off = addr - the alloca area's address (as a number); the unsigned
    // check off + size <= top also refuses addresses below the area.
    asNumber(R5, R1);
    b_.load(Size::DW, R4, R9, DctxLayout::kAllocaBase);
    b_.alu(Alu::Sub, R5, R4);
    b_.load(Size::DW, R4, R9, DctxLayout::kAllocaTop);
    // (Store faults show the address in hex however small, as DTrace.)
    faultIf(Cond::Gt, R5, maxSize, Fault::BadUserAddr, R1);
    b_.mov(R0, R5);
    b_.alu(Alu::Add, R0, size);
    Label ok = b_.newLabel(), stub = b_.newLabel();
    b_.jmp(Cond::Gt, R0, R4, stub);
    b_.jmp(ok);
    emitFaultStub(stub, beyondTop, R1, ok);
    b_.bind(ok);
    b_.mov(R1, R5);
}

// Adds one to a per-CPU drop counter.
void ClauseGen::countDrop(int offset) {
    b_.storeImm(Size::W, R10, kTmpKey, 0);
    b_.loadMapFd(R1, kMapDrops);
    b_.mov(R2, R10);
    b_.alu(Alu::Add, R2, kTmpKey);
    b_.call(BPF_FUNC_map_lookup_elem);
    Label none = b_.newLabel();
    b_.jmp(Cond::Eq, R0, 0, none);
    b_.mov(R1, 1);
    b_.atomicAdd(Size::DW, R0, static_cast<int16_t>(offset), R1);
    b_.bind(none);
}

// Speculative tracing.  A speculation is a state word (free/active) that
// speculation() claims with compare-and-exchange.  Records of a clause that
// speculates carry the id, and the consumer holds them until a commit or
// discard record for that id arrives in the buffer after them; the id is
// free again at once, since later records of a new speculation on it come
// after the commit record.
Val ClauseGen::specSubr(const Call& c) {
    Func f = static_cast<Func>(c.funcId);
    uint32_t base = globals_.specStates();
    int n = static_cast<int>(globals_.nspec);
    if (f == Func::Speculation) {
        int s = push();
        Label got = b_.newLabel(), out = b_.newLabel();
        for (int i = 1; i <= n; i++) {
            b_.loadMapValue(R1, kMapGlobals, base + 8 * i);
            b_.mov(R0, 0);
            b_.mov(R2, 1);
            b_.atomicCmpXchg(Size::DW, R1, 0, R2);
            b_.mov(R3, i);
            b_.jmp(Cond::Eq, R0, 0, got);
        }
        // None free: busy if one is still being committed, else none.
        Label busy = b_.newLabel(), failed = b_.newLabel();
        for (int i = 1; i <= n; i++) {
            b_.loadMapValue(R1, kMapGlobals, base + 8 * i);
            b_.load(Size::DW, R1, R1, 0);
            b_.jmp(Cond::Eq, R1, kSpecCommitting, busy);
        }
        countDrop(DropsLayout::kSpecUnavail);
        b_.jmp(failed);
        b_.bind(busy);
        countDrop(DropsLayout::kSpecBusy);
        b_.bind(failed);
        b_.mov(R0, 0);
        setSlot(s, R0);
        b_.jmp(out);
        b_.bind(got);
        setSlot(s, R3);
        b_.bind(out);
        Val v;
        v.slot = s;
        v.type = c.type;
        return v;
    }
    Val id = materialize(expr(*c.args[0]));
    Reg ir = slotReg(id.slot, R4);
    if (ir != R4) b_.mov(R4, ir);
    pop();
    if (!abort_.valid()) abort_ = b_.newLabel();
    if (f == Func::Speculate) {
        // An id that is not an active speculation: the clause does nothing.
        usedAbort_ = true;
        b_.jmp(Cond::Eq, R4, 0, abort_);
        b_.jmp(Cond::Gt, R4, n, abort_);
        // Note which CPUs hold its records: this one alone, or several.
        b_.store(Size::DW, R10, kTmpKey, R4);
        b_.call(BPF_FUNC_get_smp_processor_id);
        b_.mov(R5, R0);
        b_.alu(Alu::Or, R5, static_cast<int32_t>(kSpecActiveOne));
        b_.load(Size::DW, R4, R10, kTmpKey);
        b_.alu(Alu::Lsh, R4, 3);
        b_.loadMapValue(R2, kMapGlobals, base);
        b_.alu(Alu::Add, R2, R4);
        b_.load(Size::DW, R0, R2, 0);
        b_.jmp(Cond::Eq, R0, kSpecInactive, abort_);
        b_.jmp(Cond::Eq, R0, kSpecCommitting, abort_);
        Label noted = b_.newLabel(), many = b_.newLabel();
        b_.jmp(Cond::Eq, R0, R5, noted);
        b_.jmp(Cond::Eq, R0, kSpecActiveMany, noted);
        b_.jmp(Cond::Ne, R0, kSpecActive, many);
        b_.mov(R3, R5);
        b_.atomicCmpXchg(Size::DW, R2, 0, R3);
        b_.jmp(Cond::Eq, R0, kSpecActive, noted);
        // Another CPU got there first (or it was committed meanwhile).
        b_.jmp(Cond::Eq, R0, R5, noted);
        b_.jmp(Cond::Eq, R0, kSpecInactive, noted);
        b_.jmp(Cond::Eq, R0, kSpecCommitting, noted);
        b_.bind(many);
        b_.mov(R3, kSpecActiveMany);
        b_.atomicCmpXchg(Size::DW, R2, 0, R3);
        b_.bind(noted);
        b_.load(Size::DW, R4, R10, kTmpKey);
        if (recordLive_) {
            uint32_t off = reserveField(4, 4);
            if (describe_) info_.specOffset = static_cast<int>(off);
            b_.store(Size::W, R8, static_cast<int16_t>(off), R4);
        }
    } else {
        // commit()/discard(): an id outside 1..nspec is an illegal
        // operation (0 does nothing); then a control record.
        Label skip = b_.newLabel();
        faultIf(Cond::Sgt, R4, n, Fault::IllOp, R0);
        faultIf(Cond::Slt, R4, 0, Fault::IllOp, R0);
        b_.jmp(Cond::Eq, R4, 0, skip);
        b_.store(Size::DW, R10, kTmpKey, R4);
        // The record on the stack, below the temporaries.
        constexpr int16_t rec = kTmpKey - 8 - static_cast<int16_t>(sizeof(SpecRecord));
        b_.load(Size::W, R1, R9, DctxLayout::kProbeId);
        b_.store(Size::W, R10, rec, R1);
        b_.storeImm(Size::H, R10, rec + 4, kSpecRecord);
        b_.call(BPF_FUNC_get_smp_processor_id);
        b_.store(Size::H, R10, rec + 6, R0);
        b_.load(Size::DW, R4, R10, kTmpKey);
        b_.store(Size::W, R10, rec + 8, R4);
        b_.storeImm(Size::W, R10, rec + 12, f == Func::Commit ? kSpecCommit : kSpecDiscard);
        // Records of this CPU alone: the speculation is free once the
        // control record follows them.  Records of other CPUs: it is busy
        // until the consumer has read the control record (made busy first,
        // since the consumer frees it then).
        constexpr int16_t freeAfter = kTmpKey - 8; // the state to free from, or -1
        b_.storeImm(Size::DW, R10, freeAfter, -1);
        b_.alu(Alu::Lsh, R4, 3);
        b_.loadMapValue(R2, kMapGlobals, base);
        b_.alu(Alu::Add, R2, R4);
        b_.load(Size::H, R5, R10, rec + 6);
        b_.alu(Alu::Or, R5, static_cast<int32_t>(kSpecActiveOne));
        b_.load(Size::DW, R0, R2, 0);
        Label local = b_.newLabel(), emit = b_.newLabel();
        b_.jmp(Cond::Eq, R0, kSpecActive, local);
        b_.jmp(Cond::Eq, R0, R5, local);
        b_.jmp(Cond::Eq, R0, kSpecInactive, emit);
        b_.jmp(Cond::Eq, R0, kSpecCommitting, emit);
        b_.mov(R3, kSpecCommitting);
        b_.atomicCmpXchg(Size::DW, R2, 0, R3);
        b_.jmp(emit);
        b_.bind(local);
        b_.store(Size::DW, R10, freeAfter, R0);
        b_.bind(emit);
        b_.loadMapFd(R1, kMapRingbuf);
        b_.mov(R2, R10);
        b_.alu(Alu::Add, R2, rec);
        b_.mov(R3, static_cast<int32_t>(sizeof(SpecRecord)));
        b_.mov(R4, 0);
        b_.call(BPF_FUNC_ringbuf_output);
        b_.load(Size::DW, R0, R10, freeAfter);
        b_.jmp(Cond::Eq, R0, -1, skip);
        b_.load(Size::DW, R4, R10, kTmpKey);
        b_.alu(Alu::Lsh, R4, 3);
        b_.loadMapValue(R2, kMapGlobals, base);
        b_.alu(Alu::Add, R2, R4);
        b_.mov(R3, kSpecInactive);
        b_.atomicCmpXchg(Size::DW, R2, 0, R3);
        b_.bind(skip);
    }
    Val v;
    v.kind = Val::Kind::ConstInt;
    v.type = c.type;
    return v;
}

const sema::DynVar& ClauseGen::dynVar(const Expr& e) const {
    if (e.kind == ExprKind::Index) return sema_.arrays.at(as<Index>(e).arrayIndex);
    auto& m = as<Member>(e);
    return m.varKind == 1 ? sema_.selfVars.at(m.varIndex) : sema_.thisVars.at(m.varIndex);
}

void ClauseGen::dynKey(const Expr& e, const std::vector<Val>* vals) {
    if (e.kind == ExprKind::Member) {
        b_.call(BPF_FUNC_get_current_pid_tgid);
        b_.store(Size::DW, R10, kVarKey, R0);
        return;
    }
    auto& ix = as<Index>(e);
    if (vals)
        writeKey(dyn_->arrayKeys.at(ix.arrayIndex), ix.keys, *vals, globals_.str.arrKey);
    else
        buildKey(dyn_->arrayKeys.at(ix.arrayIndex), ix.keys, globals_.str.arrKey);
    if (int tid = dyn_->arrayTidOffset.at(ix.arrayIndex); tid >= 0) {
        b_.call(BPF_FUNC_get_current_pid_tgid);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, globals_.str.arrKey + tid);
        b_.store(Size::DW, R1, 0, R0);
    }
}

void ClauseGen::buildKey(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs,
                         int base) {
    std::vector<Val> vals = keyValues(keys, exprs);
    writeKey(keys, exprs, vals, base);
    for (const Val& v : vals)
        if (v.slot >= 0) pop();
}

// Each key part but symbols (which are captured as they are written), one
// eval-stack slot each.
std::vector<Val> ClauseGen::keyValues(const std::vector<AggKey>& keys,
                                      const std::vector<ExprPtr>& exprs) {
    std::vector<Val> vals(keys.size());
    for (size_t k = 0; k < keys.size(); k++) {
        if (keys[k].isBytes)
            vals[k] = structAddress(*exprs[k]);
        else if (keys[k].symbol == SymbolKind::None)
            vals[k] = materialize(expr(*exprs[k]));
    }
    return vals;
}

// Writes a tuple key into the context at `base`: integers as 8 bytes,
// strings zero-filled so that equal strings make equal keys.
void ClauseGen::writeKey(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs,
                         const std::vector<Val>& vals, int base) {
    for (size_t k = 0; k < keys.size(); k++) {
        const AggKey& key = keys[k];
        int32_t off = base + static_cast<int32_t>(key.offset);
        if (key.symbol != SymbolKind::None) {
            symbolKey(key, *exprs[k], off);
            continue;
        }
        // (Addresses computed: the key may be past int16 offsets.)
        if (key.isBytes || key.isString) {
            // A struct's bytes, or a string's characters, zero-filled.
            b_.mov(R1, R9);
            b_.alu(Alu::Add, R1, off);
            zeroFill(R1, key.size);
            Reg src = slotReg(vals[k].slot, R3);
            if (src != R3) b_.mov(R3, src);
            if (key.isBytes) {
                b_.mov(R2, static_cast<int32_t>(exprs[k]->type->resolve()->size));
                b_.call(BPF_FUNC_probe_read_kernel);
            } else {
                b_.mov(R2, static_cast<int32_t>(std::min<uint32_t>(key.size, globals_.strLen)));
                b_.call(BPF_FUNC_probe_read_kernel_str);
            }
        } else {
            Reg r = slotReg(vals[k].slot, R1);
            b_.mov(R2, R9);
            b_.alu(Alu::Add, R2, off);
            b_.store(Size::DW, R2, 0, r);
        }
    }
}

static void keyPtr(Builder& b, const Expr& e, int arrKey) {
    if (e.kind == ExprKind::Member) {
        b.mov(R2, R10);
        b.alu(Alu::Add, R2, kVarKey);
    } else {
        b.mov(R2, R9);
        b.alu(Alu::Add, R2, arrKey);
    }
}

// A struct or union dynamic variable lives in its map's value.  Absent, it
// reads as zeros (the globals' zero area); to be written it is made,
// zero-filled, and when its map is full the drop is counted and the
// writes go to the globals' sink.
void ClauseGen::dynElement(const Expr& var, bool create) {
    uint32_t size = static_cast<uint32_t>(var.type->resolve()->size);
    int map = dynMap(var);
    dynKey(var);
    auto lookup = [&] {
        b_.loadMapFd(R1, map);
        keyPtr(b_, var, globals_.str.arrKey);
        b_.call(BPF_FUNC_map_lookup_elem);
    };
    Label done = b_.newLabel();
    lookup();
    b_.jmp(Cond::Ne, R0, 0, done);
    if (!create) {
        b_.loadMapValue(R0, kMapGlobals, globals_.zeros(size));
        b_.bind(done);
        return;
    }
    b_.loadMapFd(R1, map);
    keyPtr(b_, var, globals_.str.arrKey);
    b_.loadMapValue(R3, kMapGlobals, globals_.zeros(dynValueSize(var.type)));
    b_.mov(R4, BPF_NOEXIST);
    b_.call(BPF_FUNC_map_update_elem);
    lookup(); // (made here or, meanwhile, on another CPU)
    b_.jmp(Cond::Ne, R0, 0, done);
    countDrop(DropsLayout::kDynvar);
    b_.loadMapValue(R0, kMapGlobals, globals_.sink(size));
    b_.bind(done);
}

void ClauseGen::deleteDyn(const Expr& var) {
    dynKey(var);
    b_.loadMapFd(R1, dynMap(var));
    keyPtr(b_, var, globals_.str.arrKey);
    b_.call(BPF_FUNC_map_delete_elem);
}

Val ClauseGen::loadDyn(const Expr& e, const std::vector<Val>* keys) {
    const sema::DynVar& var = dynVar(e);
    if (isStructOrUnion(var.type->resolve()) &&
        !(e.kind == ExprKind::Member && as<Member>(e).varKind == 2))
        fail(Tag::D_UNKNOWN, e.loc,
             "variables of type {} are not supported by the code generator here yet",
             var.type->name);
    bool str = var.type->isString();
    Val v;
    v.type = e.type;
    if (e.kind == ExprKind::Member && as<Member>(e).varKind == 2) {
        int s = push();
        // (The address computed: the offset may be past int16.)
        b_.mov(R0, R9);
        b_.alu(Alu::Add, R0, thisOffset(e));
        if (!str)
            b_.load(Size::DW, R0, R0, 0);
        else
            nullIfMarked(R0, R1);
        setSlot(s, R0);
        v.slot = s;
        return v;
    }
    dynKey(e, keys);
    int map = e.kind == ExprKind::Member ? dyn_->self.at(as<Member>(e).varIndex)
                                         : dyn_->arrays.at(as<Index>(e).arrayIndex);
    b_.loadMapFd(R1, map);
    keyPtr(b_, e, globals_.str.arrKey);
    b_.call(BPF_FUNC_map_lookup_elem);
    Label found = b_.newLabel(), done = b_.newLabel();
    b_.jmp(Cond::Ne, R0, 0, found);
    b_.mov(R0, 0); // absent: 0, or a string's NULL
    b_.jmp(done);
    b_.bind(found);
    if (!str) b_.load(Size::DW, R0, R0, 0);
    b_.bind(done);
    int s = push();
    setSlot(s, R0);
    v.slot = s;
    return v;
}

void ClauseGen::storeDyn(const Expr& e, const Val& vIn, const std::vector<Val>* keys) {
    const sema::DynVar& var = dynVar(e);
    if (isStructOrUnion(var.type->resolve()))
        fail(Tag::D_UNKNOWN, e.loc, "internal error: a struct stored as a scalar");
    bool str = var.type->isString();
    bool pushed = vIn.kind != Val::Kind::Slot;
    Val v = materialize(vIn);
    if (e.kind == ExprKind::Member && as<Member>(e).varKind == 2) {
        int32_t off = thisOffset(e);
        Reg r = slotReg(v.slot, R3);
        if (str) {
            if (r != R3) b_.mov(R3, r);
            b_.mov(R1, R9);
            b_.alu(Alu::Add, R1, off);
            storeString();
        } else {
            b_.mov(R1, r);
            normalize(R1, var.type);
            b_.mov(R2, R9);
            b_.alu(Alu::Add, R2, off);
            b_.store(Size::DW, R2, 0, R1);
        }
        if (pushed) pop();
        return;
    }
    dynKey(e, keys);
    int map = e.kind == ExprKind::Member ? dyn_->self.at(as<Member>(e).varIndex)
                                         : dyn_->arrays.at(as<Index>(e).arrayIndex);
    Label done = b_.newLabel();
    Reg r = slotReg(v.slot, R3);
    if (!str) {
        // Assigning zero deletes the variable, as in DTrace.
        Label nonzero = b_.newLabel();
        b_.mov(R3, r);
        normalize(R3, var.type);
        b_.jmp(Cond::Ne, R3, 0, nonzero);
        b_.loadMapFd(R1, map);
        keyPtr(b_, e, globals_.str.arrKey);
        b_.call(BPF_FUNC_map_delete_elem);
        b_.jmp(done);
        b_.bind(nonzero);
        b_.store(Size::DW, R10, kVarVal, R3);
        b_.mov(R3, R10);
        b_.alu(Alu::Add, R3, kVarVal);
    } else {
        // So does assigning NULL to a string.
        Label nonnull = b_.newLabel();
        if (r != R3) b_.mov(R3, r);
        b_.jmp(Cond::Ne, R3, 0, nonnull);
        b_.loadMapFd(R1, map);
        keyPtr(b_, e, globals_.str.arrKey);
        b_.call(BPF_FUNC_map_delete_elem);
        b_.jmp(done);
        b_.bind(nonnull);
    }
    b_.loadMapFd(R1, map);
    keyPtr(b_, e, globals_.str.arrKey);
    b_.mov(R4, BPF_ANY);
    b_.call(BPF_FUNC_map_update_elem);
    b_.jmp(Cond::Eq, R0, 0, done);
    countDrop(DropsLayout::kDynvar);
    b_.bind(done);
    if (pushed) pop();
}

Val ClauseGen::assign(const Assign& e) {
    if (e.lhs->kind == ExprKind::AggRef) return aggUpdate(e, as<AggRef>(*e.lhs));
    if (e.lhs->kind == ExprKind::Index && as<Index>(*e.lhs).base->kind == ExprKind::AggRef)
        return aggUpdate(e, as<AggRef>(*as<Index>(*e.lhs).base));
    if (e.op) return update(*e.lhs, e.op, e.rhs.get(), 0, false, e.type, e.loc);
    if (isStructOrUnion(e.lhs->type->resolve()) && assignStruct(e)) {
        Val v;
        v.kind = Val::Kind::ConstInt;
        v.type = e.type;
        return v;
    }
    if (isDyn(*e.lhs)) {
        Val v = expr(*e.rhs);
        storeDyn(*e.lhs, v);
        v.type = e.type;
        return v;
    }
    if (auto f = globalField(*e.lhs); f && !e.op) {
        Val v = expr(*e.rhs);
        storeField(*f, v);
        v.type = e.type;
        return v;
    }
    if (isVarElement(*e.lhs)) {
        const Type* et = e.lhs->type->resolve();
        unsigned sz = static_cast<unsigned>(et->size);
        if (!et->isScalar() || (sz != 1 && sz != 2 && sz != 4 && sz != 8))
            fail(Tag::D_UNKNOWN, e.loc, "elements of type {} are not supported here yet",
                 e.lhs->type->name);
        Val a = varElementAddress(as<Index>(*e.lhs), true);
        Val v = materialize(expr(*e.rhs));
        Reg vr = slotReg(v.slot, R2);
        Reg ar = slotReg(a.slot, R1);
        b_.store(bpf::sizeFor(sz), ar, 0, vr);
        Reg vr2 = slotReg(v.slot, R2);
        setSlot(a.slot, vr2);
        pop();
        a.type = e.type;
        return a;
    }
    if (inMemory(*e.lhs) && !e.op) return storeThrough(e);
    if (e.lhs->kind != ExprKind::Ident || (!e.lhs->type->isScalar() && !e.lhs->type->isString()))
        fail(Tag::D_UNKNOWN, e.loc, "assignment to {} is not supported by the code generator yet",
             e.lhs->kind == ExprKind::Ident ? "a variable of type " + e.lhs->type->name
                                            : std::string("this lvalue"));
    auto& id = as<Ident>(*e.lhs);
    Val v = expr(*e.rhs);
    if (!e.lhs->type->isString() && v.kind == Val::Kind::Slot) {
        Reg r = slotReg(v.slot, R2);
        normalize(r, e.lhs->type);
        if (r == R2) setSlot(v.slot, R2);
    }
    storeGlobal(id.index, v);
    v.type = e.type;
    return v;
}

// R1 = R1 op R2 (division by zero faults).
void ClauseGen::applyOp(BinaryOp bop, bool isSigned, Loc loc) {
    std::optional<Alu> aop = aluFor(bop, isSigned);
    if (!aop) fail(Tag::D_UNKNOWN, loc, "operator not supported yet");
    Alu op = *aop;
    if (op == Alu::Div || op == Alu::Mod) faultIf(Cond::Eq, R2, 0, Fault::DivZero, R0);
    if ((op == Alu::Div || op == Alu::Mod) && isSigned) {
        struct bpf_insn in {};
        in.code = static_cast<uint8_t>(BPF_ALU64 | static_cast<uint8_t>(op) | BPF_X);
        in.dst_reg = R1;
        in.src_reg = R2;
        in.off = 1;
        b_.emit(in);
    } else {
        b_.alu(op, R1, R2);
    }
}

Val ClauseGen::update(const Expr& lhs, std::optional<BinaryOp> op, const Expr* rhs, int64_t delta,
                      bool post, const Type* type, Loc loc) {
    int base = depth_;
    const Type* lt = lhs.type->resolve();
    bool isSigned = lt->isSigned;
    // Pointers step by their target's size.
    int64_t scale = 1;
    if (lt->kind == Type::Kind::Pointer && lt->target)
        scale = std::max<int64_t>(1, static_cast<int64_t>(lt->target->resolve()->size));
    // R1 = the new value from the old one in R1 and the operand in slot
    // `rs` (or the delta), normalized to the lvalue's type.
    auto combine = [&](int rs) {
        if (rhs) {
            Reg br = slotReg(rs, R2);
            if (br != R2) b_.mov(R2, br);
            if (scale > 1 && (*op == BinaryOp::Add || *op == BinaryOp::Sub))
                b_.alu(Alu::Mul, R2, static_cast<int32_t>(scale));
            applyOp(*op, isSigned, loc);
        } else {
            b_.alu(Alu::Add, R1, static_cast<int32_t>(delta * scale));
        }
        normalize(R1, lhs.type);
    };
    // The result into `base`, the slots above it released.
    auto finish = [&](int resultSlot) {
        Reg r = slotReg(resultSlot, R0);
        setSlot(base, r);
        depth_ = base + 1;
        Val v;
        v.slot = base;
        v.type = type;
        return v;
    };
    if (inMemory(lhs)) {
        // Memory D may write: alloca()'d scratch.
        unsigned sz = static_cast<unsigned>(lt->size);
        if (!lt->isScalar() || (sz != 1 && sz != 2 && sz != 4 && sz != 8))
            fail(Tag::D_UNKNOWN, loc, "stores of type {} through pointers are not supported yet",
                 lhs.type->name);
        Type::Member field;
        Val addr = address(lhs, &field);
        if (field.bitWidth)
            fail(Tag::D_UNKNOWN, loc,
                 "stores to bit-fields through pointers are not supported yet");
        int rs = rhs ? materialize(expr(*rhs)).slot : -1;
        Reg ar = slotReg(addr.slot, R1);
        if (ar != R1) b_.mov(R1, ar);
        writableAt(sz);
        b_.load(bpf::sizeFor(sz), R1, R3, 0);
        normalize(R1, lhs.type);
        if (post) setSlot(addr.slot, R1);
        combine(rs);
        b_.store(bpf::sizeFor(sz), R3, 0, R1);
        if (!post) setSlot(addr.slot, R1);
        return finish(addr.slot);
    }
    Val cur;
    std::vector<Val> keys;
    std::optional<FieldRef> field;
    if (isDyn(lhs)) {
        if (lhs.kind == ExprKind::Index) {
            auto& ix = as<Index>(lhs);
            keys = keyValues(dyn_->arrayKeys.at(ix.arrayIndex), ix.keys);
        }
        cur = loadDyn(lhs, lhs.kind == ExprKind::Index ? &keys : nullptr);
    } else if ((field = globalField(lhs))) {
        if (field->bitWidth) fail(Tag::D_UNKNOWN, loc, "operator not supported yet on bit-fields");
        bindField(*field, true); // (in `base`, which finish() reuses)
        cur = loadField(*field, lhs.type);
    } else if (lhs.kind == ExprKind::Ident && as<Ident>(lhs).ref == Ident::Ref::Global &&
               lt->isScalar()) {
        cur = materialize(expr(lhs));
    } else {
        fail(Tag::D_UNKNOWN, loc,
             "assignment to this lvalue is not supported by the code generator yet");
    }
    int rs = rhs ? materialize(expr(*rhs)).slot : -1;
    Reg cr = slotReg(cur.slot, R1);
    if (cr != R1) b_.mov(R1, cr);
    combine(rs);
    Val nv;
    nv.slot = push();
    setSlot(nv.slot, R1);
    if (isDyn(lhs))
        storeDyn(lhs, nv, lhs.kind == ExprKind::Index ? &keys : nullptr);
    else if (field)
        storeField(*field, nv);
    else
        storeGlobal(as<Ident>(lhs).index, nv);
    return finish(post ? cur.slot : nv.slot);
}

void ClauseGen::recordBytes(const Val& p, uint32_t off, uint32_t n) {
    Label ok = b_.newLabel();
    for (int helper : {BPF_FUNC_probe_read_kernel, BPF_FUNC_probe_read_user}) {
        Reg src = slotReg(p.slot, R3);
        if (src != R3) b_.mov(R3, src);
        b_.mov(R1, R8);
        b_.alu(Alu::Add, R1, static_cast<int32_t>(off));
        b_.mov(R2, static_cast<int32_t>(n));
        b_.call(helper);
        b_.jmp(Cond::Eq, R0, 0, ok);
    }
    Reg src = slotReg(p.slot, R3);
    if (src != R3) b_.mov(R3, src);
    faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
    b_.bind(ok);
}

uint32_t ClauseGen::reserveField(uint32_t size, uint32_t align) {
    recOff_ = (recOff_ + align - 1) / align * align;
    uint32_t off = recOff_;
    recOff_ += size;
    return off;
}

// Evaluates an action argument into the record (or as a constant source).
ValueSource ClauseGen::recordValue(const Expr& e, bool whole) {
    if (e.type && e.type->resolve()->symbol != SymbolKind::None) return symbolValue(e);
    Val v = expr(e);
    // trace() under -x rawbytes shows a string's whole field: constant and
    // probe strings are recorded too.
    if (whole && (v.kind == Val::Kind::ConstStr || v.kind == Val::Kind::ProbeStr))
        v = materialize(v);
    ValueSource src;
    switch (v.kind) {
    case Val::Kind::ConstInt: {
        const Type* r = e.type->resolve();
        src.kind = ValueSource::Kind::ConstInt;
        src.intValue = v.c;
        src.size = static_cast<uint32_t>(r->size ? r->size : 8);
        src.isSigned = r->isSigned;
        return src;
    }
    case Val::Kind::ConstStr:
        src.kind = ValueSource::Kind::ConstString;
        src.strValue = v.s;
        src.isString = true;
        return src;
    case Val::Kind::ProbeStr:
        src.kind = v.field;
        src.isString = true;
        return src;
    case Val::Kind::Slot:
        break;
    }
    const Type* r = e.type->resolve();
    if (r->kind == Type::Kind::String || v.isString()) {
        // (v.isString(): a char array in memory, which yields its address.)
        uint32_t off = reserveField(globals_.strLen, 1);
        if (globals_.zeroStrings) {
            // (Shown whole by -x rawbytes: zeros after the NUL.)
            b_.mov(R1, R8);
            b_.alu(Alu::Add, R1, static_cast<int32_t>(off));
            b_.mov(R2, static_cast<int32_t>(globals_.strLen));
            b_.loadMapValue(R3, kMapGlobals, globals_.zeros(globals_.strLen));
            b_.call(BPF_FUNC_probe_read_kernel);
        }
        Reg p = slotReg(v.slot, R3);
        if (p != R3) b_.mov(R3, p);
        b_.mov(R1, R8);
        b_.alu(Alu::Add, R1, static_cast<int32_t>(off));
        b_.mov(R2, static_cast<int32_t>(globals_.strLen));
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.call(BPF_FUNC_probe_read_kernel_str);
        // An unreadable string (NULL, say) faults, as in DTrace.
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Slt, R0, 0, Fault::BadUserAddr, R3);
        pop();
        src.offset = off;
        src.size = globals_.strLen;
        src.isString = true;
        return src;
    }
    uint32_t sz = static_cast<uint32_t>(r->size);
    if (sz != 1 && sz != 2 && sz != 4 && sz != 8) sz = 8;
    uint32_t off = reserveField(sz, sz);
    Reg val = slotReg(v.slot, R1);
    b_.store(bpf::sizeFor(sz), R8, static_cast<int16_t>(off), val);
    pop();
    src.offset = off;
    src.size = sz;
    src.isSigned = r->isSigned || r->kind == Type::Kind::Pointer ? r->isSigned : false;
    return src;
}

void ClauseGen::action(const Call& c) {
    Action a;
    switch (static_cast<Func>(c.funcId)) {
    case Func::Trace:
        if (const Type* t = c.args[0]->type->resolve();
            isStructOrUnion(t) || (t->kind == Type::Kind::Array && t->target &&
                                   !t->target->resolve()->isChar && t->size)) {
            // A struct, union or (non-char) array: its bytes, shown as
            // tracemem() shows them.
            a.kind = Action::Kind::Tracemem;
            auto n = static_cast<uint32_t>(std::min<uint64_t>(t->size, 16384));
            Val p = isStructOrUnion(t)     ? structAddress(*c.args[0])
                    : inMemory(*c.args[0]) ? address(*c.args[0], nullptr)
                                           : materialize(expr(*c.args[0]));
            uint32_t off = reserveField(n, 8);
            recordBytes(p, off, n);
            pop();
            ValueSource bytes;
            bytes.offset = off;
            bytes.size = n;
            a.args.push_back(bytes);
            break;
        }
        a.kind = Action::Kind::Trace;
        traceArg_ = true;
        a.args.push_back(recordValue(*c.args[0], globals_.zeroStrings));
        traceArg_ = false;
        break;
    case Func::Printf:
        a.kind = Action::Kind::Printf;
        a.format = c.format;
        for (size_t i = 1; i < c.args.size(); i++)
            a.args.push_back(printfValue(c, i));
        break;
    case Func::Exit: {
        a.kind = Action::Kind::Exit;
        a.args.push_back(recordValue(*c.args[0]));
        b_.loadMapValue(R1, kMapGlobals, GlobalsLayout::kState);
        b_.storeImm(Size::W, R1, 0, kStateDraining);
        exitSeen_ = true;
        break;
    }
    case Func::Printa:
        a.kind = Action::Kind::Printa;
        a.aggs = c.aggIds;
        a.format = c.format;
        break;
    case Func::System:
    case Func::Freopen:
        // The consumer formats the command and runs it, or the file name
        // and opens it.
        a.kind = static_cast<Func>(c.funcId) == Func::System ? Action::Kind::System
                                                             : Action::Kind::Freopen;
        a.format = c.format;
        for (size_t i = 1; i < c.args.size(); i++)
            a.args.push_back(recordValue(*c.args[i]));
        *destructive_ = true;
        break;
    case Func::Ftruncate:
        a.kind = Action::Kind::Ftruncate;
        *destructive_ = true;
        break;
    case Func::Raise:
    case Func::Stop:
    case Func::Chill:
    case Func::Copyout:
    case Func::Copyoutstr:
        destructiveAction(c);
        return;
    case Func::Panic:
    case Func::Breakpoint:
        fail(Tag::D_UNKNOWN, c.loc, "{}( ) is not supported: it would stop the whole system",
             c.func);
    case Func::Normalize:
    case Func::Denormalize:
    case Func::Trunc:
    case Func::Clear: {
        Func f = static_cast<Func>(c.funcId);
        a.kind = f == Func::Normalize     ? Action::Kind::Normalize
                 : f == Func::Denormalize ? Action::Kind::Denormalize
                 : f == Func::Trunc       ? Action::Kind::Trunc
                                          : Action::Kind::Clear;
        a.aggs = c.aggIds;
        if (c.args.size() > 1) a.args.push_back(recordValue(*c.args[1]));
        break;
    }
    case Func::Tracemem: {
        // The bytes at the address, from kernel memory or else user memory.
        a.kind = Action::Kind::Tracemem;
        auto n = static_cast<uint32_t>(std::min<uint64_t>(as<IntLit>(*c.args[1]).value, 16384));
        Val p = materialize(expr(*c.args[0]));
        uint32_t off = reserveField(n, 8);
        recordBytes(p, off, n);
        pop();
        ValueSource bytes;
        bytes.offset = off;
        bytes.size = n;
        a.args.push_back(bytes);
        if (c.args.size() > 2) a.args.push_back(recordValue(*c.args[2]));
        break;
    }
    case Func::Print:
        printAction(c, a);
        break;
    case Func::Setopt:
        a.kind = Action::Kind::Setopt;
        for (const auto& arg : c.args)
            a.args.push_back(recordValue(*arg));
        break;
    case Func::Stack:
    case Func::Ustack:
    case Func::Sym:
    case Func::Kfunc:
    case Func::Mod:
    case Func::Usym:
    case Func::Ufunc:
    case Func::Umod:
    case Func::Uaddr:
        // As statements these trace their value (DTrace's default action).
        a.kind = Action::Kind::Trace;
        a.args.push_back(symbolValue(c));
        break;
    default:
        return; // aggregating functions are handled by aggUpdate
    }
    if (conditional_ > 0 && recordLive_) {
        uint32_t off = flags_.at(nextFlag_++);
        b_.storeImm(Size::B, R8, static_cast<int16_t>(off), 1);
        a.flagOffset = static_cast<int>(off);
    }
    if (describe_) info_.actions.push_back(std::move(a));
}

// print(): the address and the bytes there (kernel memory, else user
// memory; D storage is kernel memory too), at most kMaxPrintBytes of them;
// the consumer shows them by the type's table entry.
void ClauseGen::printAction(const Call& c, Action& a) {
    const Expr& arg = *c.args[0];
    const Type* r = arg.type->resolve();
    bool pointer = r->kind == Type::Kind::Pointer;
    const Type* shown = pointer ? r->target : arg.type;
    a.kind = Action::Kind::Print;
    a.printType = globals_.printTypes.add(shown);
    auto n =
        static_cast<uint32_t>(std::min<uint64_t>(shown->resolve()->size, output::kMaxPrintBytes));
    Val p;
    if (pointer) {
        p = materialize(expr(arg));
    } else if (arg.kind == ExprKind::Ident && as<Ident>(arg).ref == Ident::Ref::Global) {
        // A D variable: its place in the globals map's value.
        p.slot = push();
        b_.loadMapValue(R0, kMapGlobals, sema_.globals.at(as<Ident>(arg).index).offset);
        setSlot(p.slot, R0);
    } else if (isStructOrUnion(r) && varField(arg, true)) {
        // A this-> or dynamic variable's struct, or a member of a variable.
        p = structAddress(arg);
    } else if (inMemory(arg)) {
        p = address(arg, nullptr);
    } else {
        fail(Tag::D_UNKNOWN, arg.loc, "print( ) of this expression is not supported yet");
    }
    uint32_t addrOff = reserveField(8, 8);
    uint32_t off = reserveField(n, 8);
    Reg pr = slotReg(p.slot, R3);
    b_.store(Size::DW, R8, static_cast<int16_t>(addrOff), pr);
    if (n) recordBytes(p, off, n);
    pop();
    ValueSource addr;
    addr.offset = addrOff;
    addr.size = 8;
    addr.isSigned = false;
    a.args.push_back(addr);
    ValueSource bytes;
    bytes.offset = off;
    bytes.size = n;
    a.args.push_back(bytes);
}

// A symbol value (program/symbols.h) at base+off: a stack copied from what
// the trampoline captured, or an address (and, for user ones, the pid).
void ClauseGen::copySymbol(const Expr& e, SymbolKind k, uint32_t frames, Reg base, int32_t off) {
    if (isStack(k)) {
        b_.mov(R1, base);
        b_.alu(Alu::Add, R1, off);
        b_.mov(R2, static_cast<int32_t>(symbolValueSize(k, frames)));
        b_.mov(R3, R9);
        b_.alu(Alu::Add, R3,
               k == SymbolKind::KernelStack ? DctxLayout::kKStack : DctxLayout::kUStack);
        b_.call(BPF_FUNC_probe_read_kernel);
        return;
    }
    Val v = expr(e);
    Reg r = intoReg(v, R1);
    if (base == R8 && r == R8) fail(Tag::D_UNKNOWN, e.loc, "internal error: symbol register");
    // (Addresses computed: a key's offset in the context may be past int16.)
    b_.mov(R2, base);
    b_.alu(Alu::Add, R2, off);
    b_.store(Size::DW, R2, 0, r);
    if (v.kind == Val::Kind::Slot) pop();
    if (isUserSymbol(k)) {
        b_.call(BPF_FUNC_get_current_pid_tgid);
        b_.alu(Alu::Rsh, R0, 32);
        b_.mov(R1, base);
        b_.alu(Alu::Add, R1, off + 8);
        b_.store(Size::DW, R1, 0, R0);
    }
}

static uint32_t stackDepth(const Type* t, const sema::SemaResult& sema) {
    uint32_t n = t->frames                              ? t->frames
                 : t->symbol == SymbolKind::KernelStack ? sema.stackFrames
                                                        : sema.ustackFrames;
    return std::min({n, sema.maxFrames, kMaxStackFrames});
}

// printf's %a and %A record the address as a symbol (and %A the pid).
ValueSource ClauseGen::printfValue(const Call& c, size_t i) {
    char conv = 0;
    size_t arg = 0;
    if (c.format >= 0)
        for (const output::Segment& seg : sema_.formats.at(c.format).segments()) {
            if (!seg.conv || seg.conv->conv == '%') continue;
            arg += seg.conv->widthStar + seg.conv->precisionStar;
            if (++arg == i) conv = seg.conv->conv;
        }
    if ((conv != 'a' && conv != 'A') || !c.args[i]->type ||
        c.args[i]->type->resolve()->symbol != SymbolKind::None) {
        ValueSource src = recordValue(*c.args[i]);
        // As DTrace: a char or short constant prints as its folded value
        // ((char)0x1ef is 239), not sign-extended from its type's size.
        if (src.kind == ValueSource::Kind::ConstInt && src.size < 4) src.size = 4;
        return src;
    }
    ValueSource src;
    src.symbol = conv == 'A' ? SymbolKind::UserAddr : SymbolKind::KernelAddr;
    src.size = symbolValueSize(src.symbol, 0);
    src.offset = reserveField(src.size, 8);
    src.isSigned = false;
    copySymbol(*c.args[i], src.symbol, 0, R8, static_cast<int32_t>(src.offset));
    return src;
}

ValueSource ClauseGen::symbolValue(const Expr& e) {
    const Type* t = e.type->resolve();
    ValueSource src;
    src.symbol = t->symbol;
    src.frames = isStack(t->symbol) ? stackDepth(t, sema_) : 0;
    src.size = symbolValueSize(src.symbol, src.frames);
    src.offset = reserveField(src.size, 8);
    src.isSigned = false;
    copySymbol(e, src.symbol, src.frames, R8, static_cast<int32_t>(src.offset));
    return src;
}

void ClauseGen::symbolKey(const AggKey& key, const Expr& e, int32_t off) {
    copySymbol(e, key.symbol, key.frames, R9, off);
}

void ClauseGen::stmt(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Expr: {
        actionNo_++;
        const Expr& e = *as<ExprStmt>(s).expr;
        if (e.kind == ExprKind::Call && funcInfo(static_cast<Func>(as<Call>(e).funcId)).isAction) {
            action(as<Call>(e));
        } else {
            Val v = expr(e);
            if (v.kind == Val::Kind::Slot) pop();
        }
        if (depth_ != 0) fail(Tag::D_UNKNOWN, s.loc, "internal error: eval stack unbalanced");
        break;
    }
    case StmtKind::Block:
        for (auto& c : as<Block>(s).stmts)
            stmt(*c);
        break;
    case StmtKind::Empty:
        break;
    case StmtKind::If: {
        auto& i = as<IfStmt>(s);
        // Actions under the condition get a flag byte each, cleared here and
        // set when the action runs, so the consumer skips those not taken.
        int n = countActions(*i.then) + (i.otherwise ? countActions(*i.otherwise) : 0);
        size_t firstFlag = flags_.size();
        if (recordLive_ && conditional_ == 0) {
            for (int k = 0; k < n; k++) {
                uint32_t off = reserveField(1, 1);
                flags_.push_back(off);
                b_.storeImm(Size::B, R8, static_cast<int16_t>(off), 0);
            }
        }
        (void)firstFlag;
        Val c = materialize(expr(*i.cond));
        Reg cr = slotReg(c.slot, R1);
        pop();
        Label elseL = b_.newLabel(), end = b_.newLabel();
        b_.jmp(Cond::Eq, cr, 0, elseL);
        conditional_++;
        stmt(*i.then);
        b_.jmp(end);
        b_.bind(elseL);
        if (i.otherwise) stmt(*i.otherwise);
        conditional_--;
        b_.bind(end);
        break;
    }
    }
}

// Does the clause allocate or write scratch memory (alloca, bcopy,
// copyinto, stores through pointers)?
bool usesAlloca(const Clause& c) {
    bool found = false;
    auto check = [&](const Expr& e) {
        if (e.kind == ExprKind::Call) {
            int f = as<Call>(e).funcId;
            if (f == static_cast<int>(Func::Alloca) || f == static_cast<int>(Func::Bcopy) ||
                f == static_cast<int>(Func::Copyinto))
                found = true;
        }
        if (e.kind == ExprKind::Assign) {
            const Expr& l = *as<Assign>(e).lhs;
            if ((l.kind == ExprKind::Unary && as<Unary>(l).op == UnaryOp::Deref) ||
                (l.kind == ExprKind::Member && as<Member>(l).varKind == 0) ||
                (l.kind == ExprKind::Index && as<Index>(l).arrayIndex < 0))
                found = true;
        }
    };
    // A translated pointer used as a value (not just for a member) is
    // built in scratch memory: count the translations and the member
    // accesses that consume one.
    int translations = 0, consumed = 0;
    auto translation = [&](const Expr& e) {
        if (e.kind == ExprKind::Member && as<Member>(e).xlateValue) consumed++;
        const Expr* x = &e;
        while (x->kind == ExprKind::Ident && as<Ident>(*x).ref == Ident::Ref::Inline &&
               as<Ident>(*x).inlineValue)
            x = as<Ident>(*x).inlineValue;
        if (x->kind == ExprKind::Xlate && x->type &&
            x->type->resolve()->kind == Type::Kind::Pointer)
            translations++;
    };
    auto both = [&](const Expr& e) {
        check(e);
        translation(e);
    };
    if (c.predicate) walk(*c.predicate, both);
    for (auto& s : c.body)
        walk(*s, both);
    return found || translations > consumed;
}

void ClauseGen::generate(const Clause& c, Label entry) {
    faultRec_ = b_.newLabel();
    faultNoRec_ = b_.newLabel();
    done_ = b_.newLabel();
    b_.bind(entry);
    b_.mov(R9, R1);
    // pid and tid used more than once: one helper call for them all.
    int pidUses = 0;
    auto countPid = [&](const Expr& e) {
        if (e.kind != ExprKind::Ident || as<Ident>(e).ref != Ident::Ref::Builtin) return;
        auto bi = static_cast<Builtin>(as<Ident>(e).index);
        pidUses += bi == Builtin::Pid || bi == Builtin::Tid;
    };
    if (c.predicate) walk(*c.predicate, countPid);
    for (const auto& st : c.body)
        walk(*st, countPid);
    pidTgidCached_ = false;
    if (pidUses >= 2) {
        b_.call(BPF_FUNC_get_current_pid_tgid);
        b_.store(Size::DW, R10, kPidTgidWord, R0);
        pidTgidCached_ = true;
    }
    if (usesAlloca(c)) {
        // The clause's scratch memory starts empty; its address is kept as
        // a number too, to check pointers the clause stores through.
        b_.storeImm(Size::DW, R9, DctxLayout::kAllocaTop, 0);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, DctxLayout::kAlloca);
        b_.store(Size::DW, R9, DctxLayout::kAllocaBase, R1);
    }
    bool records = clauseRecords(c);
    if (c.predicate) {
        Val p = materialize(expr(*c.predicate));
        Reg r = slotReg(p.slot, R1);
        pop();
        b_.jmp(Cond::Eq, r, 0, done_);
    }
    if (records) {
        bool charged = globals_.bufPolicy != BufPolicy::Ring;
        if (charged) chargeRecord();
        b_.loadMapFd(R1, kMapRingbuf);
        sizeInsn_ = b_.pc();
        b_.mov(R2, 0); // patched with the record size below
        b_.mov(R3, 0);
        b_.call(BPF_FUNC_ringbuf_reserve);
        Label ok = b_.newLabel();
        b_.jmp(Cond::Ne, R0, 0, ok);
        // The ring buffer itself is full: take the charge back and count a
        // drop on this CPU.
        if (charged) {
            negFootprintInsns_.push_back(b_.pc());
            b_.mov(R1, 0);
            b_.atomicAdd(Size::DW, R8, BufferLayout::kProduced, R1);
        }
        countDrop(DropsLayout::kBuffer);
        b_.jmp(done_);
        b_.bind(ok);
        b_.mov(R8, R0);
        recordLive_ = true;
        b_.load(Size::W, R1, R9, DctxLayout::kProbeId);
        b_.store(Size::W, R8, 0, R1);
        b_.storeImm(Size::H, R8, 4, info_.id);
        if (charged) {
            b_.load(Size::W, R0, R10, kCpuWord);
        } else {
            b_.call(BPF_FUNC_get_smp_processor_id);
        }
        b_.store(Size::H, R8, 6, R0);
    }
    for (auto& s : c.body)
        stmt(*s);
    if (records) {
        b_.mov(R1, R8);
        b_.mov(R2, exitSeen_ ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
        b_.call(BPF_FUNC_ringbuf_submit);
        uint32_t size = (recOff_ + 7) / 8 * 8;
        b_.setImm(sizeInsn_, static_cast<int32_t>(size));
        auto foot = static_cast<int32_t>(recordFootprint(size));
        for (size_t pc : footprintInsns_)
            b_.setImm(pc, foot);
        for (size_t pc : negFootprintInsns_)
            b_.setImm(pc, -foot);
        if (describe_) info_.recordSize = size;
    }
    b_.bind(done_);
    b_.mov(R0, 0);
    b_.exit();
    if (usedAbort_) {
        b_.bind(abort_);
        if (records) {
            b_.mov(R1, R8);
            b_.mov(R2, 0);
            b_.call(BPF_FUNC_ringbuf_discard);
        }
        b_.mov(R0, 0);
        b_.exit();
    }
    // Fault tails: discard the record if one is reserved, then report.
    if (!usedFaultRec_ && !usedFaultNoRec_) return;
    if (usedFaultRec_) {
        b_.bind(faultRec_);
        b_.mov(R1, R8);
        b_.mov(R2, 0);
        b_.call(BPF_FUNC_ringbuf_discard);
        if (!usedFaultNoRec_) b_.jmp(faultNoRec_);
    }
    b_.bind(faultNoRec_);
    if (errorFn_.valid()) {
        usesErrorFn = true;
        b_.storeImm(Size::W, R9, DctxLayout::kClause, info_.id);
        b_.mov(R1, R9);
        b_.callLocal(errorFn_);
    }
    b_.mov(R0, 0);
    b_.exit();
}

// Charges the record about to be reserved to this CPU's principal buffer
// (BufferLayout), leaving the CPU's block in r8.  Past the limit the
// clause does nothing more: under the switch policy that is a drop; under
// fill the buffer is marked full, and stays so for every later record.
void ClauseGen::chargeRecord() {
    b_.call(BPF_FUNC_get_smp_processor_id);
    b_.store(Size::W, R10, kCpuWord, R0); // for the record's header
    Label inRange = b_.newLabel(), full = b_.newLabel(), fits = b_.newLabel();
    b_.jmp(Cond::Lt, R0, static_cast<int32_t>(globals_.ncpu), inRange);
    b_.mov(R0, 0);
    b_.bind(inRange);
    b_.alu(Alu::Lsh, R0, 6);
    static_assert(BufferLayout::kCpuBlockSize == 64);
    uint32_t base = globals_.bufState();
    b_.loadMapValue(R8, kMapGlobals, base + BufferLayout::kCpuBlocks);
    b_.alu(Alu::Add, R8, R0);
    bool fill = globals_.bufPolicy == BufPolicy::Fill;
    if (fill && !endClause_) { // END's records go in the room kept for them
        b_.load(Size::DW, R2, R8, BufferLayout::kFilled);
        b_.jmp(Cond::Ne, R2, 0, done_);
    }
    b_.load(Size::DW, R2, R8, BufferLayout::kProduced);
    b_.load(Size::DW, R3, R8, BufferLayout::kConsumed);
    b_.alu(Alu::Sub, R2, R3);
    footprintInsns_.push_back(b_.pc());
    b_.alu(Alu::Add, R2, 0);
    b_.loadMapValue(R3, kMapGlobals,
                    base + (endClause_ ? BufferLayout::kEndLimit : BufferLayout::kLimit));
    b_.load(Size::DW, R3, R3, 0);
    b_.jmp(Cond::Le, R2, R3, fits);
    b_.bind(full);
    if (fill) {
        b_.mov(R1, 1);
        b_.store(Size::DW, R8, BufferLayout::kFilled, R1);
    } else {
        countDrop(DropsLayout::kBuffer);
    }
    b_.jmp(done_);
    b_.bind(fits);
    footprintInsns_.push_back(b_.pc());
    b_.mov(R1, 0);
    b_.atomicAdd(Size::DW, R8, BufferLayout::kProduced, R1);
}

// The fault path: writes an error record for the consumer's message, then
// runs the user's ERROR clauses with DTrace's ERROR arguments, saving and
// restoring the faulting probe's context around them.
void emitErrorFn(Builder& b, Label fn, uint32_t errorProbe,
                 const std::vector<Label>& errorClauses) {
    b.bind(fn);
    b.mov(R9, R1);
    b.loadMapFd(R1, kMapRingbuf);
    b.mov(R2, static_cast<int32_t>(sizeof(ErrorRecord)));
    b.mov(R3, 0);
    b.call(BPF_FUNC_ringbuf_reserve);
    Label ok = b.newLabel(), out = b.newLabel();
    b.jmp(Cond::Ne, R0, 0, ok);
    b.storeImm(Size::W, R10, -8, 0);
    b.loadMapFd(R1, kMapDrops);
    b.mov(R2, R10);
    b.alu(Alu::Add, R2, -8);
    b.call(BPF_FUNC_map_lookup_elem);
    b.jmp(Cond::Eq, R0, 0, out);
    b.mov(R1, 1);
    b.atomicAdd(Size::DW, R0, DropsLayout::kError, R1);
    b.jmp(out);
    b.bind(ok);
    b.mov(R8, R0);
    b.load(Size::W, R1, R9, DctxLayout::kProbeId);
    b.store(Size::W, R8, 0, R1);
    b.storeImm(Size::H, R8, 4, kErrorRecord);
    b.call(BPF_FUNC_get_smp_processor_id);
    b.store(Size::H, R8, 6, R0);
    b.load(Size::W, R1, R9, DctxLayout::kClause);
    b.store(Size::W, R8, offsetof(ErrorRecord, clause), R1);
    b.load(Size::W, R1, R9, DctxLayout::kAction);
    b.store(Size::W, R8, offsetof(ErrorRecord, action), R1);
    b.load(Size::W, R1, R9, DctxLayout::kFault);
    b.store(Size::W, R8, offsetof(ErrorRecord, fault), R1);
    b.storeImm(Size::W, R8, offsetof(ErrorRecord, pad), 0);
    b.load(Size::DW, R1, R9, DctxLayout::kFaultAddr);
    b.store(Size::DW, R8, offsetof(ErrorRecord, addr), R1);
    b.load(Size::DW, R1, R9, DctxLayout::kFaultPc);
    b.store(Size::DW, R8, offsetof(ErrorRecord, pc), R1);
    b.mov(R1, R8);
    b.mov(R2, 0);
    b.call(BPF_FUNC_ringbuf_submit);
    b.bind(out);
    if (!errorClauses.empty()) {
        // Save args[0..5] and the probe id on the stack.
        for (int i = 0; i < 6; i++) {
            b.load(Size::DW, R1, R9, static_cast<int16_t>(8 * i));
            b.store(Size::DW, R10, static_cast<int16_t>(-16 - 8 * i), R1);
        }
        b.load(Size::W, R1, R9, DctxLayout::kProbeId);
        b.store(Size::DW, R10, -72, R1);
        // DTrace on BPF's ERROR arguments: arg1 the faulting probe's ID,
        // arg2 the clause (dt_clause_N), arg3 the BPF pc, arg4 the fault
        // kind, arg5 the address.
        b.storeImm(Size::DW, R9, 0, 0);
        b.load(Size::DW, R1, R10, -72);
        b.store(Size::DW, R9, 8, R1);
        b.load(Size::W, R1, R9, DctxLayout::kClause);
        b.store(Size::DW, R9, 16, R1);
        b.load(Size::DW, R1, R9, DctxLayout::kFaultPc);
        b.store(Size::DW, R9, 24, R1);
        b.load(Size::W, R1, R9, DctxLayout::kFault);
        b.alu(Alu::And, R1, kFaultKindMask);
        b.store(Size::DW, R9, 32, R1);
        b.load(Size::DW, R1, R9, DctxLayout::kFaultAddr);
        b.store(Size::DW, R9, 40, R1);
        b.storeImm(Size::W, R9, DctxLayout::kProbeId, static_cast<int32_t>(errorProbe));
        for (Label l : errorClauses) {
            b.mov(R1, R9);
            b.callLocal(l);
        }
        for (int i = 0; i < 6; i++) {
            b.load(Size::DW, R1, R10, static_cast<int16_t>(-16 - 8 * i));
            b.store(Size::DW, R9, static_cast<int16_t>(8 * i), R1);
        }
        b.load(Size::DW, R1, R10, -72);
        b.store(Size::W, R9, DctxLayout::kProbeId, R1);
    }
    b.mov(R0, 0);
    b.exit();
}

// sysMap >= 0: the program is attached to raw_syscalls; the probe id is
// sysMap[syscall number] (0: not traced).
void emitUserArgs(Builder& b, ArgLayout layout, const std::string& usdtSpec);
void emitStackCapture(Builder& b, uint32_t kframes, uint32_t uframes, uint32_t kskip = 0);
void emitUprobePidCheck(Builder& b, Label out);

// Copies the sdt record fields of a probe into args[i] (R6: the record).
void emitTracepointFields(Builder& b, const std::vector<TracepointField>& fields) {
    size_t n = std::min<size_t>(fields.size(), 10);
    for (size_t i = 0; i < n; i++) {
        const TracepointField& f = fields[i];
        auto slot = static_cast<int16_t>(8 * i);
        auto off = static_cast<int16_t>(f.offset);
        switch (f.kind) {
        case TracepointField::Kind::Scalar: {
            bool aligned = (f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8) &&
                           f.offset % f.size == 0;
            if (!aligned) {
                // A packed or odd-sized field: copy its bytes (up to 8).
                b.storeImm(Size::DW, R9, slot, 0);
                b.mov(R1, R9);
                b.alu(Alu::Add, R1, slot);
                b.mov(R2, std::min<int32_t>(f.size, 8));
                b.mov(R3, R6);
                b.alu(Alu::Add, R3, off);
                b.call(BPF_FUNC_probe_read_kernel);
                continue;
            }
            Size sz = f.size == 1   ? Size::B
                      : f.size == 2 ? Size::H
                      : f.size == 4 ? Size::W
                                    : Size::DW;
            b.load(sz, R1, R6, off);
            if (f.isSigned && f.size < 8) {
                int shift = 64 - 8 * f.size;
                b.alu(Alu::Lsh, R1, shift);
                b.alu(Alu::Arsh, R1, shift);
            }
            break;
        }
        case TracepointField::Kind::Address:
            b.mov(R1, R6);
            b.alu(Alu::Add, R1, off);
            break;
        case TracepointField::Kind::DataLoc:
            // u32: length << 16 | offset of the data from the record's start.
            b.load(Size::W, R1, R6, off);
            b.alu(Alu::And, R1, 0xffff);
            b.alu(Alu::Add, R1, R6);
            break;
        }
        b.store(Size::DW, R9, slot, R1);
    }
    for (size_t i = n; i < 10; i++)
        b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
}

// What a trampoline needs to know of its probes' argument layout.
struct ArgSource {
    int ctxArgs = 6;                     // syscall entry: arguments in the record
    std::string usdtSpec;                // usdt: the operands
    std::vector<TracepointField> fields; // sdt: the record fields
    int rawArgs = 0;                     // rawtp: the tracepoint's argument count
    // Stable providers' probes: how each rewrites the arguments.
    std::vector<std::pair<uint32_t, const Derivation*>> derived;
    int markMap = -1; // their per-thread marks (DerivedValue::Source::Mark)
    int onlyCpu = -1; // -x cpu
};

// Stack slots of the derivation code (below the trampoline's own -8): a
// load's result, a condition's left side, the new arguments, and one slot
// per nesting level of a value's operands.
constexpr int16_t kDeriveRead = -16, kDeriveLhs = -24, kDeriveArgs = -32, kDeriveTemp = -112;
constexpr int kDeriveMaxDepth = 16;

// A derived value into R8 (R0-R5 are clobbered).
// The per-thread mark map (kMarkKey: its key, the thread) of lockstat-like
// probes; -1 if the program has none.
constexpr int16_t kMarkKey = -8;
struct MarkRecord {
    uint64_t arg0, arg1, time;
};

void emitDerivedValue(Builder& b, const DerivedValue& v, int depth = 0, int markMap = -1) {
    if (depth >= kDeriveMaxDepth) throw Error("a stable probe's argument is nested too deeply");
    switch (v.source) {
    case DerivedValue::Source::Mark: {
        if (markMap < 0) throw Error("a stable probe reads a mark it does not record");
        Label none = b.newLabel(), end = b.newLabel();
        b.call(BPF_FUNC_get_current_pid_tgid);
        b.store(Size::DW, R10, kMarkKey, R0);
        b.loadMapFd(R1, markMap);
        b.mov(R2, R10);
        b.alu(Alu::Add, R2, kMarkKey);
        b.call(BPF_FUNC_map_lookup_elem);
        b.jmp(Cond::Eq, R0, 0, none);
        if (v.arg >= 2) {
            b.load(Size::DW, R8, R0, offsetof(MarkRecord, time));
            b.call(BPF_FUNC_ktime_get_ns);
            b.alu(Alu::Sub, R0, R8);
            b.mov(R8, R0);
        } else {
            b.load(Size::DW, R8, R0, static_cast<int16_t>(8 * v.arg));
        }
        b.jmp(end);
        b.bind(none);
        b.mov(R8, 0);
        b.bind(end);
        break;
    }
    case DerivedValue::Source::Arg:
        b.load(Size::DW, R8, R9, static_cast<int16_t>(8 * v.arg));
        break;
    case DerivedValue::Source::CurrentTask:
        b.call(BPF_FUNC_get_current_task);
        b.mov(R8, R0);
        break;
    case DerivedValue::Source::Const:
        b.loadImm(R8, v.constant);
        break;
    }
    using Op = DerivedValue::Step::Op;
    const auto temp = static_cast<int16_t>(kDeriveTemp - 8 * depth);
    for (const DerivedValue::Step& l : v.path) {
        if (l.op == Op::Select) {
            Label other = b.newLabel(), end = b.newLabel();
            b.jmp(Cond::Eq, R8, 0, other);
            emitDerivedValue(b, l.operands.at(0), depth + 1, markMap);
            b.jmp(end);
            b.bind(other);
            emitDerivedValue(b, l.operands.at(1), depth + 1, markMap);
            b.bind(end);
            continue;
        }
        if (l.op != Op::Load) {
            static const std::map<Op, Alu> alu = {{Op::Add, Alu::Add},
                                                  {Op::And, Alu::And},
                                                  {Op::Or, Alu::Or},
                                                  {Op::Lsh, Alu::Lsh},
                                                  {Op::Rsh, Alu::Rsh}};
            if (l.operands.empty()) {
                b.loadImm(R1, l.constant);
            } else {
                b.store(Size::DW, R10, temp, R8);
                emitDerivedValue(b, l.operands[0], depth + 1, markMap);
                b.mov(R1, R8);
                b.load(Size::DW, R8, R10, temp);
            }
            b.alu(alu.at(l.op), R8, R1);
            continue;
        }
        // Through a null pointer the value is 0 (a task without a parent...).
        Label skip = b.newLabel();
        b.jmp(Cond::Eq, R8, 0, skip);
        b.storeImm(Size::DW, R10, kDeriveRead, 0);
        b.mov(R1, R10);
        b.alu(Alu::Add, R1, kDeriveRead);
        b.mov(R2, l.size);
        b.mov(R3, R8);
        b.alu(Alu::Add, R3, l.offset);
        b.call(BPF_FUNC_probe_read_kernel);
        b.load(Size::DW, R8, R10, kDeriveRead);
        if (l.size < 8) {
            int shift = 64 - 8 * l.size;
            b.alu(Alu::Lsh, R8, shift);
            b.alu(l.isSigned ? Alu::Arsh : Alu::Rsh, R8, shift);
        }
        b.bind(skip);
    }
    switch (v.post) {
    case DerivedValue::Post::None:
        break;
    case DerivedValue::Post::Negate:
        b.alu(Alu::Neg, R8, 0);
        break;
    case DerivedValue::Post::ExitReason: {
        // As wait(2) encodes it: no signal bits, exited (1); a core dump
        // (2... 3); killed by a signal otherwise (2).
        Label done = b.newLabel();
        b.mov(R0, 1);
        b.mov(R1, R8);
        b.alu(Alu::And, R1, 0x7f);
        b.jmp(Cond::Eq, R1, 0, done);
        b.mov(R0, 3);
        b.mov(R1, R8);
        b.alu(Alu::And, R1, 0x80);
        b.jmp(Cond::Ne, R1, 0, done);
        b.mov(R0, 2);
        b.bind(done);
        b.mov(R8, R0);
        break;
    }
    }
}

// For the stable probe that fired: its conditions (leaving through `out`
// when one fails), then its arguments in place of the underlying ones.
void emitDerivations(Builder& b, const std::vector<std::pair<uint32_t, const Derivation*>>& probes,
                     Label out, int markMap) {
    Label done = b.newLabel();
    for (const auto& [id, d] : probes) {
        Label next = b.newLabel();
        b.load(Size::W, R1, R9, DctxLayout::kProbeId);
        b.jmp(Cond::Ne, R1, static_cast<int32_t>(id), next);
        for (const DerivedCondition& c : d->conditions) {
            emitDerivedValue(b, c.lhs, 0, markMap);
            b.store(Size::DW, R10, kDeriveLhs, R8);
            emitDerivedValue(b, c.rhs, 0, markMap);
            b.load(Size::DW, R1, R10, kDeriveLhs);
            switch (c.op) {
            case DerivedCondition::Op::Eq:
                b.jmp(Cond::Ne, R1, R8, out);
                break;
            case DerivedCondition::Op::Ne:
                b.jmp(Cond::Eq, R1, R8, out);
                break;
            case DerivedCondition::Op::Lt:
                b.jmp(Cond::Sge, R1, R8, out);
                break;
            }
        }
        size_t n = std::min<size_t>(d->args.size(), 10);
        for (size_t i = 0; i < n; i++) {
            emitDerivedValue(b, d->args[i], 0, markMap);
            b.store(Size::DW, R10, static_cast<int16_t>(kDeriveArgs - 8 * i), R8);
        }
        for (size_t i = 0; i < n; i++) {
            b.load(Size::DW, R1, R10, static_cast<int16_t>(kDeriveArgs - 8 * i));
            b.store(Size::DW, R9, static_cast<int16_t>(8 * i), R1);
        }
        for (size_t i = n; i < 10; i++)
            b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
        b.jmp(done);
        b.bind(next);
    }
    b.bind(done);
}

void emitTrampoline(Builder& b, AttachKind kind, ArgLayout layout, uint32_t constProbe,
                    bool needArgs, bool needTime, const std::vector<Label>& clauses, int sysMap,
                    const ArgSource& src, uint32_t kframes = 0, uint32_t uframes = 0,
                    bool ctxByCpu = false) {
    int ctxArgs = src.ctxArgs;
    const std::string& usdtSpec = src.usdtSpec;
    Label out = b.newLabel();
    b.mov(R6, R1);
    if (ctxByCpu) {
        // The context is an array with one element per CPU.
        b.call(BPF_FUNC_get_smp_processor_id);
        b.store(Size::W, R10, -4, R0);
    } else {
        b.storeImm(Size::W, R10, -4, 0);
    }
    b.loadMapFd(R1, kMapDctx);
    b.mov(R2, R10);
    b.alu(Alu::Add, R2, -4);
    b.call(BPF_FUNC_map_lookup_elem);
    b.jmp(Cond::Eq, R0, 0, out);
    b.mov(R9, R0);
    bool fires = kind == AttachKind::Tracepoint || kind == AttachKind::PerfClock ||
                 kind == AttachKind::Uprobe || kind == AttachKind::RawTracepoint;
    if (fires) {
        // Only run while tracing is active (after BEGIN, before exit()).
        b.loadMapValue(R1, kMapGlobals, GlobalsLayout::kState);
        b.load(Size::W, R1, R1, 0);
        b.jmp(Cond::Ne, R1, kStateActive, out);
        if (src.onlyCpu >= 0) {
            b.call(BPF_FUNC_get_smp_processor_id);
            b.jmp(Cond::Ne, R0, src.onlyCpu, out);
        }
        if (constProbe != 0 && sysMap < 0) {
            // A program for a single probe knows its id: no cookie needed.
            b.storeImm(Size::W, R9, DctxLayout::kProbeId, static_cast<int32_t>(constProbe));
            if (needArgs && layout == ArgLayout::SyscallEntry && ctxArgs < 6)
                b.loadImm(R7,
                          static_cast<int64_t>(constProbe) | (static_cast<int64_t>(ctxArgs) << 32));
        } else if (sysMap >= 0) {
            b.load(Size::DW, R1, R6, 8); // the syscall number
            b.jmp(Cond::Gt, R1, kSyscallMapSize - 1, out);
            b.store(Size::W, R10, -8, R1);
            b.loadMapFd(R1, sysMap);
            b.mov(R2, R10);
            b.alu(Alu::Add, R2, -8);
            b.call(BPF_FUNC_map_lookup_elem);
            b.jmp(Cond::Eq, R0, 0, out);
            b.load(Size::W, R1, R0, 0);
            b.jmp(Cond::Eq, R1, 0, out);
            b.store(Size::W, R9, DctxLayout::kProbeId, R1);
        } else {
            b.mov(R1, R6);
            b.call(BPF_FUNC_get_attach_cookie);
            b.store(Size::W, R9, DctxLayout::kProbeId, R0);
            // The high half of the cookie: the probe's syscall argument count.
            if (layout == ArgLayout::SyscallEntry && ctxArgs < 6) b.mov(R7, R0);
            if (kind == AttachKind::Uprobe) emitUprobePidCheck(b, out);
        }
    } else {
        b.storeImm(Size::W, R9, DctxLayout::kProbeId, static_cast<int32_t>(constProbe));
    }
    if (needTime) {
        b.call(BPF_FUNC_ktime_get_ns);
        b.store(Size::DW, R9, DctxLayout::kTimestamp, R0);
        b.call(BPF_FUNC_ktime_get_boot_ns);
        b.store(Size::DW, R9, DctxLayout::kBoottime, R0);
    }
    if (needArgs) {
        switch (layout) {
        case ArgLayout::SyscallEntry:
            // The kernel refuses programs that load past a tracepoint's
            // record; when some probe's record has fewer than six
            // arguments, copy them with a helper instead (one program still
            // serves every probe of the group).
            if (ctxArgs < 6) {
                Label none = b.newLabel();
                for (int i = 0; i < 10; i++)
                    b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
                b.alu(Alu::Rsh, R7, 32);
                b.jmp(Cond::Eq, R7, 0, none);
                b.jmp(Cond::Gt, R7, 6, none);
                b.alu(Alu::Lsh, R7, 3);
                b.mov(R1, R9);
                b.mov(R2, R7);
                b.mov(R3, R6);
                b.alu(Alu::Add, R3, 16);
                b.call(BPF_FUNC_probe_read_kernel);
                b.bind(none);
                break;
            }
            for (int i = 0; i < ctxArgs; i++) {
                b.load(Size::DW, R1, R6, static_cast<int16_t>(16 + 8 * i));
                b.store(Size::DW, R9, static_cast<int16_t>(8 * i), R1);
            }
            for (int i = ctxArgs; i < 10; i++)
                b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
            break;
        case ArgLayout::SyscallReturn:
            b.load(Size::DW, R1, R6, 16);
            b.store(Size::DW, R9, 0, R1);
            b.store(Size::DW, R9, 8, R1);
            for (int i = 2; i < 10; i++)
                b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
            break;
        case ArgLayout::PerfRegs: {
            // x86-64 pt_regs: ip at 128, cs at 136; user mode if (cs & 3) == 3.
            Label user = b.newLabel(), done = b.newLabel();
            b.load(Size::DW, R1, R6, 128);
            b.load(Size::DW, R2, R6, 136);
            b.alu(Alu::And, R2, 3);
            b.jmp(Cond::Eq, R2, 3, user);
            b.store(Size::DW, R9, 0, R1);
            b.storeImm(Size::DW, R9, 8, 0);
            b.jmp(done);
            b.bind(user);
            b.storeImm(Size::DW, R9, 0, 0);
            b.store(Size::DW, R9, 8, R1);
            b.bind(done);
            for (int i = 2; i < 10; i++)
                b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
            break;
        }
        case ArgLayout::UserEntry:
        case ArgLayout::UserReturn:
        case ArgLayout::UsdtArgs:
            emitUserArgs(b, layout, usdtSpec);
            break;
        case ArgLayout::TracepointFields:
            emitTracepointFields(b, src.fields);
            break;
        case ArgLayout::RawArgs: {
            // The raw tracepoint's arguments, u64 each (the verifier
            // refuses loads past the last).
            int n = std::min(src.rawArgs, 10);
            for (int i = 0; i < n; i++) {
                b.load(Size::DW, R1, R6, static_cast<int16_t>(8 * i));
                b.store(Size::DW, R9, static_cast<int16_t>(8 * i), R1);
            }
            for (int i = n; i < 10; i++)
                b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
            break;
        }
        case ArgLayout::None:
            for (int i = 0; i < 10; i++)
                b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
            break;
        }
        if (!src.derived.empty()) emitDerivations(b, src.derived, out, src.markMap);
    }
    if (kind == AttachKind::Begin || kind == AttachKind::End) {
        // BEGIN and END fire in dtrace itself, not in the kernel: DTrace
        // shows no kernel frames for them (here they would be bpf(2)'s).
        if (kframes) b.storeImm(Size::DW, R9, DctxLayout::kKStack, 0);
        kframes = 0;
    }
    // A perf tracepoint program's kernel stack starts at the perf_trace_*
    // function that ran it, a raw tracepoint program's at the program and
    // the bpf_trace_run* that called it: skipped in the kernel, so that
    // stack(n) has n frames of the traced code (the consumer drops any
    // further tracing frames a kernel adds).
    emitStackCapture(b, kframes, uframes,
                     kind == AttachKind::Tracepoint      ? 1
                     : kind == AttachKind::RawTracepoint ? 2
                                                         : 0);
    for (size_t i = 0; i < clauses.size(); i++) {
        if ((fires || kind == AttachKind::Begin) && i > 0) {
            // As DTrace: once a clause has called exit(), the firing's
            // later clauses do not run.
            b.loadMapValue(R1, kMapGlobals, GlobalsLayout::kState);
            b.load(Size::W, R1, R1, 0);
            b.jmp(Cond::Eq, R1, kStateDraining, out);
        }
        b.mov(R1, R9);
        b.callLocal(clauses[i]);
    }
    b.bind(out);
    b.mov(R0, 0);
    b.exit();
}

// Uprobes: the high half of the cookie (in R0) is the process the probe
// belongs to.  Probes of several processes on one file share the kernel's
// uprobe, so the program checks that the firing thread is in its process.
void emitUprobePidCheck(Builder& b, Label out) {
    // Cookie: probe id (24 bits), site (8 bits), process (32 bits).
    b.mov(R7, R0);
    b.alu(Alu::Rsh, R7, Probe::kUprobeSiteShift);
    b.alu(Alu::And, R7, 0xff);
    b.store(Size::W, R9, DctxLayout::kUsdtSite, R7);
    b.mov(R7, R0);
    b.alu(Alu::And, R7, (1 << Probe::kUprobeSiteShift) - 1);
    b.store(Size::W, R9, DctxLayout::kProbeId, R7);
    b.mov(R7, R0);
    b.alu(Alu::Rsh, R7, 32);
    b.call(BPF_FUNC_get_current_pid_tgid);
    b.alu(Alu::Rsh, R0, 32);
    b.jmp(Cond::Ne, R0, R7, out);
}

// Arguments of user-space probes from the x86-64 pt_regs in R6: the
// calling convention's registers and stack on entry, the return value on
// return, the stapsdt note's operands for USDT.
void emitUserArgs(Builder& b, ArgLayout layout, const std::string& usdtSpec) {
    constexpr int16_t kRax = 80, kSp = 152;
    for (int i = 0; i < 10; i++)
        b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
    if (layout == ArgLayout::UserReturn) {
        b.load(Size::DW, R1, R6, kRax);
        b.store(Size::DW, R9, 8, R1);
        return;
    }
    if (layout == ArgLayout::UserEntry) {
        const int16_t regs[6] = {112, 104, 96, 88, 72, 64}; // rdi rsi rdx rcx r8 r9
        for (int i = 0; i < 6; i++) {
            b.load(Size::DW, R1, R6, regs[i]);
            b.store(Size::DW, R9, static_cast<int16_t>(8 * i), R1);
        }
        // arg6..9 are on the stack above the return address.
        b.mov(R1, R9);
        b.alu(Alu::Add, R1, 48);
        b.mov(R2, 32);
        b.load(Size::DW, R3, R6, kSp);
        b.alu(Alu::Add, R3, 8);
        b.call(BPF_FUNC_probe_read_user);
        return;
    }
    // One operand list per site ("\n" between them): a probe with several
    // sites decodes the firing site's.
    std::vector<std::string> specs = split(usdtSpec, '\n');
    if (specs.size() > 1) {
        Label done = b.newLabel();
        for (size_t site = 0; site < specs.size(); site++) {
            Label next = b.newLabel();
            b.load(Size::W, R1, R9, DctxLayout::kUsdtSite);
            b.jmp(Cond::Ne, R1, static_cast<int32_t>(site), next);
            emitUserArgs(b, ArgLayout::UsdtArgs, specs[site]);
            b.jmp(done);
            b.bind(next);
        }
        b.bind(done);
        return;
    }
    std::vector<elf::SdtArg> args = elf::parseSdtArgs(usdtSpec);
    for (size_t i = 0; i < args.size() && i < 10; i++) {
        const elf::SdtArg& a = args[i];
        auto slot = static_cast<int16_t>(8 * i);
        switch (a.kind) {
        case elf::SdtArg::Kind::Register:
            b.load(Size::DW, R1, R6, static_cast<int16_t>(a.regsOffset));
            break;
        case elf::SdtArg::Kind::Immediate:
            b.loadImm(R1, a.value);
            break;
        case elf::SdtArg::Kind::Memory:
            b.mov(R1, R9);
            b.alu(Alu::Add, R1, slot);
            b.mov(R2, a.size);
            b.load(Size::DW, R3, R6, static_cast<int16_t>(a.regsOffset));
            b.loadImm(R4, a.value);
            b.alu(Alu::Add, R3, R4);
            b.call(BPF_FUNC_probe_read_user);
            b.load(Size::DW, R1, R9, slot);
            break;
        case elf::SdtArg::Kind::Unsupported:
            continue;
        }
        if (a.size < 8) {
            int shift = 64 - 8 * a.size;
            b.alu(Alu::Lsh, R1, shift);
            b.alu(a.isSigned ? Alu::Arsh : Alu::Rsh, R1, shift);
        }
        b.store(Size::DW, R9, slot, R1);
    }
}

// Stacks for stack(), ustack() and ucaller, taken once per firing from the
// probe's own context (R6) into the DTrace context; clauses copy them.
void emitStackCapture(Builder& b, uint32_t kframes, uint32_t uframes, uint32_t kskip) {
    if (kframes) {
        b.mov(R1, R6);
        b.mov(R2, R9);
        b.alu(Alu::Add, R2, DctxLayout::kKStack + 8);
        b.mov(R3, static_cast<int32_t>(8 * kframes));
        b.mov(R4, static_cast<int32_t>(kskip & BPF_F_SKIP_FIELD_MASK));
        b.call(BPF_FUNC_get_stack);
        b.store(Size::DW, R9, DctxLayout::kKStack, R0);
    }
    if (uframes) {
        b.mov(R1, R6);
        b.mov(R2, R9);
        b.alu(Alu::Add, R2, DctxLayout::kUStack + 16);
        b.mov(R3, static_cast<int32_t>(8 * uframes));
        b.mov(R4, BPF_F_USER_STACK);
        b.call(BPF_FUNC_get_stack);
        b.store(Size::DW, R9, DctxLayout::kUStack + 8, R0);
        b.call(BPF_FUNC_get_current_pid_tgid);
        b.alu(Alu::Rsh, R0, 32);
        b.store(Size::DW, R9, DctxLayout::kUStack, R0);
    }
}

void markStackNeeds(const Expr& e, Needs& n) {
    if (e.kind == ExprKind::Ident) {
        auto& id = as<Ident>(e);
        if (id.ref == Ident::Ref::Builtin && (id.index == static_cast<int>(Builtin::Ucaller) ||
                                              id.index == static_cast<int>(Builtin::Ustackdepth)))
            n.ustack = kMaxStackFrames;
        if (id.ref == Ident::Ref::Builtin && id.index == static_cast<int>(Builtin::Caller))
            n.kstack = std::max(n.kstack, 2u);
        if (id.ref == Ident::Ref::Builtin && id.index == static_cast<int>(Builtin::Stackdepth))
            n.kstack = kMaxStackFrames;
        return;
    }
    if (e.kind != ExprKind::Call || !e.type) return;
    const Type* t = e.type->resolve();
    if (t->symbol == SymbolKind::KernelStack) {
        n.kstack = std::max(n.kstack, t->frames);
        n.kstackDefault |= t->frames == 0;
    } else if (t->symbol == SymbolKind::UserStack) {
        n.ustack = std::max(n.ustack, t->frames);
        n.ustackDefault |= t->frames == 0;
    }
}

// Every site's operands of a USDT probe, "\n" between sites.
std::string usdtSpecOf(const Probe& p) {
    std::string s = p.usdtArgs;
    for (const std::string& more : p.moreUsdtArgs)
        s += "\n" + more;
    return s;
}

int libbpfCpus() {
    return libbpf_num_possible_cpus();
}

// The layout of a tuple key: integers take 8 bytes, strings strBytes
// (strsize and the NUL, in 8-byte words).  Returns the key's size.
uint32_t keyLayout(const std::vector<const Type*>& types, std::vector<AggKey>& out,
                   uint32_t strBytes, const sema::SemaResult* sema = nullptr,
                   bool structs = false) {
    uint32_t off = 0;
    for (const Type* t : types) {
        AggKey k;
        const Type* r = t->resolve();
        if (r->symbol != SymbolKind::None && sema) {
            k.symbol = r->symbol;
            k.frames = isStack(r->symbol) ? stackDepth(r, *sema) : 0;
            k.size = k.typeSize = symbolValueSize(k.symbol, k.frames);
            k.isSigned = false;
            k.offset = off;
            off += k.size;
            out.push_back(k);
            continue;
        }
        if (structs && isStructOrUnion(r)) {
            k.isBytes = true;
            k.size = k.typeSize = static_cast<uint32_t>((r->size + 7) / 8 * 8);
            k.isSigned = false;
            k.offset = off;
            off += k.size;
            out.push_back(k);
            continue;
        }
        k.isString = r->isString();
        k.size = k.isString ? strBytes : 8;
        k.typeSize = k.isString ? strBytes : static_cast<unsigned>(r->size ? r->size : 8);
        k.isSigned = r->isSigned;
        k.offset = off;
        off += k.size;
        out.push_back(k);
    }
    return off;
}

uint32_t roundPow2(uint64_t v) {
    uint64_t p = 4096;
    while (p < v)
        p <<= 1;
    return static_cast<uint32_t>(std::min<uint64_t>(p, 1u << 30));
}

bpf_prog_type progType(AttachKind k) {
    switch (k) {
    case AttachKind::Tracepoint:
        return BPF_PROG_TYPE_TRACEPOINT;
    case AttachKind::PerfClock:
        return BPF_PROG_TYPE_PERF_EVENT;
    case AttachKind::Uprobe:
        return BPF_PROG_TYPE_KPROBE;
    default:
        return BPF_PROG_TYPE_RAW_TRACEPOINT;
    }
}

const char* kindName(AttachKind k) {
    switch (k) {
    case AttachKind::Tracepoint:
        return "tp";
    case AttachKind::PerfClock:
        return "perf";
    case AttachKind::Uprobe:
        return "uprobe";
    case AttachKind::Begin:
        return "begin";
    case AttachKind::End:
        return "end";
    case AttachKind::Error:
        return "error";
    case AttachKind::RawTracepoint:
        return "rawtp";
    }
    return "?";
}

} // namespace

CompiledProgram generate(std::vector<ClauseInput>& inputs, sema::SemaResult& sema,
                         const ProbeRegistry& reg, const Options& opts) {
    CompiledProgram out;
    int ncpu = std::max(1, libbpfCpus());
    out.maps.push_back({"dt_buf",
                        BPF_MAP_TYPE_RINGBUF,
                        0,
                        0,
                        roundPow2(opts.bufsize * static_cast<uint64_t>(ncpu)),
                        0,
                        {}});
    // The context's size depends on the string areas; set below.
    out.maps.push_back({"dt_ctx", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 0, 1, 0, {}});
    out.maps.push_back({"dt_globals", BPF_MAP_TYPE_ARRAY, 4, 0, 1, BPF_F_MMAPABLE, {}});
    out.maps.push_back({"dt_drops", BPF_MAP_TYPE_PERCPU_ARRAY, 4, DropsLayout::kSize, 1, 0, {}});

    // -x strsize: a string holds strsize characters and its NUL, in
    // variables, keys and records; operations work in buffers of a power of
    // two at least that size (up to 8192: the operand buffers must start
    // within a load's int16 offset of the context).
    uint32_t strsize = std::clamp<uint32_t>(opts.strsize, 1, kMaxStrsize);
    uint32_t strBytes = strsize + 1;
    uint32_t keyStr = (strBytes + 7) / 8 * 8; // a string in a key: whole words
    uint32_t aggKeyArea = 8, arrKeyArea = 8;

    // Aggregations: one per-CPU map each.
    for (const sema::AggVar& a : sema.aggs) {
        AggInfo info;
        info.name = a.name;
        info.func = a.func;
        uint32_t off = keyLayout(a.keys, info.keys, keyStr, &sema);
        aggKeyArea = std::max(aggKeyArea, off);
        info.keySize = info.keys.empty() ? 4 : off;
        info.map = static_cast<int>(out.maps.size());
        Func fn = static_cast<Func>(a.func);
        uint32_t entries = opts.aggEntries;
        if (fn == Func::Stddev) {
            info.valueSize = 32; // sum, count, 128-bit sum of squares
        } else if (fn == Func::Quantize) {
            info.valueSize = kQuantizeBuckets * 8;
            entries = std::max(64u, entries / 8);
        } else if (fn == Func::Lquantize) {
            info.base = a.base;
            info.step = a.step;
            info.levels = static_cast<uint32_t>((a.limit - a.base) / a.step);
            if ((info.levels + 3) * 8 > kMaxAggValue)
                fail(Tag::D_LQUANT_STEPSMALL, a.loc,
                     "lquantize( ) has too many buckets: {} (at most {})", info.levels + 2,
                     kMaxAggValue / 8 - 1);
            info.valueSize = (info.levels + 2) * 8;
            entries = std::max(64u, entries / 8);
        } else if (fn == Func::Llquantize) {
            info.factor = static_cast<uint32_t>(a.factor);
            info.lmag = static_cast<uint32_t>(a.lmag);
            info.hmag = static_cast<uint32_t>(a.hmag);
            info.steps = static_cast<uint32_t>(a.steps);
            uint64_t buckets = (a.hmag - a.lmag + 1) * (a.steps - a.steps / a.factor) * 2 + 3;
            if ((buckets + 1) * 8 > kMaxAggValue)
                fail(Tag::D_LLQUANT_STEPVAL, a.loc,
                     "llquantize( ) has too many buckets: {} (at most {})", buckets,
                     kMaxAggValue / 8 - 1);
            info.valueSize = static_cast<uint32_t>(buckets * 8);
            entries = std::max(64u, entries / 8);
        }
        // aggsize bounds the keys of each aggregation, as DTrace's buffer does.
        if (opts.aggsize) {
            uint64_t fit = opts.aggsize / (info.keySize + info.valueSize);
            if (fit == 0) out.aggsTooLarge = true;
            entries = static_cast<uint32_t>(std::clamp<uint64_t>(fit, 1, 1u << 22));
        }
        bool hash = !info.keys.empty();
        // A keyless histogram has a flag word after its buckets: set once
        // this CPU has a value (a keyed one exists once its key does).
        bool histogram = fn == Func::Quantize || fn == Func::Lquantize || fn == Func::Llquantize;
        if (!hash && histogram) info.valueSize += 8;
        out.maps.push_back({format("dt_agg_{}", out.aggs.size()),
                            hash ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_PERCPU_ARRAY,
                            info.keySize,
                            info.valueSize,
                            hash ? entries : 1u,
                            0,
                            {}});
        out.aggs.push_back(std::move(info));
    }

    // self-> variables: a hash by thread each; associative arrays: a hash by
    // key.  Each holds as many elements (key and value) as -x dynvarsize
    // has room for, up to dynEntries; a store that finds its map full is a
    // dynamic variable drop.  (DTrace shares one space among all of them;
    // here each variable has that much.)
    // An array element's size is its key and value as stored here; a
    // self-> variable's is its value's, as Oracle's DTrace counts it.
    auto dynEntries = [&](uint32_t keySize, const Type* type) {
        bool str = type->isString();
        uint32_t valueSize = str ? strBytes : dynValueSize(type);
        uint64_t fit = opts.dynvarsize / std::max<uint64_t>(1, keySize + valueSize);
        if (fit == 0) out.aggsTooLarge = true;
        return static_cast<uint32_t>(
            std::clamp<uint64_t>(fit, 1, str ? opts.dynEntries / 4 : opts.dynEntries));
    };
    auto selfEntries = [&](const sema::DynVar& v) {
        bool str = v.type->isString();
        const Type* r = v.type->resolve();
        uint64_t size = str                  ? strBytes
                        : isStructOrUnion(r) ? std::max<uint64_t>(r->size, 1)
                                             : std::clamp<uint64_t>(r->size, 1, 8);
        uint64_t fit = opts.dynvarsize / size;
        if (fit == 0) out.aggsTooLarge = true;
        return static_cast<uint32_t>(
            std::clamp<uint64_t>(fit, 1, str ? opts.dynEntries / 4 : opts.dynEntries));
    };
    for (const sema::DynVar& v : sema.selfVars) {
        bool str = v.type->isString();
        out.dyn.self.push_back(static_cast<int>(out.maps.size()));
        out.maps.push_back({format("dt_self_{}", out.dyn.self.size() - 1),
                            BPF_MAP_TYPE_HASH,
                            8,
                            str ? strBytes : dynValueSize(v.type),
                            selfEntries(v),
                            0,
                            {},
                            {}});
    }
    for (const sema::DynVar& v : sema.arrays) {
        std::vector<AggKey> keys;
        uint32_t off = keyLayout(v.keys, keys, keyStr, &sema, true);
        // A thread-local array's key ends with the thread (pid_tgid).
        out.dyn.arrayTidOffset.push_back(v.threadLocal ? static_cast<int>(off) : -1);
        if (v.threadLocal) off += 8;
        arrKeyArea = std::max(arrKeyArea, off);
        bool str = v.type->isString();
        out.dyn.arrays.push_back(static_cast<int>(out.maps.size()));
        out.dyn.arrayKeys.push_back(keys);
        out.dyn.arrayKeySize.push_back(off);
        out.maps.push_back({format("dt_arr_{}", out.dyn.arrays.size() - 1),
                            BPF_MAP_TYPE_HASH,
                            std::max(off, 4u),
                            str ? strBytes : dynValueSize(v.type),
                            dynEntries(std::max(off, 4u), v.type),
                            0,
                            {},
                            {}});
    }

    Globals globals;
    globals.maps = &out.maps;
    globals.init.resize(std::max<uint32_t>(sema.globalsSize, GlobalsLayout::kUser), 0);
    globals.nspec = opts.nspec;
    globals.bufPolicy = opts.bufpolicy;
    globals.ncpu = static_cast<uint32_t>(ncpu);
    globals.scratch = opts.scratchsize;
    globals.strLen = strBytes;
    globals.zeroStrings = opts.zeroStrings;
    StrAreas& A = globals.str;
    A.bytes = strBytes;
    A.buf = 256;
    while (A.buf < strBytes)
        A.buf <<= 1;
    int buf = static_cast<int>(A.buf);
    A.a = DctxLayout::kFixedSize;
    A.b = A.a + buf;
    A.tok = A.b + buf;
    A.key = A.tok + buf + 8;
    A.arrKey = A.key + static_cast<int>(aggKeyArea + 7) / 8 * 8;
    A.thisVars = A.arrKey + static_cast<int>(arrKeyArea + 7) / 8 * 8;
    int thisSize = 0;
    for (const sema::DynVar& v : sema.thisVars) {
        globals.thisOffsets.push_back(thisSize);
        // (A string: its characters, the NUL and the NULL mark.)
        const Type* r = v.type->resolve();
        bool aggregate = isStructOrUnion(r) || r->kind == Type::Kind::Array;
        thisSize += v.type->isString() ? static_cast<int>((strBytes + 8) / 8 * 8)
                    : aggregate        ? static_cast<int>((r->size + 7) / 8 * 8)
                                       : 8;
    }
    A.scratch = A.thisVars + thisSize;
    // (A buffer past the last scratch one: slack for masked offsets plus
    // sizes.)
    A.size = A.scratch + 9 * buf;
    MapDef& ctx = out.maps[kMapDctx];
    ctx.valueSize = static_cast<uint32_t>(A.size);
    if (A.size > kPerCpuValueMax) {
        // Past what a per-CPU value may be: one element per CPU of an array,
        // which the trampolines index by CPU.
        ctx.type = BPF_MAP_TYPE_ARRAY;
        ctx.maxEntries = static_cast<uint32_t>(ncpu);
    }
    // Without alloca() anywhere there are no alloca pointers, and pointer
    // loads need not check for them.
    for (const auto& in : inputs) {
        auto check = [&](const Expr& e) {
            if (e.kind == ExprKind::Call && as<Call>(e).funcId == static_cast<int>(Func::Alloca))
                globals.allocaUsed = true;
        };
        if (in.clause->predicate) walk(*in.clause->predicate, check);
        for (auto& st : in.clause->body)
            walk(*st, check);
    }
    out.formats = sema.formats;

    // Which clauses fire for each probe, in program order.
    out.onlyCpu = opts.cpu;
    std::map<uint32_t, std::vector<int>> byProbe;
    for (size_t i = 0; i < inputs.size(); i++) {
        ClauseInfo ci;
        ci.id = static_cast<uint16_t>(i);
        out.clauses.push_back(ci);
        // As DTrace: each description of a clause that matches a probe
        // is an enabling of its own (BEGIN, BEGIN runs the clause twice).
        for (uint32_t p : inputs[i].probes)
            byProbe[p].push_back(static_cast<int>(i));
    }
    struct GroupKey {
        AttachKind kind;
        ArgLayout layout;
        std::vector<int> clauses;
        uint32_t constProbe;
        bool raw;                            // attached to raw_syscalls
        int ctxArgs = 6;                     // syscall entry: arguments present in the record
        std::string usdtSpec;                // USDT: the probe's argument operands
        std::vector<TracepointField> fields; // sdt: the record fields args[] come from
        int rawArgs = 0;                     // rawtp: the tracepoint's argument count
        bool operator<(const GroupKey& o) const {
            return std::tie(kind, layout, clauses, constProbe, raw, ctxArgs, usdtSpec, fields,
                            rawArgs) < std::tie(o.kind, o.layout, o.clauses, o.constProbe, o.raw,
                                                o.ctxArgs, o.usdtSpec, o.fields, o.rawArgs);
        }
    };
    std::map<GroupKey, std::vector<uint32_t>> groups;
    std::vector<int> errorClauses;
    uint32_t errorProbe = 0;
    for (auto& [pid, cl] : byProbe) {
        const Probe* p = reg.byId(pid);
        out.matchedProbes.push_back(pid);
        if (p->attach == AttachKind::Error) {
            // Run from every program's fault path.
            errorClauses = cl;
            errorProbe = pid;
            continue;
        }
        // Raw tracepoints without attach cookies: one program per probe.
        bool single = p->attach == AttachKind::Begin || p->attach == AttachKind::End ||
                      (p->attach == AttachKind::RawTracepoint && !rawTracepointCookies());
        groups[{p->attach, p->args, cl, single ? pid : 0, false, 6,
                p->args == ArgLayout::UsdtArgs ? usdtSpecOf(*p) : std::string(),
                p->args == ArgLayout::TracepointFields ? p->tpFields
                                                       : std::vector<TracepointField>{},
                p->args == ArgLayout::RawArgs ? p->rawArgCount : 0}]
            .push_back(pid);
        if (p->attach == AttachKind::End) out.hasEnd = true;
    }
    // Large sets of syscall probes with the same clauses move to one
    // raw_syscalls attachment; those whose number is unknown stay apart.
    std::map<GroupKey, std::vector<uint32_t>> regrouped;
    for (auto& [key, probes] : groups) {
        bool sys = key.kind == AttachKind::Tracepoint && (key.layout == ArgLayout::SyscallEntry ||
                                                          key.layout == ArgLayout::SyscallReturn);
        std::vector<uint32_t> known, other;
        for (uint32_t id : probes) {
            int nr = reg.byId(id)->syscallNr;
            (sys && nr >= 0 && nr < kSyscallMapSize ? known : other).push_back(id);
        }
        if (known.size() < opts.rawSyscallMin) {
            known.clear();
            other = probes;
        }
        if (!known.empty()) {
            GroupKey rk = key;
            rk.raw = true;
            regrouped[rk] = known;
        }
        if (!other.empty()) {
            GroupKey k = key;
            if (key.layout == ArgLayout::SyscallEntry) {
                for (uint32_t id : other) {
                    const Probe* p = reg.byId(id);
                    int size = tracepointRecordSize(p->tpCategory, p->tpName);
                    k.ctxArgs = std::min(k.ctxArgs, size < 16 ? 0 : std::min(6, (size - 16) / 8));
                }
            }
            regrouped[k] = other;
        }
    }
    groups.swap(regrouped);
    // Probes that read per-thread marks (lockstat): one map for the marks,
    // written by a program on each mark tracepoint (after the loop).
    int markMap = -1;
    std::vector<std::string> markTps;
    for (const auto& [pid, cl] : byProbe) {
        const Probe* p = reg.byId(pid);
        if (!p->markRawTp.empty() &&
            std::find(markTps.begin(), markTps.end(), p->markRawTp) == markTps.end())
            markTps.push_back(p->markRawTp);
    }
    if (!markTps.empty()) {
        markMap = static_cast<int>(out.maps.size());
        out.maps.push_back(MapDef{"dt_mark",
                                  BPF_MAP_TYPE_LRU_HASH,
                                  8,
                                  static_cast<uint32_t>(sizeof(MarkRecord)),
                                  16384,
                                  0,
                                  {},
                                  {}});
    }
    std::vector<bool> described(inputs.size(), false);
    int progNo = 0;
    for (auto& [key, probes] : groups) {
        Builder b;
        Needs needs;
        for (int c : key.clauses) {
            const Clause& cl = *inputs[c].clause;
            if (cl.predicate) scan(*cl.predicate, needs);
            for (auto& s : cl.body)
                scan(*s, needs);
        }
        // ERROR clauses run in the faulting firing's context.
        for (int c : errorClauses) {
            Needs en;
            const Clause& cl = *inputs[c].clause;
            if (cl.predicate) scan(*cl.predicate, en);
            for (auto& s : cl.body)
                scan(*s, en);
            needs.time |= en.time;
        }
        std::vector<Label> errLabels;
        for (int c : errorClauses) {
            Label l = b.newLabel();
            b.nameLabel(l, format("error_clause_{}", c));
            errLabels.push_back(l);
        }
        // One subprogram per clause, called once per enabling.
        std::vector<int> unique;
        std::map<int, Label> clauseLabel;
        for (int c : key.clauses) {
            if (clauseLabel.count(c)) continue;
            Label l = b.newLabel();
            b.nameLabel(l, format("clause_{}", c));
            clauseLabel[c] = l;
            unique.push_back(c);
        }
        std::vector<Label> labels;
        for (int c : key.clauses)
            labels.push_back(clauseLabel[c]);
        Label errorFn = b.newLabel();
        b.nameLabel(errorFn, "error");
        int sysMap = -1;
        std::string raw;
        if (key.raw) {
            {
                raw = key.layout == ArgLayout::SyscallEntry ? "sys_enter" : "sys_exit";
                MapDef m{
                    format("dt_sys_{}", progNo), BPF_MAP_TYPE_ARRAY, 4, 4, kSyscallMapSize, 0, {}};
                for (uint32_t id : probes)
                    m.u32Init.push_back({static_cast<uint32_t>(reg.byId(id)->syscallNr), id});
                sysMap = static_cast<int>(out.maps.size());
                out.maps.push_back(std::move(m));
            }
        }
        uint32_t constProbe = key.constProbe;
        if (probes.size() == 1 && !key.raw && key.kind != AttachKind::Uprobe)
            constProbe = probes[0];
        uint32_t kframes = needs.kstack, uframes = needs.ustack;
        if (needs.kstackDefault)
            kframes = std::max(kframes, std::min(sema.stackFrames, kMaxStackFrames));
        if (needs.ustackDefault)
            uframes = std::max(uframes, std::min(sema.ustackFrames, kMaxStackFrames));
        ArgSource src{key.ctxArgs, key.usdtSpec, key.fields, key.rawArgs, {}, markMap, opts.cpu};
        for (uint32_t id : probes)
            if (const Probe* p = reg.byId(id); p->derived) {
                src.derived.push_back({id, &p->derivation});
                needs.args = true; // the conditions read the arguments
            }
        emitTrampoline(b, key.kind, key.layout, constProbe, needs.args, needs.time, labels, sysMap,
                       src, kframes, uframes, out.maps[kMapDctx].type == BPF_MAP_TYPE_ARRAY);
        bool needErrorFn = false;
        for (int c : unique) {
            ClauseGen g(b, out.clauses[c], sema, globals, !described[c], errorFn, &out.aggs,
                        &out.dyn);
            g.setDestructiveFlag(&out.destructive);
            g.setLayout(key.layout);
            bool tracepoint =
                key.kind == AttachKind::Tracepoint || key.kind == AttachKind::RawTracepoint;
            g.setStackLead(key.kind == AttachKind::PerfClock || key.kind == AttachKind::Uprobe ||
                                   tracepoint
                               ? 0
                               : 1,
                           tracepoint);
            g.setEndClause(key.kind == AttachKind::End);
            g.generate(*inputs[c].clause, clauseLabel[c]);
            described[c] = true;
            needErrorFn |= g.usesErrorFn;
            uint32_t rec = out.clauses[c].recordSize;
            if (rec) {
                out.maxRecord = std::max(out.maxRecord, recordFootprint(rec));
                if (key.kind == AttachKind::End) out.endReserve += recordFootprint(rec);
            }
        }
        if (needErrorFn) {
            for (size_t i = 0; i < errorClauses.size(); i++) {
                int c = errorClauses[i];
                ClauseGen g(b, out.clauses[c], sema, globals, !described[c], Label{}, &out.aggs,
                            &out.dyn);
                g.setDestructiveFlag(&out.destructive);
                g.generate(*inputs[c].clause, errLabels[i]);
                described[c] = true;
            }
            emitErrorFn(b, errorFn, errorProbe, errLabels);
        }
        if (globals.strSearch.valid()) emitStrSearch(b, globals.strSearch, globals.str);
        if (globals.strScan.valid()) emitStrScan(b, globals.strScan, globals.str);
        if (globals.chill.valid()) emitChill(b, globals.chill);
        globals.strSearch = globals.strScan = globals.chill = Label{};
        emitCallbacks(b, globals);
        b.finish();
        ProgramDef pd;
        pd.name = format("dt_{}_{}", kindName(key.kind), progNo++);
        pd.type = progType(key.kind);
        pd.attach = key.kind;
        pd.insns = b.insns();
        pd.relocs = b.relocs();
        pd.funcStarts = b.functionStarts();
        for (size_t i = 0; i < pd.insns.size(); i++)
            pd.labels.push_back(b.labelNameAt(i));
        pd.probes = probes;
        pd.rawSyscall = raw;
        for (uint32_t id : probes) {
            uint64_t cookie = id;
            if (key.kind == AttachKind::Uprobe) cookie = reg.byId(id)->uprobeCookie(0);
            if (key.layout == ArgLayout::SyscallEntry && key.ctxArgs < 6 && !key.raw) {
                const Probe* p = reg.byId(id);
                int size = tracepointRecordSize(p->tpCategory, p->tpName);
                uint64_t nargs =
                    size < 16 ? 0 : static_cast<uint64_t>(std::min(6, (size - 16) / 8));
                cookie |= nargs << 32;
            }
            pd.cookies.push_back(cookie);
        }
        out.programs.push_back(std::move(pd));
    }
    for (const std::string& tp : markTps) {
        // The mark: this thread's raw arguments 0 and 1 and the time.
        uint32_t tpProbe = 0;
        for (const Probe& p : reg.probes())
            if (p.attach == AttachKind::RawTracepoint && !p.derived && p.tpName == tp) {
                tpProbe = p.id;
                break;
            }
        if (tpProbe == 0) throw Error(format("no raw tracepoint {} for the enabled probes", tp));
        Builder b;
        b.mov(R6, R1);
        b.call(BPF_FUNC_get_current_pid_tgid);
        b.store(Size::DW, R10, kMarkKey, R0);
        b.load(Size::DW, R1, R6, 0);
        b.store(Size::DW, R10, -32, R1);
        b.load(Size::DW, R1, R6, 8);
        b.store(Size::DW, R10, -24, R1);
        b.call(BPF_FUNC_ktime_get_ns);
        b.store(Size::DW, R10, -16, R0);
        b.loadMapFd(R1, markMap);
        b.mov(R2, R10);
        b.alu(Alu::Add, R2, kMarkKey);
        b.mov(R3, R10);
        b.alu(Alu::Add, R3, -32);
        b.mov(R4, 0);
        b.call(BPF_FUNC_map_update_elem);
        b.mov(R0, 0);
        b.exit();
        b.finish();
        ProgramDef pd;
        pd.name = format("dt_mark_{}", progNo++);
        pd.type = progType(AttachKind::RawTracepoint);
        pd.attach = AttachKind::RawTracepoint;
        pd.insns = b.insns();
        pd.relocs = b.relocs();
        pd.funcStarts = b.functionStarts();
        pd.probes = {tpProbe};
        pd.cookies = {tpProbe};
        out.programs.push_back(std::move(pd));
    }
    if (globals.probeStrMap >= 0) {
        MapDef& m = out.maps[globals.probeStrMap];
        for (uint32_t id : out.matchedProbes) {
            const Probe* p = reg.byId(id);
            size_t field = static_cast<size_t>(globals.probeField());
            std::vector<uint8_t> v(4 * field, 0);
            const std::string* f[] = {&p->provider, &p->module, &p->function, &p->name};
            for (int i = 0; i < 4; i++)
                memcpy(v.data() + i * field, f[i]->data(),
                       std::min<size_t>(f[i]->size(), globals.str.bytes - 1));
            m.bytesInit.push_back({id, std::move(v)});
        }
        m.maxEntries = std::max<uint32_t>(1, static_cast<uint32_t>(m.bytesInit.size()));
    }
    out.bufsize = opts.bufsize;
    out.bufPolicy = opts.bufpolicy;
    out.bufResizeManual = opts.bufresizeManual;
    out.bufState = globals.bufBase;
    out.specStates = globals.specBase;
    out.nspec = opts.nspec;
    globals.init.resize((globals.init.size() + 7) / 8 * 8, 0);
    out.globalsInit = globals.init;
    out.printTypes = globals.printTypes.table();
    out.globalsSize = static_cast<uint32_t>(globals.init.size());
    out.maps[kMapGlobals].valueSize = out.globalsSize;
    return out;
}

} // namespace dt::codegen
