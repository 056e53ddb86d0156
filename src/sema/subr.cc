// Prototypes of D's string and memory subroutines: argument checks with
// DTrace's D_PROTO_ARG diagnostics, and result types.
#include <csignal>
#include <map>

#include "diag/diag.h"
#include "sema/builtins.h"
#include "sema/check.h"
#include "util/format.h"

namespace dt::sema {

using namespace ast;

std::optional<int64_t> libraryConstant(const std::string& name) {
    static const std::map<std::string, int64_t> k = {
        {"SIGHUP", SIGHUP},       {"SIGINT", SIGINT},   {"SIGQUIT", SIGQUIT},
        {"SIGILL", SIGILL},       {"SIGTRAP", SIGTRAP}, {"SIGABRT", SIGABRT},
        {"SIGBUS", SIGBUS},       {"SIGFPE", SIGFPE},   {"SIGKILL", SIGKILL},
        {"SIGUSR1", SIGUSR1},     {"SIGSEGV", SIGSEGV}, {"SIGUSR2", SIGUSR2},
        {"SIGPIPE", SIGPIPE},     {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
        {"SIGCHLD", SIGCHLD},     {"SIGCONT", SIGCONT}, {"SIGSTOP", SIGSTOP},
        {"SIGTSTP", SIGTSTP},     {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU},
        {"SIGURG", SIGURG},       {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ},
        {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF}, {"SIGWINCH", SIGWINCH},
        {"SIGIO", SIGIO},         {"SIGPWR", SIGPWR},   {"SIGSYS", SIGSYS},
    };
    auto it = k.find(name);
    if (it != k.end()) return it->second;
    // DTrace's net.d and regs.d (x86-64): address families, and uregs[]
    // indexes as Oracle's DTrace numbers them (pt_regs words, then the
    // segment registers and the trap number).
    static const std::map<std::string, int64_t> lib = {
        {"AF_INET", 2}, {"AF_INET6", 10}, {"R_R15", 0},     {"R_R14", 1},  {"R_R13", 2},
        {"R_R12", 3},   {"R_RBP", 4},     {"R_RBX", 5},     {"R_R11", 6},  {"R_R10", 7},
        {"R_R9", 8},    {"R_R8", 9},      {"R_RAX", 10},    {"R_RCX", 11}, {"R_RDX", 12},
        {"R_RSI", 13},  {"R_RDI", 14},    {"R_ERR", 15},    {"R_RIP", 16}, {"R_CS", 17},
        {"R_RFL", 18},  {"R_RSP", 19},    {"R_SS", 20},     {"R_DS", 21},  {"R_ES", 22},
        {"R_FS", 23},   {"R_GS", 24},     {"R_TRAPNO", 25}, {"R_EBX", 5},  {"R_ECX", 11},
        {"R_EDX", 12},  {"R_ESI", 13},    {"R_EDI", 14},    {"R_EBP", 4},  {"R_EAX", 10},
        {"R_EIP", 16},  {"R_EFL", 18},    {"R_ESP", 19},    {"R_PC", 16},  {"R_FP", 4},
        {"R_SP", 19},   {"R_PS", 18},     {"R_R0", 10},     {"R_R1", 5},
    };
    it = lib.find(name);
    if (it != lib.end()) return it->second;
    return std::nullopt;
}

const Type* Checker::uregsIndex(Index& ix) {
    auto& base = as<Ident>(*ix.base);
    base.ref = Ident::Ref::Builtin;
    base.index = static_cast<int>(Builtin::Uregs);
    base.type = types_.lookup("uint64_t");
    if (ix.keys.size() != 1)
        fail(Tag::D_PROTO_LEN, ix.loc, "uregs[ ] prototype mismatch: {} args passed, 1 expected",
             ix.keys.size());
    const Type* kt = expr(*ix.keys[0]);
    if (!kt->isInteger())
        fail(Tag::D_PROTO_ARG, ix.keys[0]->loc,
             "uregs[ ] argument #1 is incompatible with prototype:\n\tprototype: int\n\t "
             "argument: {}",
             kt->name);
    if (auto n = fold(*ix.keys[0])) {
        if (*n < 0 || *n >= kUregsCount)
            fail(Tag::D_UNKNOWN, ix.loc, "uregs[]: index out of bounds ({})", *n);
        ix.keys[0]->folded = n;
    }
    return ix.type = types_.lookup("uint64_t");
}

namespace {

// A value D accepts where a string is expected: a string, or a pointer to
// or array of char.
bool stringLike(const Type* t) {
    if (t->isString()) return true;
    const Type* r = t->resolve();
    if ((r->kind == Type::Kind::Pointer || r->kind == Type::Kind::Array) && r->target)
        return r->target->resolve()->isChar || r->target->isVoid();
    return false;
}

} // namespace

const Type* Checker::subroutine(Call& c, const std::vector<const Type*>& argTypes) {
    auto protoArg = [&](size_t i, const char* proto) {
        fail(Tag::D_PROTO_ARG, c.args[i]->loc,
             "{}( ) argument #{} is incompatible with prototype:\n\tprototype: {}\n\t argument: {}",
             c.func, i + 1, proto, argTypes[i]->name);
    };
    auto str = [&](size_t i) {
        // (NULL, D's int 0, stands for no string.)
        if (i < argTypes.size() && !stringLike(argTypes[i]) &&
            !(argTypes[i]->isInteger() && fold(*c.args[i]) == std::optional<int64_t>(0)))
            protoArg(i, "char *");
    };
    auto integer = [&](size_t i, const char* proto) {
        if (i < argTypes.size() && !argTypes[i]->isInteger()) protoArg(i, proto);
    };
    switch (static_cast<Func>(c.funcId)) {
    case Func::Strjoin:
    case Func::Strstr:
    case Func::Strtok:
        str(0);
        str(1);
        return types_.stringType();
    case Func::Substr:
        str(0);
        integer(1, "int");
        integer(2, "int");
        return types_.stringType();
    case Func::Index:
    case Func::Rindex:
        str(0);
        str(1);
        integer(2, "int");
        return types_.intType();
    case Func::Strchr:
    case Func::Strrchr:
        str(0);
        integer(1, "char");
        return types_.stringType();
    case Func::Basename:
    case Func::Dirname:
    case Func::Toupper:
    case Func::Tolower:
        str(0);
        return types_.stringType();
    case Func::Lltostr:
        integer(0, "int64_t");
        integer(1, "int");
        return types_.stringType();
    case Func::Htons:
    case Func::Ntohs:
        integer(0, "uint16_t");
        return types_.integer(2, false);
    case Func::Htonl:
    case Func::Ntohl:
        integer(0, "uint32_t");
        return types_.integer(4, false);
    case Func::Htonll:
    case Func::Ntohll:
        integer(0, "uint64_t");
        return types_.integer(8, false);
    case Func::Rand:
        return types_.intType();
    case Func::Copyin:
        if (!argTypes[0]->isInteger() && !argTypes[0]->isPointer()) protoArg(0, "uintptr_t");
        integer(1, "size_t");
        return types_.pointerTo(types_.voidType());
    case Func::Progenyof:
        integer(0, "pid_t");
        return types_.intType();
    case Func::Getmajor:
    case Func::Getminor:
        integer(0, "dev_t");
        return types_.integer(4, false);
    case Func::Speculation:
        return types_.intType();
    case Func::InetNtoa:
        if (!argTypes[0]->isPointer()) protoArg(0, "ipaddr_t *");
        return types_.stringType();
    case Func::InetNtoa6: {
        const Type* r = argTypes[0]->resolve();
        const Type* t =
            r->kind == Type::Kind::Pointer && r->target ? r->target->resolve() : nullptr;
        if (!t || t->kind != Type::Kind::Struct || t->name != "struct in6_addr")
            protoArg(0, "in6_addr_t *");
        integer(1, "int");
        return types_.stringType();
    }
    case Func::InetNtop:
    case Func::LinkNtop:
        integer(0, "int");
        if (!argTypes[1]->isPointer() && argTypes[1]->resolve()->kind != Type::Kind::Array)
            protoArg(1, "void *");
        return types_.stringType();
    case Func::Cleanpath:
        str(0);
        return types_.stringType();
    case Func::MutexOwned:
    case Func::MutexOwner:
    case Func::MutexTypeAdaptive:
    case Func::MutexTypeSpin:
    case Func::RwReadHeld:
    case Func::RwWriteHeld:
    case Func::RwIswriter: {
        // A pointer to the kernel's struct mutex, or to an rwlock_t.
        auto f = static_cast<Func>(c.funcId);
        bool rw = f == Func::RwReadHeld || f == Func::RwWriteHeld || f == Func::RwIswriter;
        const Type* r = argTypes[0]->resolve();
        const Type* t = r->kind == Type::Kind::Pointer ? r->target : nullptr;
        bool ok = t && (rw ? t->name == "rwlock_t" || t->resolve()->name == "struct qrwlock"
                           : t->resolve()->name == "struct mutex");
        if (!ok) protoArg(0, rw ? "rwlock_t *" : "struct mutex *");
        if (f == Func::MutexOwner)
            if (const Type* task = btf_.type(types_, "struct", "task_struct"))
                return types_.pointerTo(task);
        return f == Func::MutexOwner ? types_.lookup("uintptr_t") : types_.intType();
    }
    case Func::DExecargs:
    case Func::DPath: {
        // A pointer to the kernel struct the subroutine reads.
        bool path = static_cast<Func>(c.funcId) == Func::DPath;
        const char* want = path ? "struct path" : "struct task_struct";
        const Type* r = argTypes[0]->resolve();
        const Type* t =
            r->kind == Type::Kind::Pointer && r->target ? r->target->resolve() : nullptr;
        if (!t || t->kind != Type::Kind::Struct || t->name != want)
            protoArg(0, path ? "struct path *" : "struct task_struct *");
        return types_.stringType();
    }
    case Func::Alloca:
        integer(0, "size_t");
        return types_.pointerTo(types_.voidType());
    case Func::Bcopy:
        if (!argTypes[0]->isPointer() && !argTypes[0]->isString() &&
            argTypes[0]->resolve()->kind != Type::Kind::Array)
            protoArg(0, "void *");
        if (!argTypes[1]->isPointer()) protoArg(1, "void *");
        integer(2, "size_t");
        return types_.voidType();
    case Func::Copyinto:
        if (!argTypes[0]->isInteger() && !argTypes[0]->isPointer()) protoArg(0, "uintptr_t");
        integer(1, "size_t");
        if (!argTypes[2]->isPointer()) protoArg(2, "void *");
        return types_.voidType();
    case Func::System: {
        if (c.args[0]->kind != ExprKind::StrLit)
            fail(Tag::D_PRINTF_ARG_FMT, c.args[0]->loc,
                 "system( ) argument #1 is incompatible with prototype:\n\tprototype: string "
                 "constant\n\t argument: {}",
                 argTypes[0]->name);
        formatCall(c, argTypes, "system");
        return types_.voidType();
    }
    case Func::Freopen: {
        // A file name made as printf() makes text; "." and ".." name no file.
        if (c.args[0]->kind != ExprKind::StrLit)
            fail(Tag::D_PRINTF_ARG_FMT, c.args[0]->loc,
                 "freopen( ) argument #1 is incompatible with prototype:\n\tprototype: string "
                 "constant\n\t argument: {}",
                 argTypes[0]->name);
        const std::string& path = as<StrLit>(*c.args[0]).value;
        if (path == "." || path == "..")
            fail(Tag::D_FREOPEN_INVALID, c.args[0]->loc, "freopen( ) argument #1 cannot be \"{}\"",
                 path);
        formatCall(c, argTypes, "freopen");
        return types_.voidType();
    }
    case Func::Ftruncate:
        return types_.voidType();
    case Func::Speculate:
    case Func::Commit:
    case Func::Discard:
    case Func::Raise:
    case Func::Chill:
        integer(0, "int");
        return types_.voidType();
    case Func::Copyout:
        if (!argTypes[0]->isPointer()) protoArg(0, "void *");
        integer(1, "uintptr_t");
        integer(2, "size_t");
        return types_.voidType();
    case Func::Copyoutstr:
        str(0);
        integer(1, "uintptr_t");
        integer(2, "size_t");
        return types_.voidType();
    default:
        return nullptr;
    }
}

namespace {

// The variable an lvalue names, as a key of allocaVars_ ("" if none).
std::string allocaVarKey(const Expr& e) {
    if (e.kind == ExprKind::Ident && as<Ident>(e).ref == Ident::Ref::Global)
        return "g" + std::to_string(as<Ident>(e).index);
    if (e.kind == ExprKind::Member && as<Member>(e).varKind != 0)
        return format("v{}.{}", as<Member>(e).varKind, as<Member>(e).varIndex);
    if (e.kind == ExprKind::Index && as<Index>(e).arrayIndex >= 0)
        return "a" + std::to_string(as<Index>(e).arrayIndex);
    return "";
}

bool isNull(const Expr& e) {
    const Expr* x = &e;
    while (x->kind == ExprKind::Cast)
        x = as<Cast>(*x).operand.get();
    return x->kind == ExprKind::IntLit && as<IntLit>(*x).value == 0;
}

} // namespace

// Whether e's value points into alloca() memory, as far as the compiler can
// tell: alloca()'s result, a variable given one, arithmetic on one.
bool Checker::allocaValue(const Expr& e) const {
    switch (e.kind) {
    case ExprKind::Call:
        return as<Call>(e).funcId == static_cast<int>(Func::Alloca);
    case ExprKind::Cast:
        return allocaValue(*as<Cast>(e).operand);
    case ExprKind::Assign:
        return allocaValue(*as<Assign>(e).rhs);
    case ExprKind::Ternary:
        return allocaValue(*as<Ternary>(e).then) || allocaValue(*as<Ternary>(e).otherwise);
    case ExprKind::Binary: {
        auto& b = as<Binary>(e);
        if (b.op == BinaryOp::Comma) return allocaValue(*b.rhs);
        if (b.op != BinaryOp::Add && b.op != BinaryOp::Sub) return false;
        return e.type && e.type->isPointer() && (allocaValue(*b.lhs) || allocaValue(*b.rhs));
    }
    default: {
        auto it = allocaVars_.find(allocaVarKey(e));
        return it != allocaVars_.end() && it->second;
    }
    }
}

// DTrace keeps alloca() pointers apart from others: a variable holds one
// kind only (NULL goes with both), and a conditional mixing them cannot be
// stored.
void Checker::allocaAssign(const Assign& a) {
    std::string key = allocaVarKey(*a.lhs);
    if (key.empty() || isNull(*a.rhs)) return;
    const Expr* v = a.rhs.get();
    while (v->kind == ExprKind::Cast)
        v = as<Cast>(*v).operand.get();
    if (v->kind == ExprKind::Ternary) {
        auto& t = as<Ternary>(*v);
        bool x = allocaValue(*t.then), y = allocaValue(*t.otherwise);
        if (x != y && !isNull(*(x ? t.otherwise : t.then)))
            fail(Tag::D_ALLOCA_INCOMPAT, a.loc,
                 "ternary conditional with alloca and non-alloca branches cannot be assigned to "
                 "a variable");
    }
    bool isAlloca = allocaValue(*a.rhs);
    if (!isAlloca && !(a.rhs->type && a.rhs->type->isPointer())) return;
    auto [it, fresh] = allocaVars_.emplace(key, isAlloca);
    if (!fresh && it->second != isAlloca) {
        std::string name = a.lhs->kind == ExprKind::Ident    ? as<Ident>(*a.lhs).name
                           : a.lhs->kind == ExprKind::Member ? as<Member>(*a.lhs).member
                           : as<Index>(*a.lhs).base->kind == ExprKind::Ident
                               ? as<Ident>(*as<Index>(*a.lhs).base).name
                               : std::string();
        fail(Tag::D_ALLOCA_INCOMPAT, a.loc,
             "{}: cannot reuse the same identifier for both alloca and non-alloca allocations",
             name);
    }
}

namespace {

// The top-level calls and aggregations of a clause, in order (if/else
// branches flattened).
void orderedActions(const Stmt& s, std::vector<const Expr*>& out) {
    switch (s.kind) {
    case StmtKind::Expr:
        out.push_back(as<ExprStmt>(s).expr.get());
        break;
    case StmtKind::Block:
        for (auto& c : as<Block>(s).stmts)
            orderedActions(*c, out);
        break;
    case StmtKind::If: {
        auto& i = as<IfStmt>(s);
        orderedActions(*i.then, out);
        if (i.otherwise) orderedActions(*i.otherwise, out);
        break;
    }
    case StmtKind::Empty:
        break;
    }
}

bool isDestructive(Func f) {
    switch (f) {
    case Func::System:
    case Func::Raise:
    case Func::Stop:
    case Func::Panic:
    case Func::Chill:
    case Func::Breakpoint:
    case Func::Copyout:
    case Func::Copyoutstr:
    case Func::Freopen:
    case Func::Ftruncate:
        return true;
    default:
        return false;
    }
}

} // namespace

void Checker::checkActionOrder(Clause& clause) {
    std::vector<const Expr*> acts;
    for (auto& s : clause.body)
        orderedActions(*s, acts);
    bool spec = false, commit = false, drec = false;
    for (const Expr* e : acts) {
        bool agg = e->kind == ExprKind::Assign &&
                   (as<Assign>(*e).lhs->kind == ExprKind::AggRef ||
                    (as<Assign>(*e).lhs->kind == ExprKind::Index &&
                     as<Index>(*as<Assign>(*e).lhs).base->kind == ExprKind::AggRef));
        if (agg) {
            if (spec)
                fail(Tag::D_AGG_SPEC, e->loc, "aggregating actions may not follow speculate( )");
            if (commit)
                fail(Tag::D_AGG_COMM, e->loc, "aggregating actions may not follow commit( )");
            continue;
        }
        if (e->kind != ExprKind::Call || as<Call>(*e).funcId < 0) continue;
        Func f = static_cast<Func>(as<Call>(*e).funcId);
        switch (f) {
        case Func::Speculate:
            if (commit) fail(Tag::D_SPEC_COMM, e->loc, "speculate( ) may not follow commit( )");
            if (spec) fail(Tag::D_SPEC_SPEC, e->loc, "speculate( ) may not follow speculate( )");
            if (drec)
                fail(Tag::D_SPEC_DREC, e->loc,
                     "speculate( ) may not follow data-recording action(s)");
            spec = true;
            break;
        case Func::Commit:
        case Func::Discard:
            if (f == Func::Commit && spec)
                fail(Tag::D_COMM_SPEC, e->loc, "commit( ) may not follow speculate( )");
            if (f == Func::Commit && drec)
                fail(Tag::D_COMM_DREC, e->loc, "commit( ) may not follow data-recording action(s)");
            if (f == Func::Commit) commit = true;
            break;
        default:
            if (isDestructive(f)) {
                if (spec)
                    fail(Tag::D_ACT_SPEC, e->loc,
                         "destructive actions may not follow speculate( )");
                break;
            }
            if (!funcInfo(f).isAction) break;
            if (f == Func::Exit && spec)
                fail(Tag::D_EXIT_SPEC, e->loc, "exit( ) may not follow speculate( )");
            if (commit)
                fail(Tag::D_DREC_COMM, e->loc, "data-recording actions may not follow commit( )");
            drec = true;
            break;
        }
    }
}

} // namespace dt::sema
