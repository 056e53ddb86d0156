#include "codegen/codegen.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "ast/walk.h"
#include "bpf/insn.h"
#include "runtime/tracefs.h"
#include "sema/btf.h"
#include "sema/builtins.h"
#include "util/format.h"

#include <bpf/libbpf.h>
#include <cstddef>
#include <optional>
#include <tuple>

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
constexpr int kStrSize = 256;
constexpr int kSyscallMapSize = 1024;

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
};

// What a clause needs from its trampoline: the arguments if it reads any.
void markNeeds(const Expr& e, Needs& n) {
    if (e.kind == ExprKind::Ident) {
        auto& id = as<Ident>(e);
        if (id.ref == Ident::Ref::Builtin && id.index <= static_cast<int>(Builtin::Arg9))
            n.args = true;
    }
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
    int probeStrings() {
        if (probeStrMap < 0) {
            probeStrMap = static_cast<int>(maps->size());
            maps->push_back({"dt_pstr", BPF_MAP_TYPE_HASH, 4, 4 * kStrSize, 1, 0, {}, {}});
        }
        return probeStrMap;
    }
    std::vector<uint8_t> init;
    std::map<std::string, uint32_t> strings;
    uint32_t zeroOff = 0, zeroSize = 0;
    // A zero-filled area of at least `size` bytes (the initial value of
    // aggregation entries).
    uint32_t zeros(uint32_t size) {
        if (size > zeroSize) {
            zeroOff = static_cast<uint32_t>((init.size() + 7) / 8 * 8);
            init.resize(zeroOff + size, 0);
            zeroSize = size;
        }
        return zeroOff;
    }
    uint32_t stringConst(const std::string& s) {
        auto it = strings.find(s);
        if (it != strings.end()) return it->second;
        uint32_t off = static_cast<uint32_t>((init.size() + 7) / 8 * 8);
        init.resize(off + kStrSize, 0);
        memcpy(init.data() + off, s.data(), std::min<size_t>(s.size(), kStrSize - 1));
        strings[s] = off;
        return off;
    }
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
    Val subroutine(const Call& c);
    bool isDyn(const Expr& e) const {
        return (e.kind == ExprKind::Member && as<Member>(e).varKind != 0) ||
               (e.kind == ExprKind::Index && as<Index>(e).arrayIndex >= 0);
    }
    const sema::DynVar& dynVar(const Expr& e) const;
    Val loadDyn(const Expr& e);
    void storeDyn(const Expr& e, const Val& v);
    // Puts the map key of a self-> or array reference in place; returns
    // the register (R2) pointing at it, for the map helpers.
    void dynKey(const Expr& e);
    void countDynDrop();
    void buildKey(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs, int base);
    void storeGlobal(int index, const Val& v);
    // A member (possibly nested, possibly a bit-field) of a struct/union
    // global variable: where it is in the globals map.
    struct FieldRef {
        uint32_t offset = 0; // of the member, or of its bit-field's unit
        const Type* type = nullptr;
        uint32_t bitOff = 0, bitWidth = 0, unit = 0;
    };
    std::optional<FieldRef> globalField(const Expr& e) const;
    Val loadField(const FieldRef& f, const Type* type);
    void storeField(const FieldRef& f, const Val& v);
    Val strCompare(const Val& a, const Val& b, BinaryOp op);
    void stmt(const Stmt& s);
    void action(const Call& c);
    ValueSource recordValue(const Expr& e);
    uint32_t reserveField(uint32_t size, uint32_t align);
    void faultIf(Cond c, Reg a, int32_t imm, Fault f, Reg addr);
    void emitFaultStub(Label stub, Fault f, Reg addr, Label resume);

    Builder& b_;
    ClauseInfo& info_;
    const sema::SemaResult& sema_;
    Globals& globals_;
    bool describe_; // first emission: fill info_ (actions, record layout)
    int depth_ = 0;
    bool recordLive_ = false;
    uint32_t recOff_ = sizeof(RecordHeader);
    int actionNo_ = 0;
    Label faultRec_, faultNoRec_, done_;
    Label errorFn_;
    const std::vector<AggInfo>* aggs_;
    const DynMaps* dyn_;
    size_t sizeInsn_ = 0;
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
        b_.alu(Alu::Add, R1, field * kStrSize);
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
    b_.storeImm(Size::W, R9, DctxLayout::kFault, static_cast<int32_t>(f));
    b_.storeImm(Size::W, R9, DctxLayout::kAction, actionNo_);
    if (addr != R0)
        b_.store(Size::DW, R9, DctxLayout::kFaultAddr, addr);
    else
        b_.storeImm(Size::DW, R9, DctxLayout::kFaultAddr, 0);
    b_.storeImm(Size::DW, R9, DctxLayout::kFaultPc, static_cast<int32_t>(b_.pc()));
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
            b_.call(BPF_FUNC_get_current_pid_tgid);
            b_.alu(Alu::Rsh, R0, 32);
            break;
        case Builtin::Tid:
            b_.call(BPF_FUNC_get_current_pid_tgid);
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
        case Builtin::Timestamp:
        case Builtin::Vtimestamp:
            b_.call(BPF_FUNC_ktime_get_ns);
            break;
        case Builtin::Walltimestamp:
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
            b_.mov(R0, 0);
            break;
        case Builtin::Ppid: {
            // ppid = current->real_parent->tgid, with offsets from BTF.
            auto parent = kernelBtf().memberOffset("task_struct", "real_parent");
            auto tgid = kernelBtf().memberOffset("task_struct", "tgid");
            if (!parent || !tgid)
                fail(Tag::D_UNKNOWN, id.loc, "ppid is not available: no kernel BTF");
            b_.call(BPF_FUNC_get_current_task);
            b_.mov(R3, R0);
            b_.alu(Alu::Add, R3, static_cast<int32_t>(*parent));
            b_.mov(R1, R10);
            b_.alu(Alu::Add, R1, kTmpKey);
            b_.mov(R2, 8);
            b_.call(BPF_FUNC_probe_read_kernel);
            b_.load(Size::DW, R3, R10, kTmpKey);
            b_.alu(Alu::Add, R3, static_cast<int32_t>(*tgid));
            b_.mov(R1, R10);
            b_.alu(Alu::Add, R1, kTmpKey);
            b_.mov(R2, 4);
            b_.call(BPF_FUNC_probe_read_kernel);
            b_.load(Size::W, R0, R10, kTmpKey);
            break;
        }
        case Builtin::Execname: {
            int off = DctxLayout::kScratch + (s % 8) * kStrSize;
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
        if (id.ref == Ident::Ref::Inline) { // the definition's value, as the inline's type
            Val v = expr(*id.inlineValue);
            if (v.kind == Val::Kind::Slot && e.type->isInteger()) {
                Reg r = slotReg(v.slot, R1);
                normalize(r, e.type);
                setSlot(v.slot, r);
            }
            v.type = e.type;
            return v;
        }
        if (id.ref == Ident::Ref::Constant) {
            Val v;
            v.kind = Val::Kind::ConstInt;
            v.c = id.constValue;
            v.type = e.type;
            return v;
        }
        const sema::GlobalVar& g = sema_.globals.at(id.index);
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
        if (isDyn(e)) return loadDyn(e);
        if (auto f = globalField(e)) return loadField(*f, e.type);
        fail(Tag::D_UNKNOWN, e.loc, "expression is not supported by the code generator yet");
    case ExprKind::Cast: {
        auto& c = as<Cast>(e);
        Val v = expr(*c.operand);
        if (v.kind == Val::Kind::ConstInt) {
            const Type* r = e.type->resolve();
            if (r->kind == Type::Kind::Int && r->size < 8) {
                int sh = 64 - 8 * static_cast<int>(r->size);
                uint64_t u = static_cast<uint64_t>(v.c) << sh;
                v.c = r->isSigned ? (static_cast<int64_t>(u) >> sh) : static_cast<int64_t>(u >> sh);
            }
            v.type = e.type;
            return v;
        }
        v = materialize(v);
        if (e.type->isInteger()) {
            Reg r = slotReg(v.slot, R1);
            normalize(r, e.type);
            setSlot(v.slot, r);
        }
        v.type = e.type;
        return v;
    }
    case ExprKind::Call:
        return subroutine(as<Call>(e));
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

Val ClauseGen::strCompare(const Val& a, const Val& bv, BinaryOp op) {
    // Both strings in memory: compare byte by byte (bounded loop).
    Val x = materialize(a);
    Val y = materialize(bv);
    Reg xr = slotReg(x.slot, R1);
    if (xr != R1) b_.mov(R1, xr);
    Reg yr = slotReg(y.slot, R2);
    if (yr != R2) b_.mov(R2, yr);
    // r3 = index, r4/r5 = bytes; result r0 = a[i] - b[i] at the first difference.
    Label loop = b_.newLabel(), diff = b_.newLabel(), end = b_.newLabel();
    b_.mov(R3, 0);
    b_.bind(loop);
    b_.load(Size::B, R4, R1, 0);
    b_.load(Size::B, R5, R2, 0);
    b_.jmp(Cond::Ne, R4, R5, diff);
    b_.mov(R0, 0);
    b_.jmp(Cond::Eq, R4, 0, end);
    b_.alu(Alu::Add, R1, 1);
    b_.alu(Alu::Add, R2, 1);
    b_.alu(Alu::Add, R3, 1);
    b_.jmp(Cond::Lt, R3, kStrSize - 1, loop);
    b_.jmp(end);
    b_.bind(diff);
    b_.mov(R0, R4);
    b_.alu(Alu::Sub, R0, R5);
    b_.bind(end);
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
    if (e.lhs->type->isString()) {
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
    Reg ar = slotReg(a.slot, R1);
    if (ar != R1) b_.mov(R1, ar);
    Label t = b_.newLabel();
    b_.mov(R0, 1);
    if (bv.kind == Val::Kind::ConstInt && bv.c >= INT32_MIN && bv.c <= INT32_MAX) {
        b_.jmp(c, R1, static_cast<int32_t>(bv.c), t);
    } else {
        Val m = materialize(bv);
        Reg br = slotReg(m.slot, R2);
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
        if (isDyn(*e.operand)) {
            int64_t delta = (e.op == UnaryOp::PreInc || e.op == UnaryOp::PostInc) ? 1 : -1;
            Val cur = loadDyn(*e.operand);
            Reg r = slotReg(cur.slot, R1);
            if (r != R1) b_.mov(R1, r);
            b_.alu(Alu::Add, R1, static_cast<int32_t>(delta));
            int t = push();
            setSlot(t, R1);
            Val nv;
            nv.slot = t;
            storeDyn(*e.operand, nv);
            if (e.op == UnaryOp::PreInc || e.op == UnaryOp::PreDec) {
                Reg n = slotReg(t, R1);
                setSlot(cur.slot, n);
            }
            pop();
            cur.type = e.type;
            return cur;
        }
        auto& id = as<Ident>(*e.operand);
        const sema::GlobalVar& g = sema_.globals.at(id.index);
        const Type* r = g.type->resolve();
        unsigned sz = static_cast<unsigned>(r->size);
        int64_t delta = (e.op == UnaryOp::PreInc || e.op == UnaryOp::PostInc) ? 1 : -1;
        if (r->kind == Type::Kind::Pointer)
            delta *= static_cast<int64_t>(r->target->resolve()->size);
        int s = push();
        b_.loadMapValue(R1, kMapGlobals, g.offset);
        b_.load(bpf::sizeFor(sz), R0, R1, 0);
        if (e.op == UnaryOp::PostInc || e.op == UnaryOp::PostDec) {
            normalize(R0, g.type);
            setSlot(s, R0);
        }
        b_.alu(Alu::Add, R0, static_cast<int32_t>(delta));
        b_.store(bpf::sizeFor(sz), R1, 0, R0);
        if (e.op == UnaryOp::PreInc || e.op == UnaryOp::PreDec) {
            normalize(R0, g.type);
            setSlot(s, R0);
        }
        Val v;
        v.slot = s;
        v.type = e.type;
        return v;
    }
    case UnaryOp::Deref: {
        Val p = materialize(expr(*e.operand));
        const Type* t = e.type->resolve();
        unsigned sz = static_cast<unsigned>(t->size);
        if (sz != 1 && sz != 2 && sz != 4 && sz != 8)
            fail(Tag::D_UNKNOWN, e.loc, "dereference of this type is not supported yet");
        Reg pr = slotReg(p.slot, R3);
        if (pr != R3) b_.mov(R3, pr);
        b_.store(Size::DW, R10, kTmpKey, R3);
        b_.mov(R1, R10);
        b_.alu(Alu::Add, R1, kTmpKey - 8);
        b_.mov(R2, static_cast<int32_t>(sz));
        b_.call(BPF_FUNC_probe_read_kernel);
        b_.load(Size::DW, R3, R10, kTmpKey);
        faultIf(Cond::Ne, R0, 0, Fault::BadAddr, R3);
        b_.load(bpf::sizeFor(sz), R0, R10, kTmpKey - 8);
        normalize(R0, e.type);
        setSlot(p.slot, R0);
        p.type = e.type;
        return p;
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
        b_.mov(R2, static_cast<int32_t>(g.type->size));
        b_.call(BPF_FUNC_probe_read_kernel_str);
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

std::optional<ClauseGen::FieldRef> ClauseGen::globalField(const Expr& e) const {
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
    if (chain.empty() || base->kind != ExprKind::Ident ||
        as<Ident>(*base).ref != Ident::Ref::Global)
        return std::nullopt;
    const sema::GlobalVar& g = sema_.globals.at(as<Ident>(*base).index);
    const Type* t = g.type;
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
    if (!r->isScalar())
        fail(Tag::D_UNKNOWN, e.loc,
             "members of type {} are not supported by the code generator yet", t->name);
    FieldRef f;
    f.type = t;
    if (last.bitWidth) {
        f.unit = static_cast<uint32_t>(r->size);
        uint64_t start = bits - bits % (f.unit * 8);
        f.offset = g.offset + static_cast<uint32_t>(start / 8);
        f.bitOff = static_cast<uint32_t>(bits - start);
        f.bitWidth = last.bitWidth;
    } else {
        f.offset = g.offset + static_cast<uint32_t>(bits / 8);
    }
    return f;
}

Val ClauseGen::loadField(const FieldRef& f, const Type* type) {
    const Type* r = f.type->resolve();
    unsigned sz = f.bitWidth ? f.unit : static_cast<unsigned>(r->size);
    int s = push();
    b_.loadMapValue(R0, kMapGlobals, f.offset);
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

void ClauseGen::storeField(const FieldRef& f, const Val& vIn) {
    unsigned sz = f.bitWidth ? f.unit : static_cast<unsigned>(f.type->resolve()->size);
    Reg r = intoReg(vIn, R2);
    if (r != R2) b_.mov(R2, r);
    b_.loadMapValue(R1, kMapGlobals, f.offset);
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
    if (!agg.keys.empty()) buildKey(agg.keys, as<Index>(*e.lhs).keys, DctxLayout::kKey);
    // The value argument, kept on the eval stack across the map calls.
    Val arg, incr;
    bool hasArg = !call.args.empty();
    if (hasArg) arg = materialize(expr(*call.args[0]));
    size_t incrArg = f == Func::Quantize ? 1 : f == Func::Lquantize ? 4 : 99;
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
            b_.alu(Alu::Add, R2, DctxLayout::kKey);
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
        b_.alu(Alu::Add, R2, DctxLayout::kKey);
    }
    b_.loadMapValue(R3, kMapGlobals, globals_.zeros(agg.valueSize));
    b_.mov(R4, BPF_NOEXIST);
    b_.call(BPF_FUNC_map_update_elem);
    lookup();
    b_.jmp(Cond::Eq, R0, 0, done);
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
    case Func::Lquantize: {
        // R3 = bucket index, from the value in R2.
        Label idxDone = b_.newLabel();
        if (f == Func::Quantize) {
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
        int32_t maxIdx = static_cast<int32_t>(agg.valueSize / 8 - 1);
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

Val ClauseGen::subroutine(const Call& c) {
    switch (static_cast<Func>(c.funcId)) {
    case Func::Copyinstr: {
        // A user string into this slot's scratch buffer; a bad address faults.
        Val a = materialize(expr(*c.args[0]));
        int size = kStrSize;
        Val lim;
        bool hasLim = c.args.size() > 1;
        if (hasLim) lim = materialize(expr(*c.args[1]));
        int off = DctxLayout::kScratch + (a.slot % 8) * kStrSize;
        Reg src = slotReg(a.slot, R3);
        if (src != R3) b_.mov(R3, src);
        b_.mov(R1, R9);
        b_.alu(Alu::Add, R1, off);
        b_.mov(R2, size);
        if (hasLim) {
            // min(limit + 1, strsize): the limit counts characters, not the NUL.
            Label ok = b_.newLabel();
            Reg l = slotReg(lim.slot, R4);
            b_.mov(R2, l);
            b_.alu(Alu::Add, R2, 1);
            b_.jmp(Cond::Le, R2, size, ok);
            b_.mov(R2, size);
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
        faultIf(Cond::Slt, R0, 0, Fault::BadAddr, R3);
        b_.mov(R0, R9);
        b_.alu(Alu::Add, R0, off);
        setSlot(a.slot, R0);
        a.type = c.type;
        return a;
    }
    case Func::Strlen: {
        Val s = materialize(expr(*c.args[0]));
        Reg p = slotReg(s.slot, R1);
        if (p != R1) b_.mov(R1, p);
        Label loop = b_.newLabel(), end = b_.newLabel();
        b_.mov(R0, 0);
        b_.bind(loop);
        b_.load(Size::B, R2, R1, 0);
        b_.jmp(Cond::Eq, R2, 0, end);
        b_.alu(Alu::Add, R0, 1);
        b_.alu(Alu::Add, R1, 1);
        b_.jmp(Cond::Lt, R0, kStrSize - 1, loop);
        b_.bind(end);
        setSlot(s.slot, R0);
        s.type = c.type;
        return s;
    }
    default:
        fail(Tag::D_UNKNOWN, c.loc, "{}( ) is not supported yet", c.func);
    }
}

const sema::DynVar& ClauseGen::dynVar(const Expr& e) const {
    if (e.kind == ExprKind::Index) return sema_.arrays.at(as<Index>(e).arrayIndex);
    auto& m = as<Member>(e);
    return m.varKind == 1 ? sema_.selfVars.at(m.varIndex) : sema_.thisVars.at(m.varIndex);
}

void ClauseGen::dynKey(const Expr& e) {
    if (e.kind == ExprKind::Member) {
        b_.call(BPF_FUNC_get_current_pid_tgid);
        b_.store(Size::DW, R10, kVarKey, R0);
        return;
    }
    auto& ix = as<Index>(e);
    buildKey(dyn_->arrayKeys.at(ix.arrayIndex), ix.keys, DctxLayout::kArrKey);
}

// Writes a tuple key into the context at `base`: integers as 8 bytes,
// strings zero-filled so that equal strings make equal keys.
void ClauseGen::buildKey(const std::vector<AggKey>& keys, const std::vector<ExprPtr>& exprs,
                         int base) {
    for (size_t k = 0; k < keys.size(); k++) {
        const AggKey& key = keys[k];
        int16_t off = static_cast<int16_t>(base + key.offset);
        if (key.isString) {
            for (uint32_t z = 0; z < key.size; z += 8)
                b_.storeImm(Size::DW, R9, static_cast<int16_t>(off + z), 0);
            Val v = materialize(expr(*exprs[k]));
            Reg src = slotReg(v.slot, R3);
            if (src != R3) b_.mov(R3, src);
            b_.mov(R1, R9);
            b_.alu(Alu::Add, R1, off);
            b_.mov(R2, static_cast<int32_t>(key.size));
            b_.call(BPF_FUNC_probe_read_kernel_str);
            pop();
        } else {
            Val v = expr(*exprs[k]);
            Reg r = intoReg(v, R1);
            b_.store(Size::DW, R9, off, r);
            if (v.kind == Val::Kind::Slot) pop();
        }
    }
}

static void keyPtr(Builder& b, const Expr& e) {
    if (e.kind == ExprKind::Member) {
        b.mov(R2, R10);
        b.alu(Alu::Add, R2, kVarKey);
    } else {
        b.mov(R2, R9);
        b.alu(Alu::Add, R2, DctxLayout::kArrKey);
    }
}

void ClauseGen::countDynDrop() {
    b_.storeImm(Size::W, R10, kTmpKey, 0);
    b_.loadMapFd(R1, kMapDrops);
    b_.mov(R2, R10);
    b_.alu(Alu::Add, R2, kTmpKey);
    b_.call(BPF_FUNC_map_lookup_elem);
    Label none = b_.newLabel();
    b_.jmp(Cond::Eq, R0, 0, none);
    b_.mov(R1, 1);
    b_.atomicAdd(Size::DW, R0, DropsLayout::kDynvar, R1);
    b_.bind(none);
}

Val ClauseGen::loadDyn(const Expr& e) {
    const sema::DynVar& var = dynVar(e);
    bool str = var.type->isString();
    Val v;
    v.type = e.type;
    if (e.kind == ExprKind::Member && as<Member>(e).varKind == 2) {
        int s = push();
        if (str) {
            b_.mov(R0, R9);
            b_.alu(Alu::Add, R0, static_cast<int32_t>(DctxLayout::kThis + var.offset));
        } else {
            b_.load(Size::DW, R0, R9, static_cast<int16_t>(DctxLayout::kThis + var.offset));
        }
        setSlot(s, R0);
        v.slot = s;
        return v;
    }
    dynKey(e);
    int map = e.kind == ExprKind::Member ? dyn_->self.at(as<Member>(e).varIndex)
                                         : dyn_->arrays.at(as<Index>(e).arrayIndex);
    b_.loadMapFd(R1, map);
    keyPtr(b_, e);
    b_.call(BPF_FUNC_map_lookup_elem);
    Label found = b_.newLabel(), done = b_.newLabel();
    b_.jmp(Cond::Ne, R0, 0, found);
    if (str)
        b_.loadMapValue(R0, kMapGlobals, globals_.stringConst(""));
    else
        b_.mov(R0, 0);
    b_.jmp(done);
    b_.bind(found);
    if (!str) b_.load(Size::DW, R0, R0, 0);
    b_.bind(done);
    int s = push();
    setSlot(s, R0);
    v.slot = s;
    return v;
}

void ClauseGen::storeDyn(const Expr& e, const Val& vIn) {
    const sema::DynVar& var = dynVar(e);
    bool str = var.type->isString();
    bool pushed = vIn.kind != Val::Kind::Slot;
    Val v = materialize(vIn);
    if (e.kind == ExprKind::Member && as<Member>(e).varKind == 2) {
        int16_t off = static_cast<int16_t>(DctxLayout::kThis + var.offset);
        Reg r = slotReg(v.slot, R3);
        if (str) {
            if (r != R3) b_.mov(R3, r);
            b_.mov(R1, R9);
            b_.alu(Alu::Add, R1, off);
            b_.mov(R2, 256);
            b_.call(BPF_FUNC_probe_read_kernel_str);
        } else {
            b_.mov(R1, r);
            normalize(R1, var.type);
            b_.store(Size::DW, R9, off, R1);
        }
        if (pushed) pop();
        return;
    }
    dynKey(e);
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
        keyPtr(b_, e);
        b_.call(BPF_FUNC_map_delete_elem);
        b_.jmp(done);
        b_.bind(nonzero);
        b_.store(Size::DW, R10, kVarVal, R3);
        b_.mov(R3, R10);
        b_.alu(Alu::Add, R3, kVarVal);
    } else if (r != R3) {
        b_.mov(R3, r);
    }
    b_.loadMapFd(R1, map);
    keyPtr(b_, e);
    b_.mov(R4, BPF_ANY);
    b_.call(BPF_FUNC_map_update_elem);
    b_.jmp(Cond::Eq, R0, 0, done);
    countDynDrop();
    b_.bind(done);
    if (pushed) pop();
}

Val ClauseGen::assign(const Assign& e) {
    if (e.lhs->kind == ExprKind::AggRef) return aggUpdate(e, as<AggRef>(*e.lhs));
    if (isDyn(*e.lhs)) {
        if (!e.op) {
            Val v = expr(*e.rhs);
            storeDyn(*e.lhs, v);
            v.type = e.type;
            return v;
        }
        Val cur = loadDyn(*e.lhs);
        Val rhs = materialize(expr(*e.rhs));
        Reg ar = slotReg(cur.slot, R1);
        if (ar != R1) b_.mov(R1, ar);
        Reg br = slotReg(rhs.slot, R2);
        if (br != R2) b_.mov(R2, br);
        bool isSigned = e.lhs->type->resolve()->isSigned;
        std::optional<Alu> aop = aluFor(*e.op, isSigned);
        if (!aop || *aop == Alu::Div || *aop == Alu::Mod)
            fail(Tag::D_UNKNOWN, e.loc, "operator not supported yet on this variable");
        b_.alu(*aop, R1, R2);
        pop();
        setSlot(cur.slot, R1);
        storeDyn(*e.lhs, cur);
        cur.type = e.type;
        return cur;
    }
    if (e.lhs->kind == ExprKind::Index && as<Index>(*e.lhs).base->kind == ExprKind::AggRef)
        return aggUpdate(e, as<AggRef>(*as<Index>(*e.lhs).base));
    if (auto f = globalField(*e.lhs); f && !e.op) {
        Val v = expr(*e.rhs);
        storeField(*f, v);
        v.type = e.type;
        return v;
    }
    if (e.lhs->kind != ExprKind::Ident || (!e.lhs->type->isScalar() && !e.lhs->type->isString()))
        fail(Tag::D_UNKNOWN, e.loc, "assignment to {} is not supported by the code generator yet",
             e.lhs->kind == ExprKind::Ident ? "a variable of type " + e.lhs->type->name
                                            : std::string("this lvalue"));
    auto& id = as<Ident>(*e.lhs);
    if (!e.op) {
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
    Val cur = expr(*e.lhs);
    Val rhs = expr(*e.rhs);
    Val a = materialize(cur);
    if (rhs.kind == Val::Kind::Slot && rhs.slot < a.slot)
        fail(Tag::D_UNKNOWN, e.loc, "internal error: compound assignment order");
    Reg ar = slotReg(a.slot, R1);
    if (ar != R1) b_.mov(R1, ar);
    Reg br = intoReg(rhs, R2);
    if (br != R2) b_.mov(R2, br);
    bool isSigned = e.lhs->type->resolve()->isSigned;
    std::optional<Alu> aop = aluFor(*e.op, isSigned);
    if (!aop) fail(Tag::D_UNKNOWN, e.loc, "operator not supported yet");
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
    normalize(R1, e.lhs->type);
    if (rhs.kind == Val::Kind::Slot) pop();
    setSlot(a.slot, R1);
    storeGlobal(id.index, a);
    a.type = e.type;
    return a;
}

uint32_t ClauseGen::reserveField(uint32_t size, uint32_t align) {
    recOff_ = (recOff_ + align - 1) / align * align;
    uint32_t off = recOff_;
    recOff_ += size;
    return off;
}

// Evaluates an action argument into the record (or as a constant source).
ValueSource ClauseGen::recordValue(const Expr& e) {
    Val v = expr(e);
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
    if (r->kind == Type::Kind::String) {
        uint32_t off = reserveField(kStrSize, 1);
        Reg p = slotReg(v.slot, R3);
        if (p != R3) b_.mov(R3, p);
        b_.mov(R1, R8);
        b_.alu(Alu::Add, R1, static_cast<int32_t>(off));
        b_.mov(R2, kStrSize);
        b_.call(BPF_FUNC_probe_read_kernel_str);
        pop();
        src.offset = off;
        src.size = kStrSize;
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
        a.kind = Action::Kind::Trace;
        a.args.push_back(recordValue(*c.args[0]));
        break;
    case Func::Printf:
        a.kind = Action::Kind::Printf;
        a.format = c.format;
        for (size_t i = 1; i < c.args.size(); i++)
            a.args.push_back(recordValue(*c.args[i]));
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

void ClauseGen::stmt(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Expr: {
        actionNo_++;
        const Expr& e = *as<ExprStmt>(s).expr;
        if (e.kind == ExprKind::Call) {
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

void ClauseGen::generate(const Clause& c, Label entry) {
    faultRec_ = b_.newLabel();
    faultNoRec_ = b_.newLabel();
    done_ = b_.newLabel();
    b_.bind(entry);
    b_.mov(R9, R1);
    bool records = clauseRecords(c);
    if (c.predicate) {
        Val p = materialize(expr(*c.predicate));
        Reg r = slotReg(p.slot, R1);
        pop();
        b_.jmp(Cond::Eq, r, 0, done_);
    }
    if (records) {
        b_.loadMapFd(R1, kMapRingbuf);
        sizeInsn_ = b_.pc();
        b_.mov(R2, 0); // patched with the record size below
        b_.mov(R3, 0);
        b_.call(BPF_FUNC_ringbuf_reserve);
        Label ok = b_.newLabel();
        b_.jmp(Cond::Ne, R0, 0, ok);
        // Buffer full: count a drop on this CPU.
        b_.storeImm(Size::W, R10, kTmpKey, 0);
        b_.loadMapFd(R1, kMapDrops);
        b_.mov(R2, R10);
        b_.alu(Alu::Add, R2, kTmpKey);
        b_.call(BPF_FUNC_map_lookup_elem);
        b_.jmp(Cond::Eq, R0, 0, done_);
        b_.mov(R1, 1);
        b_.atomicAdd(Size::DW, R0, DropsLayout::kBuffer, R1);
        b_.jmp(done_);
        b_.bind(ok);
        b_.mov(R8, R0);
        recordLive_ = true;
        b_.load(Size::W, R1, R9, DctxLayout::kProbeId);
        b_.store(Size::W, R8, 0, R1);
        b_.storeImm(Size::H, R8, 4, info_.id);
        b_.call(BPF_FUNC_get_smp_processor_id);
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
        if (describe_) info_.recordSize = size;
    }
    b_.bind(done_);
    b_.mov(R0, 0);
    b_.exit();
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
        b.storeImm(Size::DW, R9, 0, 0);
        b.load(Size::W, R1, R9, DctxLayout::kClause);
        b.alu(Alu::Add, R1, 1); // the enabled probe ID
        b.store(Size::DW, R9, 8, R1);
        b.load(Size::W, R1, R9, DctxLayout::kAction);
        b.store(Size::DW, R9, 16, R1);
        b.load(Size::DW, R1, R9, DctxLayout::kFaultPc);
        b.store(Size::DW, R9, 24, R1);
        b.load(Size::W, R1, R9, DctxLayout::kFault);
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
void emitTrampoline(Builder& b, AttachKind kind, ArgLayout layout, uint32_t constProbe,
                    bool needArgs, const std::vector<Label>& clauses, int sysMap, int ctxArgs) {
    Label out = b.newLabel();
    b.mov(R6, R1);
    b.storeImm(Size::W, R10, -4, 0);
    b.loadMapFd(R1, kMapDctx);
    b.mov(R2, R10);
    b.alu(Alu::Add, R2, -4);
    b.call(BPF_FUNC_map_lookup_elem);
    b.jmp(Cond::Eq, R0, 0, out);
    b.mov(R9, R0);
    bool fires = kind == AttachKind::Tracepoint || kind == AttachKind::PerfClock;
    if (fires) {
        // Only run while tracing is active (after BEGIN, before exit()).
        b.loadMapValue(R1, kMapGlobals, GlobalsLayout::kState);
        b.load(Size::W, R1, R1, 0);
        b.jmp(Cond::Ne, R1, kStateActive, out);
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
        }
    } else {
        b.storeImm(Size::W, R9, DctxLayout::kProbeId, static_cast<int32_t>(constProbe));
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
        case ArgLayout::None:
            for (int i = 0; i < 10; i++)
                b.storeImm(Size::DW, R9, static_cast<int16_t>(8 * i), 0);
            break;
        }
    }
    for (Label l : clauses) {
        b.mov(R1, R9);
        b.callLocal(l);
    }
    b.bind(out);
    b.mov(R0, 0);
    b.exit();
}

int libbpfCpus() {
    return libbpf_num_possible_cpus();
}

// The layout of a tuple key: integers take 8 bytes, strings kStrSize.
// Returns the key's size.
uint32_t keyLayout(const std::vector<const Type*>& types, std::vector<AggKey>& out) {
    uint32_t off = 0;
    for (const Type* t : types) {
        AggKey k;
        const Type* r = t->resolve();
        k.isString = r->isString();
        k.size = k.isString ? kStrSize : 8;
        k.typeSize = k.isString ? kStrSize : static_cast<unsigned>(r->size ? r->size : 8);
        k.isSigned = r->isSigned;
        k.offset = off;
        off += k.size;
        out.push_back(k);
    }
    return off;
}

// Above this many syscall probes with the same clauses, one raw_syscalls
// attachment with an in-kernel filter replaces per-syscall tracepoints:
// attaching is one perf event instead of hundreds, and detaching a syscall
// tracepoint costs the kernel an RCU grace period each.
constexpr size_t kRawSyscallMin = 8;

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
    case AttachKind::Begin:
        return "begin";
    case AttachKind::End:
        return "end";
    case AttachKind::Error:
        return "error";
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
    out.maps.push_back({"dt_ctx", BPF_MAP_TYPE_PERCPU_ARRAY, 4, DctxLayout::kSize, 1, 0, {}});
    out.maps.push_back({"dt_globals", BPF_MAP_TYPE_ARRAY, 4, 0, 1, BPF_F_MMAPABLE, {}});
    out.maps.push_back({"dt_drops", BPF_MAP_TYPE_PERCPU_ARRAY, 4, DropsLayout::kSize, 1, 0, {}});

    // Aggregations: one per-CPU map each.
    for (const sema::AggVar& a : sema.aggs) {
        AggInfo info;
        info.name = a.name;
        info.func = a.func;
        uint32_t off = keyLayout(a.keys, info.keys);
        if (off > DctxLayout::kKeySize)
            fail(Tag::D_KEY_TYPE, a.loc, "@{}: key is too large", a.name);
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
            info.valueSize = (info.levels + 2) * 8;
            entries = std::max(64u, entries / 8);
        }
        bool hash = !info.keys.empty();
        out.maps.push_back({format("dt_agg_{}", out.aggs.size()),
                            hash ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_PERCPU_ARRAY,
                            info.keySize,
                            info.valueSize,
                            hash ? entries : 1u,
                            0,
                            {}});
        out.aggs.push_back(std::move(info));
    }

    // self-> variables: a hash by thread each; associative arrays: a hash by key.
    for (const sema::DynVar& v : sema.selfVars) {
        bool str = v.type->isString();
        out.dyn.self.push_back(static_cast<int>(out.maps.size()));
        out.maps.push_back({format("dt_self_{}", out.dyn.self.size() - 1),
                            BPF_MAP_TYPE_HASH,
                            8,
                            str ? static_cast<uint32_t>(kStrSize) : 8u,
                            str ? opts.dynEntries / 4 : opts.dynEntries,
                            0,
                            {},
                            {}});
    }
    for (const sema::DynVar& v : sema.arrays) {
        std::vector<AggKey> keys;
        uint32_t off = keyLayout(v.keys, keys);
        if (off > DctxLayout::kKeySize)
            fail(Tag::D_KEY_TYPE, Loc{}, "{}: key is too large", v.name);
        bool str = v.type->isString();
        out.dyn.arrays.push_back(static_cast<int>(out.maps.size()));
        out.dyn.arrayKeys.push_back(keys);
        out.dyn.arrayKeySize.push_back(off);
        out.maps.push_back({format("dt_arr_{}", out.dyn.arrays.size() - 1),
                            BPF_MAP_TYPE_HASH,
                            std::max(off, 4u),
                            str ? static_cast<uint32_t>(kStrSize) : 8u,
                            str ? opts.dynEntries / 4 : opts.dynEntries,
                            0,
                            {},
                            {}});
    }

    Globals globals;
    globals.maps = &out.maps;
    globals.init.resize(std::max<uint32_t>(sema.globalsSize, GlobalsLayout::kUser), 0);
    out.formats = sema.formats;

    // Which clauses fire for each probe, in program order.
    std::map<uint32_t, std::vector<int>> byProbe;
    for (size_t i = 0; i < inputs.size(); i++) {
        ClauseInfo ci;
        ci.id = static_cast<uint16_t>(i);
        out.clauses.push_back(ci);
        for (uint32_t p : inputs[i].probes) {
            auto& v = byProbe[p];
            if (v.empty() || v.back() != static_cast<int>(i)) v.push_back(static_cast<int>(i));
        }
    }
    struct GroupKey {
        AttachKind kind;
        ArgLayout layout;
        std::vector<int> clauses;
        uint32_t constProbe;
        bool raw;        // attached to raw_syscalls
        int ctxArgs = 6; // syscall entry: arguments present in the record
        bool operator<(const GroupKey& o) const {
            return std::tie(kind, layout, clauses, constProbe, raw, ctxArgs) <
                   std::tie(o.kind, o.layout, o.clauses, o.constProbe, o.raw, o.ctxArgs);
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
        bool single = p->attach == AttachKind::Begin || p->attach == AttachKind::End;
        groups[{p->attach, p->args, cl, single ? pid : 0, false}].push_back(pid);
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
        if (known.size() < kRawSyscallMin) {
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
        std::vector<Label> errLabels;
        for (int c : errorClauses) {
            Label l = b.newLabel();
            b.nameLabel(l, format("error_clause_{}", c));
            errLabels.push_back(l);
        }
        std::vector<Label> labels;
        for (int c : key.clauses) {
            Label l = b.newLabel();
            b.nameLabel(l, format("clause_{}", c));
            labels.push_back(l);
        }
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
        if (probes.size() == 1 && !key.raw) constProbe = probes[0];
        emitTrampoline(b, key.kind, key.layout, constProbe, needs.args, labels, sysMap,
                       key.ctxArgs);
        bool needErrorFn = false;
        for (size_t i = 0; i < key.clauses.size(); i++) {
            int c = key.clauses[i];
            ClauseGen g(b, out.clauses[c], sema, globals, !described[c], errorFn, &out.aggs,
                        &out.dyn);
            g.generate(*inputs[c].clause, labels[i]);
            described[c] = true;
            needErrorFn |= g.usesErrorFn;
        }
        if (needErrorFn) {
            for (size_t i = 0; i < errorClauses.size(); i++) {
                int c = errorClauses[i];
                ClauseGen g(b, out.clauses[c], sema, globals, !described[c], Label{}, &out.aggs,
                            &out.dyn);
                g.generate(*inputs[c].clause, errLabels[i]);
                described[c] = true;
            }
            emitErrorFn(b, errorFn, errorProbe, errLabels);
        }
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
    if (globals.probeStrMap >= 0) {
        MapDef& m = out.maps[globals.probeStrMap];
        for (uint32_t id : out.matchedProbes) {
            const Probe* p = reg.byId(id);
            std::vector<uint8_t> v(4 * kStrSize, 0);
            const std::string* f[] = {&p->provider, &p->module, &p->function, &p->name};
            for (int i = 0; i < 4; i++)
                memcpy(v.data() + i * kStrSize, f[i]->data(),
                       std::min<size_t>(f[i]->size(), kStrSize - 1));
            m.bytesInit.push_back({id, std::move(v)});
        }
        m.maxEntries = std::max<uint32_t>(1, static_cast<uint32_t>(m.bytesInit.size()));
    }
    globals.init.resize((globals.init.size() + 7) / 8 * 8, 0);
    out.globalsInit = globals.init;
    out.globalsSize = static_cast<uint32_t>(globals.init.size());
    out.maps[kMapGlobals].valueSize = out.globalsSize;
    return out;
}

} // namespace dt::codegen
