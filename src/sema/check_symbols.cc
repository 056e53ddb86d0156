// Semantic checks of the actions and subroutines whose values print as
// symbols: stack(), ustack() and sym(), func(), mod(), usym(), ufunc(),
// umod(), uaddr().  Their results get types that carry the symbol kind and
// stack depth, so that records and aggregation keys can be laid out.
#include "sema/builtins.h"
#include "sema/check.h"

namespace dt::sema {

using namespace ast;

namespace {

// A constant integer argument (an integer literal, maybe negated).
bool constantArg(const Expr& e, int64_t& out) {
    if (e.kind == ExprKind::IntLit) {
        out = static_cast<int64_t>(as<IntLit>(e).value);
        return true;
    }
    if (e.kind == ExprKind::Unary && as<Unary>(e).op == UnaryOp::Neg &&
        as<Unary>(e).operand->kind == ExprKind::IntLit) {
        out = -static_cast<int64_t>(as<IntLit>(*as<Unary>(e).operand).value);
        return true;
    }
    return false;
}

const char* symbolTypeName(SymbolKind k) {
    switch (k) {
    case SymbolKind::KernelStack:
    case SymbolKind::UserStack: // (as DTrace names ustack()'s type too)
        return "stack";
    case SymbolKind::KernelSym:
        return "_symaddr";
    case SymbolKind::KernelMod:
        return "_modaddr";
    case SymbolKind::UserSym:
        return "_usymaddr";
    case SymbolKind::UserMod:
        return "_umodaddr";
    case SymbolKind::UserAddr:
    case SymbolKind::KernelAddr:
        return "_uaddr";
    case SymbolKind::None:
        break;
    }
    return "?";
}

// One interned type per (kind, depth), registered under a name no D
// identifier can spell (so that "stack" stays a function name).
const Type* symbolType(TypeTable& types, SymbolKind k, uint32_t frames) {
    std::string key = "<" + std::to_string(static_cast<int>(k)) + ">" + std::to_string(frames);
    if (const Type* t = types.lookup(key)) return t;
    Type t;
    t.kind = Type::Kind::Int;
    t.name = symbolTypeName(k);
    t.size = 8;
    t.align = 8;
    t.symbol = k;
    t.frames = frames;
    Type* made = types.create(std::move(t));
    types.define(key, made);
    return made;
}

} // namespace

const Type* Checker::symbolCall(Call& c) {
    Func f = static_cast<Func>(c.funcId);
    if (f == Func::Jstack) {
        // Java frames need the JVM's stack helpers, which Linux lacks:
        // jstack() records the user stack, as ustack() does.
        f = Func::Ustack;
        c.funcId = static_cast<int>(f);
    }
    size_t n = c.args.size();
    auto tooMany = [&](size_t max) {
        if (n > max)
            fail(Tag::D_PROTO_LEN, c.loc,
                 "{}( ) prototype mismatch: {} args passed, at most {} expected", c.func, n, max);
    };
    if (f == Func::Stack || f == Func::Ustack) {
        tooMany(f == Func::Stack ? 1 : 2);
        int64_t frames = 0;
        if (n >= 1) {
            if (!constantArg(*c.args[0], frames) || frames <= 0)
                fail(f == Func::Stack ? Tag::D_STACK_SIZE : Tag::D_USTACK_FRAMES, c.args[0]->loc,
                     "{}( ) argument #1 must be a non-zero positive integer constant", c.func);
            expr(*c.args[0]);
        }
        if (n >= 2) {
            const Type* t = expr(*c.args[1]);
            int64_t strsize = 0;
            if (!t->isInteger())
                fail(Tag::D_PROTO_ARG, c.args[1]->loc,
                     "ustack( ) argument #2 is incompatible with prototype:\n\tprototype: "
                     "uint32_t\n\t argument: {}",
                     t->name);
            if (!constantArg(*c.args[1], strsize) || strsize < 0)
                fail(Tag::D_USTACK_STRSIZE, c.args[1]->loc,
                     "ustack( ) argument #2 must be a positive integer constant");
        }
        uint32_t depth =
            static_cast<uint32_t>(std::min<int64_t>(frames, static_cast<int64_t>(kMaxStackFrames)));
        return symbolType(
            types_, f == Func::Stack ? SymbolKind::KernelStack : SymbolKind::UserStack, depth);
    }
    if (n != 1)
        fail(Tag::D_PROTO_LEN, c.loc, "{}( ) prototype mismatch: {} arg{} passed, 1 expected",
             c.func, n, n == 1 ? "" : "s");
    const Type* t = expr(*c.args[0]);
    if (!t->isInteger() && !t->isPointer())
        fail(Tag::D_PROTO_ARG, c.args[0]->loc,
             "{}( ) argument #1 is incompatible with prototype:\n\tprototype: uintptr_t\n\t "
             "argument: {}",
             c.func, t->name);
    SymbolKind k = SymbolKind::None;
    switch (f) {
    case Func::Sym:
    case Func::Kfunc:
        k = SymbolKind::KernelSym;
        break;
    case Func::Mod:
        k = SymbolKind::KernelMod;
        break;
    case Func::Usym:
    case Func::Ufunc:
        k = SymbolKind::UserSym;
        break;
    case Func::Umod:
        k = SymbolKind::UserMod;
        break;
    default:
        k = SymbolKind::UserAddr;
        break;
    }
    return symbolType(types_, k, 0);
}

} // namespace dt::sema
