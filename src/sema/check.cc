#include "sema/check.h"

#include <cmath>

#include "ast/walk.h"

#include <unistd.h>

#include <algorithm>

#include "sema/builtins.h"
#include "util/strutil.h"

namespace dt::sema {

using namespace ast;

// The plain variable an expression node assigns (=, op=, ++, --), if any.
static const Ident* assignedVar(const Expr& e) {
    if (e.kind == ExprKind::Assign && as<Assign>(e).lhs->kind == ExprKind::Ident)
        return &as<Ident>(*as<Assign>(e).lhs);
    if (e.kind == ExprKind::Unary) {
        auto& u = as<Unary>(e);
        if ((u.op == UnaryOp::PreInc || u.op == UnaryOp::PostInc || u.op == UnaryOp::PreDec ||
             u.op == UnaryOp::PostDec) &&
            u.operand->kind == ExprKind::Ident)
            return &as<Ident>(*u.operand);
    }
    return nullptr;
}

void Checker::checkClause(Clause& clause, ClauseArgs args) {
    clauseArgs_ = std::move(args);
    checkClause(clause);
    clauseArgs_ = ClauseArgs{};
}

void Checker::checkClause(Clause& clause) {
    // As DTrace: a predicate may use a variable that the clause's actions
    // assign (and the predicate does not); those are checked first then.
    // Otherwise the predicate's errors come first.
    bool bodyFirst = false;
    if (clause.predicate) {
        // Names the body assigns, and the predicate uses and assigns.
        std::vector<std::string> names, ownNames, used;
        for (auto& s : clause.body)
            walk(*s, [&](const Expr& e) {
                if (const Ident* id = assignedVar(e)) names.push_back(id->name);
            });
        walk(*clause.predicate, [&](const Expr& e) {
            if (const Ident* id = assignedVar(e)) ownNames.push_back(id->name);
            if (e.kind == ExprKind::Ident) used.push_back(as<Ident>(e).name);
        });
        auto has = [](const std::vector<std::string>& v, const std::string& n) {
            return std::find(v.begin(), v.end(), n) != v.end();
        };
        for (const auto& n : names) {
            bool known = findBuiltin(n) != nullptr || has(ownNames, n) || !has(used, n);
            for (const auto& g : globals_)
                known |= g.name == n;
            if (!known) bodyFirst = true;
        }
    }
    if (bodyFirst)
        for (auto& s : clause.body)
            stmt(*s);
    if (clause.predicate) {
        const Type* t = expr(*clause.predicate);
        // (DTrace checks the predicate's type once the clause is read.)
        if (!t->isScalar() && !t->isString())
            fail(Tag::D_PRED_SCALAR, clause.end.line ? clause.end : clause.predicate->loc,
                 "predicate result must be of scalar type");
    }
    if (!bodyFirst)
        for (auto& s : clause.body)
            stmt(*s);
    checkActionOrder(clause);
}

SemaResult Checker::finish() {
    SemaResult r;
    r.globals = globals_;
    r.aggs = aggs_;
    r.selfVars = selfVars_;
    r.thisVars = thisVars_;
    r.arrays = arrays_;
    r.globalsSize = nextGlobal_;
    r.formats = std::move(formats_);
    r.stringType = types_.stringType();
    return r;
}

void Checker::stmt(Stmt& s) {
    switch (s.kind) {
    case StmtKind::Expr: {
        Expr& e = *as<ExprStmt>(s).expr;
        if (e.kind == ExprKind::Call)
            e.type = call(as<Call>(e), true);
        else
            expr(e);
        break;
    }
    case StmtKind::If: {
        auto& i = as<IfStmt>(s);
        expr(*i.cond);
        stmt(*i.then);
        if (i.otherwise) stmt(*i.otherwise);
        break;
    }
    case StmtKind::Block:
        for (auto& c : as<Block>(s).stmts)
            stmt(*c);
        break;
    case StmtKind::Empty:
        break;
    }
}

int Checker::declareGlobal(const std::string& name, const Type* t) {
    uint32_t align = t->isString() ? 8 : std::max<uint32_t>(1, t->resolve()->align);
    nextGlobal_ = (nextGlobal_ + align - 1) / align * align;
    globals_.push_back({name, t, nextGlobal_});
    // (A string's storage holds strsize characters, the NUL and a byte
    // that marks NULL.)
    nextGlobal_ += static_cast<uint32_t>(t->size) + (t->isString() ? 2 : 0);
    return static_cast<int>(globals_.size() - 1);
}

const Type* Checker::ident(Ident& id, bool lvalue, const Type* assignType) {
    if (!id.backquote) {
        for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
            if (it->name == id.name) {
                id.ref = Ident::Ref::XlateInput;
                id.translator = it->translator;
                return id.type = it->type;
            }
        if (auto it = enumConsts_.find(id.name); it != enumConsts_.end()) {
            if (lvalue) fail(Tag::D_ASSIGN_LVAL, id.loc, "operator = requires a writable lvalue");
            id.ref = Ident::Ref::Constant;
            id.constValue = it->second.value;
            return id.type = it->second.type;
        }
        if (auto it = inlines_.find(id.name); it != inlines_.end()) {
            if (lvalue) fail(Tag::D_ASSIGN_LVAL, id.loc, "operator = requires a writable lvalue");
            if (!it->second.value) {
                id.ref = Ident::Ref::Inline;
                id.inlineValue = it->second.expr;
                return id.type = it->second.type;
            }
            id.ref = Ident::Ref::Constant;
            id.constValue = *it->second.value;
            return id.type = it->second.type;
        }
        if (fromLibrary(id.name)) return ident(id, lvalue, assignType);
        for (const auto& a : arrays_)
            if (a.name == id.name)
                fail(Tag::D_IDENT_BADREF, id.loc,
                     "associative array '{}' may not be referenced as scalar", id.name);
        if (id.name == "args")
            fail(Tag::D_IDENT_BADREF, id.loc, "args[ ] may not be referenced as scalar");
        for (size_t i = 0; i < globals_.size(); i++)
            if (globals_[i].name == id.name) {
                id.ref = Ident::Ref::Global;
                id.index = static_cast<int>(i);
                return id.type = globals_[i].type;
            }
        if (const BuiltinInfo* b = findBuiltin(id.name)) {
            // A built-in variable is an lvalue DTrace does not let a
            // program write.
            if (lvalue)
                fail(Tag::D_OP_WRITE, id.loc,
                     "operator = can only be applied to a writable variable");
            if (b->id == Builtin::Args)
                fail(Tag::D_IDENT_BADREF, id.loc, "args[ ] may not be referenced as a scalar");
            if (b->id == Builtin::Uregs)
                fail(Tag::D_IDENT_BADREF, id.loc, "uregs[ ] may not be referenced as a scalar");
            id.ref = Ident::Ref::Builtin;
            id.index = static_cast<int>(b->id);
            if (b->id == Builtin::Curthread)
                if (const Type* task = btf_.type(types_, "struct", "task_struct"))
                    return id.type = types_.pointerTo(task);
            return id.type = types_.lookup(b->type);
        }
        if (auto v = libraryConstant(id.name); v && !lvalue) {
            id.ref = Ident::Ref::Constant;
            id.constValue = *v;
            return id.type = types_.intType();
        }
        if (lvalue) {
            id.ref = Ident::Ref::Global;
            id.index = declareGlobal(id.name, assignType ? assignType : types_.longType());
            return id.type = globals_[id.index].type;
        }
    }
    if (id.backquote) {
        if (!id.scope.empty() && id.scope != "vmlinux" &&
            access(("/sys/module/" + id.scope).c_str(), F_OK) != 0)
            fail(Tag::D_IDENT_UNDEF, id.loc, "failed to resolve {}`{}: Module is no longer loaded",
                 id.scope, id.name);
        fail(Tag::D_IDENT_UNDEF, id.loc, "failed to resolve {}`{}: Unknown symbol name", id.scope,
             id.name);
    }
    fail(Tag::D_IDENT_UNDEF, id.loc, "failed to resolve {}: Unknown variable name", id.name);
}

const Type* Checker::intLit(IntLit& e) {
    if (e.isChar) return e.type = types_.intType(); // as DTrace: character constants are int
    bool u = e.suffix.find('u') != std::string::npos;
    size_t ls = std::count(e.suffix.begin(), e.suffix.end(), 'l');
    uint64_t v = e.value;
    const Type* t;
    if (ls == 0 && !u && v <= 0x7fffffffu)
        t = types_.intType();
    else if (ls == 0 && (u || !e.isDecimal) && v <= 0xffffffffu)
        t = types_.uintType();
    else if (!u && v <= 0x7fffffffffffffffull)
        t = ls >= 2 ? types_.llType() : types_.longType();
    else
        t = ls >= 2 ? types_.ullType() : types_.ulongType();
    return e.type = t;
}

output::ArgType Checker::argType(const Type* t) const {
    output::ArgType a;
    const Type* r = t->resolve();
    a.name = t->name;
    a.size = static_cast<unsigned>(r->size);
    if (isStack(r->symbol)) { // stack() and ustack(): only %k takes them
        a.kind = output::ArgType::Kind::Other;
        return a;
    }
    switch (r->kind) {
    case Type::Kind::Int:
    case Type::Kind::Enum:
        a.kind = output::ArgType::Kind::Int;
        a.isSigned = r->isSigned;
        a.isChar = r->isChar;
        break;
    case Type::Kind::Pointer:
        a.kind = output::ArgType::Kind::Pointer;
        break;
    case Type::Kind::String:
        a.kind = output::ArgType::Kind::String;
        break;
    case Type::Kind::Float:
        a.kind = output::ArgType::Kind::Float;
        break;
    case Type::Kind::Struct:
    case Type::Kind::Union:
        a.kind = output::ArgType::Kind::Struct;
        break;
    case Type::Kind::Array:
        if (r->target && r->target->resolve()->isChar) {
            a.kind = output::ArgType::Kind::String;
            break;
        }
        a.kind = output::ArgType::Kind::Other;
        break;
    default:
        a.kind = output::ArgType::Kind::Other;
        break;
    }
    return a;
}

// printf()-like calls: the format (argument 1, a string constant) checked
// against the other arguments and kept for the consumer.
void Checker::formatCall(Call& c, const std::vector<const Type*>& argTypes, const char* func) {
    auto fmt = output::Format::parse(as<StrLit>(*c.args[0]).value, func, c.loc);
    std::vector<output::ArgType> at;
    for (size_t i = 1; i < argTypes.size(); i++)
        at.push_back(argType(argTypes[i]));
    fmt.check(at, 2, c.loc);
    c.format = static_cast<int>(formats_.size());
    formats_.push_back(std::move(fmt));
}

const Type* Checker::call(Call& c, bool asStatement) {
    const FuncInfo* f = findFunc(c.func);
    if (!f) fail(Tag::D_FUNC_UNDEF, c.loc, "failed to resolve {}: Unknown function name", c.func);
    if (f->isAggregating)
        fail(Tag::D_CG_EXPR, c.loc, "{}( ) may only be used as the value of an aggregation",
             c.func);
    c.funcId = static_cast<int>(f->id);
    if (isSymbolFunc(f->id)) return symbolCall(c);
    int n = static_cast<int>(c.args.size());
    if (n < f->minArgs || (f->maxArgs >= 0 && n > f->maxArgs)) {
        if (f->maxArgs > f->minArgs)
            fail(Tag::D_PROTO_LEN, c.loc,
                 "{}( ) prototype mismatch: {} arg{} passed, at {} {} expected", c.func, n,
                 n == 1 ? "" : "s", n > f->maxArgs ? "most" : "least",
                 n > f->maxArgs ? f->maxArgs : f->minArgs);
        if (f->maxArgs < 0)
            fail(Tag::D_PROTO_LEN, c.loc,
                 "{}( ) prototype mismatch: {} arg{} passed, at least {} expected", c.func, n,
                 n == 1 ? "" : "s", f->minArgs);
        fail(Tag::D_PROTO_LEN, c.loc, "{}( ) prototype mismatch: {} arg{} passed, {} expected",
             c.func, n, n == 1 ? "" : "s", f->minArgs);
    }
    (void)asStatement; // actions used as values have type void (DTrace checks the use)
    if (f->id == Func::Printa) {
        size_t first = 0;
        if (c.args[0]->kind == ExprKind::StrLit) {
            auto fmt = output::Format::parse(as<StrLit>(*c.args[0]).value, "printa", c.loc);
            c.format = static_cast<int>(formats_.size());
            formats_.push_back(std::move(fmt));
            first = 1;
        }
        if (first == c.args.size())
            fail(Tag::D_PRINTA_PROTO, c.loc,
                 "printa( ) prototype mismatch: {} args passed, {} expected", c.args.size(),
                 first + 1);
        for (size_t i = first; i < c.args.size(); i++) {
            Expr& a = *c.args[i];
            int id = -1;
            if (a.kind == ExprKind::AggRef)
                for (size_t k = 0; k < aggs_.size(); k++)
                    if (aggs_[k].name == as<AggRef>(a).name) id = static_cast<int>(k);
            if (id < 0)
                fail(Tag::D_PRINTA_AGGARG, a.loc,
                     "printa( ) argument #{} is incompatible with prototype:\n\tprototype: "
                     "aggregation\n\t argument: {}",
                     i + 1,
                     a.kind == ExprKind::AggRef ? std::string("undefined aggregation")
                                                : expr(a)->name);
            c.aggIds.push_back(id);
        }
        // Aggregations printed together are joined by key: the keys must match.
        const AggVar& lead = aggs_[static_cast<size_t>(c.aggIds[0])];
        for (size_t j = 1; j < c.aggIds.size(); j++) {
            const AggVar& other = aggs_[static_cast<size_t>(c.aggIds[j])];
            if (other.keys.size() != lead.keys.size())
                fail(Tag::D_PRINTA_AGGKEY, c.loc,
                     "printa( ): @{} and @{} do not have matching key signatures: @{} has {} "
                     "key{}, @{} has {} key{}",
                     lead.name, other.name, lead.name, lead.keys.size(),
                     lead.keys.size() == 1 ? "" : "s", other.name, other.keys.size(),
                     other.keys.size() == 1 ? "" : "s");
            for (size_t k = 0; k < lead.keys.size(); k++) {
                const Type* x = lead.keys[k]->resolve();
                const Type* y = other.keys[k]->resolve();
                bool same = x->isString() == y->isString() &&
                            (x->isString() || (x->isScalar() && y->isScalar()));
                auto pad = [](const std::string& n) {
                    return n.size() >= 9 ? n : std::string(9 - n.size(), ' ') + n;
                };
                if (!same)
                    fail(Tag::D_PRINTA_AGGPROTO, c.loc,
                         "printa( ): @{}[ ] key #{} is incompatible with @{}:\n{} key #{}: "
                         "{}\n{} key #{}: {}",
                         other.name, k + 1, lead.name, pad(lead.name), k + 1, lead.keys[k]->name,
                         pad(other.name), k + 1, other.keys[k]->name);
            }
        }
        // The format's conversions take the keys in order, then %@ the values.
        if (c.format >= 0) {
            std::vector<output::ArgType> at;
            for (const Type* t : lead.keys)
                at.push_back(argType(t));
            formats_[static_cast<size_t>(c.format)].checkPrinta(at, c.loc);
        }
        return types_.voidType();
    }
    if (f->id == Func::Normalize || f->id == Func::Denormalize || f->id == Func::Trunc ||
        f->id == Func::Clear) {
        // The first argument names an aggregation; the second is a scalar.
        const Expr& a0 = *c.args[0];
        int id = -1;
        if (a0.kind == ExprKind::AggRef)
            for (size_t k = 0; k < aggs_.size(); k++)
                if (aggs_[k].name == as<AggRef>(a0).name) id = static_cast<int>(k);
        if (id < 0)
            fail(f->id == Func::Trunc   ? Tag::D_TRUNC_AGGARG
                 : f->id == Func::Clear ? Tag::D_CLEAR_AGGARG
                                        : Tag::D_NORMALIZE_AGGARG,
                 a0.loc,
                 "{}( ) argument #1 is incompatible with prototype:\n\tprototype: "
                 "aggregation\n\t argument: {}",
                 c.func, a0.kind == ExprKind::AggRef ? "undefined aggregation" : "expression");
        c.aggIds.push_back(id);
        if (c.args.size() > 1) {
            const Expr& a1 = *c.args[1];
            const Type* t = a1.kind == ExprKind::AggRef ? nullptr : expr(*c.args[1]);
            if (!t || !t->isScalar())
                fail(Tag::D_PROTO_ARG, a1.loc,
                     "{}( ) argument #2 is incompatible with prototype:\n\tprototype: "
                     "scalar\n\t argument: {}",
                     c.func, t ? t->name : "aggregation");
        }
        return types_.voidType();
    }
    if (f->id == Func::Setopt) {
        // Option name and value: strings, read by the consumer.
        for (size_t i = 0; i < c.args.size(); i++) {
            const Type* t = expr(*c.args[i]);
            if (!t->isString())
                fail(Tag::D_PROTO_ARG, c.args[i]->loc,
                     "setopt( ) argument #{} is incompatible with prototype:\n\tprototype: "
                     "string\n\t argument: {}",
                     i + 1, t->name);
        }
        return types_.voidType();
    }
    std::vector<const Type*> argTypes;
    for (auto& a : c.args)
        argTypes.push_back(expr(*a));
    auto protoArg = [&](size_t i, const char* proto) {
        fail(Tag::D_PROTO_ARG, c.args[i]->loc,
             "{}( ) argument #{} is incompatible with prototype:\n\tprototype: {}\n\t argument: {}",
             c.func, i + 1, proto, argTypes[i]->name);
    };
    switch (f->id) {
    case Func::Copyinstr:
        if (!argTypes[0]->isInteger() && !argTypes[0]->isPointer()) protoArg(0, "uintptr_t");
        if (argTypes.size() > 1 && !argTypes[1]->isInteger()) protoArg(1, "size_t");
        return types_.stringType();
    case Func::Strlen:
        if (!argTypes[0]->isString()) protoArg(0, "string");
        return types_.ulongType();
    case Func::Trace:
        if (argTypes[0]->isVoid())
            fail(Tag::D_TRACE_VOID, c.loc, "trace( ) may not be applied to a void expression");
        break;
    case Func::Tracemem: {
        if (!argTypes[0]->isInteger() && !argTypes[0]->isPointer())
            fail(Tag::D_TRACEMEM_ADDR, c.args[0]->loc,
                 "tracemem( ) argument #1 is incompatible with prototype:\n\tprototype: pointer or "
                 "integer\n\t argument: {}",
                 argTypes[0]->name);
        const Expr& size = *c.args[1];
        if (size.kind != ExprKind::IntLit || as<IntLit>(size).value == 0 ||
            static_cast<int64_t>(as<IntLit>(size).value) < 0)
            fail(
                Tag::D_TRACEMEM_SIZE, size.loc,
                "tracemem( ) argument #2 must be a non-zero positive integral constant expression");
        if (c.args.size() > 2 && !argTypes[2]->isInteger())
            fail(Tag::D_PROTO_ARG, c.args[2]->loc,
                 "tracemem( ) argument #3 is incompatible with prototype:\n\tprototype: "
                 "integer\n\t argument: {}",
                 argTypes[2]->name);
        break;
    }
    case Func::Print: {
        // As DTrace's print(void *): what a pointer points to; a struct,
        // union or array lvalue is printed as it is.
        const Type* r = argTypes[0]->resolve();
        const Type* shown = r->kind == Type::Kind::Pointer ? r->target : nullptr;
        if (!shown && (isStructOrUnion(r) || r->kind == Type::Kind::Array)) shown = argTypes[0];
        if (!shown || shown->resolve()->kind == Type::Kind::Function) protoArg(0, "void *");
        if (shown->isVoid())
            fail(Tag::D_DEREF_VOID, c.args[0]->loc,
                 "print( ) cannot dereference pointer to void: its type is unknown");
        // The consumer shows every member held by value: their kernel
        // types need their members too.
        std::vector<const Type*> todo{shown};
        while (!todo.empty()) {
            const Type* t = todo.back()->resolve();
            todo.pop_back();
            if (t->kind == Type::Kind::Array && t->target) {
                todo.push_back(t->target);
            } else if (isStructOrUnion(t)) {
                btf_.complete(types_, t);
                for (const auto& m : t->members)
                    todo.push_back(m.type);
            }
        }
        if (!shown->resolve()->complete)
            fail(Tag::D_OP_INCOMPLETE, c.args[0]->loc,
                 "print( ) cannot be applied to a forward declaration: no {} definition is "
                 "available",
                 shown->resolve()->name);
        break;
    }
    case Func::Exit:
        if (!argTypes[0]->isInteger())
            fail(Tag::D_PROTO_ARG, c.args[0]->loc,
                 "exit( ) argument #1 is incompatible with prototype:\n\tprototype: int\n\t "
                 "argument: {}",
                 argTypes[0]->name);
        break;
    case Func::Printf: {
        if (!argTypes[0]->isString())
            fail(Tag::D_PROTO_ARG, c.args[0]->loc,
                 "printf( ) argument #1 is incompatible with prototype:\n\tprototype: "
                 "string\n\t argument: {}",
                 argTypes[0]->name);
        if (c.args[0]->kind != ExprKind::StrLit)
            fail(Tag::D_PRINTF_ARG_FMT, c.args[0]->loc,
                 "printf( ) argument #1 is incompatible with prototype:\n\tprototype: string "
                 "constant\n\t argument: {}",
                 argTypes[0]->name);
        if (as<StrLit>(*c.args[0]).value.empty())
            fail(Tag::D_PRINTF_FMT_EMPTY, c.loc, "printf( ) format string is empty");
        formatCall(c, argTypes, "printf");
        break;
    }
    default:
        if (const Type* t = subroutine(c, argTypes)) return t;
        break;
    }
    return types_.voidType();
}

static const AggRef* aggTarget(const Expr& e) {
    if (e.kind == ExprKind::AggRef) return &as<AggRef>(e);
    if (e.kind == ExprKind::Index && as<Index>(e).base->kind == ExprKind::AggRef)
        return &as<AggRef>(*as<Index>(e).base);
    return nullptr;
}

const Type* Checker::aggAssign(Assign& a) {
    auto* ref = const_cast<AggRef*>(aggTarget(*a.lhs));
    std::string shown = "@" + ref->name;
    if (!a.op && a.rhs->kind == ExprKind::Call && !findFunc(as<Call>(*a.rhs).func))
        fail(Tag::D_FUNC_UNDEF, a.rhs->loc, "failed to resolve {}: Unknown function name",
             as<Call>(*a.rhs).func);
    if (a.op || a.rhs->kind != ExprKind::Call || !findFunc(as<Call>(*a.rhs).func) ||
        !findFunc(as<Call>(*a.rhs).func)->isAggregating)
        fail(Tag::D_AGG_FUNC, a.loc, "{} must be assigned the result of an aggregating function",
             shown);
    auto& c = as<Call>(*a.rhs);
    const FuncInfo* f = findFunc(c.func);
    int n = static_cast<int>(c.args.size());
    if (n < f->minArgs || n > f->maxArgs) {
        if (f->minArgs != f->maxArgs)
            fail(Tag::D_PROTO_LEN, c.loc,
                 "{}( ) prototype mismatch: {} arg{} passed, at least {} expected", c.func, n,
                 n == 1 ? "" : "s", n < f->minArgs ? f->minArgs : f->maxArgs);
        fail(Tag::D_PROTO_LEN, c.loc, "{}( ) prototype mismatch: {} arg{} passed, {} expected",
             c.func, n, n == 1 ? "" : "s", f->minArgs);
    }
    c.funcId = static_cast<int>(f->id);
    int64_t base = 0, limit = 0, step = 1;
    int64_t factor = 0, lmag = 0, hmag = 0, steps = 0;
    // Constant expressions (folded, enum and inline constants included).
    auto constant = [&](const Expr& e, Tag tag, const std::string& msg) -> int64_t {
        if (auto v = this->constant(const_cast<Expr&>(e))) return *v;
        fail(tag, e.loc, "{}", msg);
    };
    if (f->id == Func::Lquantize) {
        base = constant(*c.args[1], Tag::D_LQUANT_BASETYPE,
                        "lquantize( ) argument #1 must be an integer constant");
        if (base < INT32_MIN || base > INT32_MAX)
            fail(Tag::D_LQUANT_BASEVAL, c.args[1]->loc,
                 "lquantize( ) argument #1 must be a 32-bit quantity");
        limit = constant(*c.args[2], Tag::D_LQUANT_LIMTYPE,
                         "lquantize( ) argument #2 must be an integer constant");
        if (limit < INT32_MIN || limit > INT32_MAX)
            fail(Tag::D_LQUANT_LIMVAL, c.args[2]->loc,
                 "lquantize( ) argument #2 must be a 32-bit quantity");
        if (limit <= base)
            fail(Tag::D_LQUANT_MISMATCH, c.loc,
                 "lquantize( ) base (argument #1) must be less than limit (argument #2)");
        if (n >= 4) {
            step =
                constant(*c.args[3], Tag::D_LQUANT_STEPTYPE,
                         "lquantize( ) argument #3 must be a non-zero positive integer constant");
            if (step <= 0)
                fail(Tag::D_LQUANT_STEPTYPE, c.args[3]->loc,
                     "lquantize( ) argument #3 must be a non-zero positive integer constant");
            if (step > UINT16_MAX)
                fail(Tag::D_LQUANT_STEPVAL, c.args[3]->loc,
                     "lquantize( ) argument #3 must be a 16-bit quantity");
        }
        if ((limit - base) / step == 0)
            fail(Tag::D_LQUANT_STEPLARGE, c.loc,
                 "lquantize( ) step (argument #3) too large: must have at least one "
                 "quantization level");
        if ((limit - base) / step > UINT16_MAX)
            fail(Tag::D_LQUANT_STEPSMALL, c.loc,
                 "lquantize( ) step (argument #3) too small: number of quantization levels must "
                 "be a 16-bit quantity");
    }
    if (f->id == Func::Llquantize) {
        factor = constant(*c.args[1], Tag::D_LLQUANT_FACTORTYPE,
                          "llquantize( ) argument #1 must be an integer constant");
        if (factor > UINT16_MAX || factor < 2)
            fail(Tag::D_LLQUANT_FACTORVAL, c.args[1]->loc,
                 "llquantize( ) argument #1 must be an unsigned 16-bit quantity greater than or "
                 "equal to 2");
        lmag = constant(*c.args[2], Tag::D_LLQUANT_LMAGTYPE,
                        "llquantize( ) argument #2 must be an integer constant");
        if (lmag < 0 || lmag > UINT16_MAX)
            fail(Tag::D_LLQUANT_LMAGVAL, c.args[2]->loc,
                 "llquantize( ) argument #2 must be an unsigned 16-bit quantity");
        hmag = constant(*c.args[3], Tag::D_LLQUANT_HMAGTYPE,
                        "llquantize( ) argument #3 must be an integer constant");
        if (hmag < 0 || hmag > UINT16_MAX)
            fail(Tag::D_LLQUANT_HMAGVAL, c.args[3]->loc,
                 "llquantize( ) argument #3 must be an unsigned 16-bit quantity");
        if (hmag < lmag)
            fail(Tag::D_LLQUANT_HMAGVAL, c.args[3]->loc,
                 "llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low "
                 "magnitude)");
        if (powl(static_cast<long double>(factor), static_cast<long double>(hmag + 1)) >
            static_cast<long double>(UINT64_MAX))
            fail(Tag::D_LLQUANT_HMAGVAL, c.args[3]->loc,
                 "llquantize( ) argument #3 (high magnitude) will cause overflow of 64 bits");
        steps = constant(*c.args[4], Tag::D_LLQUANT_STEPTYPE,
                         "llquantize( ) argument #4 must be an integer constant");
        if (steps <= 0)
            fail(Tag::D_LLQUANT_STEPTYPE, c.args[4]->loc,
                 "llquantize( ) argument #4 must be an integer constant");
        if (steps > UINT16_MAX)
            fail(Tag::D_LLQUANT_STEPVAL, c.args[4]->loc,
                 "llquantize( ) argument #4 must be an unsigned 16-bit quantity");
        if (steps < factor && factor % steps != 0)
            fail(Tag::D_LLQUANT_STEPVAL, c.args[1]->loc,
                 "llquantize() argument #4 (steps) must evenly divide argument #1 (factor) when "
                 "steps<factor");
        if (steps > factor) {
            if (steps % factor != 0)
                fail(Tag::D_LLQUANT_STEPVAL, c.args[1]->loc,
                     "llquantize() argument #4 (steps) must be a multiple of argument #1 "
                     "(factor) when steps>factor");
            long double p = powl(static_cast<long double>(factor),
                                 static_cast<long double>(lmag == 0 ? 2 : lmag + 1));
            if (fmodl(p, static_cast<long double>(steps)) != 0)
                fail(Tag::D_LLQUANT_STEPVAL, c.args[1]->loc,
                     lmag == 0 ? "llquantize() argument #4 (steps) must evenly divide the square "
                                 "of argument #1 (factor) when steps>factor and lmag==0"
                               : "llquantize() argument #4 (steps) must evenly divide "
                                 "pow(argument #1 (factor), lmag (argument #2) + 1) when "
                                 "steps>factor and lmag>0");
        }
    }
    // The increment (quantize's 2nd, lquantize's 5th, llquantize's 6th argument).
    size_t incrArg = f->id == Func::Quantize     ? 1
                     : f->id == Func::Lquantize  ? 4
                     : f->id == Func::Llquantize ? 5
                                                 : 99;
    for (size_t i = 0; i < c.args.size(); i++) {
        const Type* t = expr(*c.args[i]);
        if (t->isScalar()) continue;
        if (i == incrArg)
            fail(Tag::D_PROTO_ARG, c.loc,
                 "{}( ) increment value (argument #{}) must be of scalar type", c.func, i + 1);
        if (i == 0)
            fail(Tag::D_AGG_SCALAR, c.args[i]->loc, "{}( ) requires a scalar argument", c.func);
    }
    std::vector<const Type*> keys;
    if (a.lhs->kind == ExprKind::Index) {
        for (auto& k : as<Index>(*a.lhs).keys) {
            if (k->kind == ExprKind::AggRef)
                fail(Tag::D_KEY_TYPE, k->loc, "{} key #{} is an aggregation", shown,
                     keys.size() + 1);
            const Type* t = expr(*k);
            if (t->isVoid())
                fail(Tag::D_KEY_TYPE, k->loc, "{} key #{} is of type void", shown, keys.size() + 1);
            // A translation lives in scratch memory only while the clause
            // runs: not a value a key can keep.
            if (translatedValue(*k))
                fail(Tag::D_KEY_TYPE, k->loc, "{} key #{} is a dynamic expression", shown,
                     keys.size() + 1);
            if (isStructOrUnion(t) || t->resolve()->kind == Type::Kind::Array)
                fail(Tag::D_UNKNOWN, k->loc, "aggregation keys of type {} are not supported yet",
                     t->name);
            keys.push_back(t);
        }
        checkTupleSize(keys.size());
    }
    for (size_t i = 0; i < aggs_.size(); i++) {
        if (aggs_[i].name != ref->name) continue;
        const AggVar& prev = aggs_[i];
        if (prev.func != c.funcId)
            fail(Tag::D_AGG_REDEF, a.loc,
                 "aggregation redefined: {}\n\t current: {}( )\n\tprevious: {}( )", shown, c.func,
                 funcInfo(static_cast<Func>(prev.func)).name);
        if (prev.base != base)
            fail(Tag::D_LQUANT_MATCHBASE, c.loc,
                 "lquantize( ) base (argument #1) doesn't match previous declaration: expected "
                 "{}, found {}",
                 prev.base, base);
        if ((prev.limit - prev.base) / prev.step * prev.step != (limit - base) / step * step)
            fail(Tag::D_LQUANT_MATCHLIM, c.loc,
                 "lquantize( ) limit (argument #2) doesn't match previous declaration: expected "
                 "{}, found {}",
                 prev.base + (prev.limit - prev.base) / prev.step * prev.step,
                 base + (limit - base) / step * step);
        if (prev.step != step)
            fail(Tag::D_LQUANT_MATCHSTEP, c.loc,
                 "lquantize( ) step (argument #3) doesn't match previous declaration: expected "
                 "{}, found {}",
                 prev.step, step);
        auto llMatch = [&](int64_t was, int64_t now, Tag tag, const char* what) {
            if (was != now)
                fail(tag, c.loc,
                     "llquantize() {} doesn't match previous declaration: expected {}, found {}",
                     what, was, now);
        };
        llMatch(prev.factor, factor, Tag::D_LLQUANT_MATCHFACTOR, "factor (argument #1)");
        llMatch(prev.lmag, lmag, Tag::D_LLQUANT_MATCHLMAG, "lmag (argument #2)");
        llMatch(prev.hmag, hmag, Tag::D_LLQUANT_MATCHHMAG, "hmag (argument #3)");
        llMatch(prev.steps, steps, Tag::D_LLQUANT_MATCHSTEPS, "steps (argument #4)");
        if (aggs_[i].keys.size() != keys.size())
            fail(Tag::D_ARR_BADREF, a.loc, "{} has {} dimension{}; {} given", shown,
                 aggs_[i].keys.size(), aggs_[i].keys.size() == 1 ? "" : "s", keys.size());
        for (size_t k = 0; k < keys.size(); k++)
            if (aggs_[i].keys[k]->isString() != keys[k]->isString())
                fail(Tag::D_KEY_TYPE, a.loc, "{} key #{} is incompatible with its declaration",
                     shown, k + 1);
        ref->aggId = static_cast<int>(i);
        return a.type = types_.voidType();
    }
    aggs_.push_back(
        {ref->name, c.funcId, keys, a.loc, base, limit, step, factor, lmag, hmag, steps});
    ref->aggId = static_cast<int>(aggs_.size() - 1);
    return a.type = types_.voidType();
}

bool Checker::isVarRef(const Expr& e) const {
    if (e.kind == ExprKind::Ident) return true;
    if (e.kind == ExprKind::Member) {
        auto& m = as<Member>(e);
        return m.arrow && m.base->kind == ExprKind::Ident &&
               (as<Ident>(*m.base).name == "self" || as<Ident>(*m.base).name == "this");
    }
    if (e.kind == ExprKind::Index) {
        auto& ix = as<Index>(e);
        if (ix.base->kind == ExprKind::Member) {
            // self->a[...]: a thread-local associative array (unless
            // self->a is a scalar variable: then its element or character).
            const auto& m = as<Member>(*ix.base);
            if (!m.arrow || m.base->kind != ExprKind::Ident || as<Ident>(*m.base).name != "self" ||
                as<Ident>(*m.base).backquote)
                return false;
            for (const auto& v : selfVars_)
                if (v.name == m.member) return false;
            return true;
        }
        if (ix.base->kind != ExprKind::Ident) return false;
        const std::string& n = as<Ident>(*ix.base).name;
        if (n == "args" || findBuiltin(n)) return false;
        for (const auto& g : globals_)
            if (g.name == n) return false;
        return true;
    }
    return false;
}

const Type* Checker::varRef(Expr& e, bool lvalue, const Type* assignType) {
    if (e.kind == ExprKind::Ident) return ident(as<Ident>(e), lvalue, assignType);
    auto declare = [&](std::vector<DynVar>& vars, const std::string& name, const char* what,
                       std::vector<const Type*> keys, Loc loc) -> int {
        for (size_t i = 0; i < vars.size(); i++)
            if (vars[i].name == name) {
                if (vars[i].keys.size() != keys.size())
                    fail(Tag::D_PROTO_LEN, loc,
                         "{}[ ] prototype mismatch: {} key{} passed, {} expected", name,
                         keys.size(), keys.size() == 1 ? "" : "s", vars[i].keys.size());
                for (size_t k = 0; k < keys.size(); k++) {
                    const Type* want = vars[i].keys[k]->resolve();
                    const Type* got = keys[k]->resolve();
                    bool same = (want->isString() && got->isString()) ||
                                (want->isScalar() && got->isScalar()) || want == got;
                    if (!same)
                        fail(Tag::D_PROTO_ARG, loc,
                             "{}[ ] key #{} is incompatible with prototype:\n\tprototype: "
                             "{}\n\t      key: {}",
                             name, k + 1, vars[i].keys[k]->name, keys[k]->name);
                }
                return static_cast<int>(i);
            }
        if (!lvalue)
            fail(Tag::D_IDENT_UNDEF, loc, "failed to resolve {}{}: Unknown variable name", what,
                 name);
        DynVar v;
        v.name = name;
        v.type = assignType ? assignType : types_.longType();
        bool aggregate = isStructOrUnion(v.type->resolve());
        if (v.type->resolve()->kind != Type::Kind::String && !v.type->isScalar() && !aggregate)
            fail(Tag::D_UNKNOWN, loc, "variables of type {} are not supported yet", v.type->name);
        v.keys = std::move(keys);
        if (&vars == &thisVars_) {
            // (Codegen places this-> variables, whose strings take
            // -x strsize; this offset only orders them.)
            uint32_t sz = v.type->isString() ? 256 : 8;
            v.offset = thisSize_;
            thisSize_ += sz;
        }
        vars.push_back(std::move(v));
        return static_cast<int>(vars.size() - 1);
    };
    if (e.kind == ExprKind::Member) {
        auto& m = as<Member>(e);
        bool self = as<Ident>(*m.base).name == "self";
        auto& vars = self ? selfVars_ : thisVars_;
        m.varKind = self ? 1 : 2;
        m.varIndex = declare(vars, m.member, self ? "self->" : "this->", {}, m.loc);
        return e.type = vars[m.varIndex].type;
    }
    auto& ix = as<Index>(e);
    bool threadLocal = ix.base->kind == ExprKind::Member;
    std::string name =
        threadLocal ? "self->" + as<Member>(*ix.base).member : as<Ident>(*ix.base).name;
    std::vector<const Type*> keys;
    for (auto& k : ix.keys) {
        const Type* t = expr(*k);
        if (!t->isScalar() && !t->isString() && !isStructOrUnion(t))
            fail(Tag::D_KEY_TYPE, k->loc, "{} key #{} is not of scalar or string type", name,
                 keys.size() + 1);
        keys.push_back(t);
    }
    checkTupleSize(keys.size());
    ix.arrayIndex = declare(arrays_, name, "", keys, ix.loc);
    arrays_[ix.arrayIndex].threadLocal = threadLocal;
    return e.type = arrays_[ix.arrayIndex].type;
}

const Type* Checker::assign(Assign& a) {
    if (a.lhs->kind == ExprKind::Index && as<Index>(*a.lhs).base->kind == ExprKind::Index &&
        aggTarget(*as<Index>(*a.lhs).base))
        fail(Tag::D_AGG_MDIM, a.loc, "multi-dimensional aggregations are not supported");
    if (aggTarget(*a.lhs)) return aggAssign(a);
    const Type* rt = expr(*a.rhs);
    std::string opText = a.op ? std::string(binaryOpText(*a.op)) + "=" : "=";
    const Type* lt;
    const Expr& l = *a.lhs;
    if (isVarRef(l)) {
        lt = varRef(*a.lhs, true, a.op ? types_.longType() : rt);
    } else if (l.kind == ExprKind::Member || l.kind == ExprKind::Index ||
               (l.kind == ExprKind::Unary && as<Unary>(l).op == UnaryOp::Deref)) {
        // A member of a struct variable, an array element, *p, p->m.
        lt = expr(*a.lhs);
    } else {
        fail(Tag::D_ASSIGN_LVAL, a.loc, "operator {} requires a writable lvalue", opText);
    }
    bool ok = assignable(lt, rt, *a.rhs);
    // 0 deletes a dynamic variable (self->x, an array element), whatever
    // its type: a struct or union one too.
    bool dynamic = (l.kind == ExprKind::Member && as<Member>(l).varKind == 1) ||
                   (l.kind == ExprKind::Index && as<Index>(l).arrayIndex >= 0);
    if (!a.op && dynamic && isStructOrUnion(lt->resolve()) && rt->isInteger() && fold(*a.rhs) == 0)
        ok = true;
    if (a.op) {
        // p += n, p -= n step a pointer; the others need numbers.
        bool ptrStep = (*a.op == BinaryOp::Add || *a.op == BinaryOp::Sub) && lt->isPointer() &&
                       rt->isInteger();
        ok = ptrStep || (ok && lt->isArithmetic() && rt->isArithmetic());
    }
    if (!ok)
        fail(Tag::D_OP_INCOMPAT, a.loc, "operands have incompatible types: \"{}\" {} \"{}\"",
             lt->name, opText, rt->name);
    if (!a.op) allocaAssign(a);
    return a.type = lt;
}

const Type* Checker::expr(Expr& e) {
    switch (e.kind) {
    case ExprKind::AggRef: {
        // An aggregation is only assigned and printed, never a value.
        const std::string& name = as<AggRef>(e).name;
        bool known = std::any_of(aggs_.begin(), aggs_.end(),
                                 [&](const AggVar& a) { return a.name == name; });
        if (!known)
            fail(Tag::D_IDENT_UNDEF, e.loc, "failed to resolve @{}: Unknown variable name", name);
        fail(Tag::D_OP_INCOMPAT, e.loc, "@{} is an aggregation: it cannot be used in an expression",
             name);
    }
    case ExprKind::IntLit:
        return intLit(as<IntLit>(e));
    case ExprKind::StrLit:
        return e.type = types_.stringType();
    case ExprKind::Ident:
        return ident(as<Ident>(e), false, nullptr);
    case ExprKind::Member:
        if (isVarRef(e)) return varRef(e, false, nullptr);
        return member(as<Member>(e));
    case ExprKind::Index:
        if (isVarRef(e)) return varRef(e, false, nullptr);
        if (as<Index>(e).base->kind == ExprKind::Ident &&
            as<Ident>(*as<Index>(e).base).name == "uregs" &&
            !as<Ident>(*as<Index>(e).base).backquote)
            return uregsIndex(as<Index>(e));
        if (e.kind == ExprKind::Index && as<Index>(e).base->kind == ExprKind::Ident &&
            as<Ident>(*as<Index>(e).base).name == "args" &&
            !as<Ident>(*as<Index>(e).base).backquote)
            return argsIndex(as<Index>(e));
        return index(as<Index>(e));
    case ExprKind::Offsetof:
        return offsetofExpr(as<Offsetof>(e));
    case ExprKind::Xlate: {
        // xlate <T> (e): a translator from e's type to T (or T's target
        // when T is a pointer) must have been defined.
        auto& x = as<Xlate>(e);
        const Type* to = resolveTypeName(*x.typeName);
        const Type* from = expr(*x.operand);
        const Type* out = to->resolve();
        if (out->kind == Type::Kind::Pointer) out = out->target->resolve();
        x.translator = findTranslator(out, from, *x.operand);
        if (!x.translator)
            fail(Tag::D_XLATE_NONE, x.loc, "cannot translate from \"{}\" to \"{}\"", from->name,
                 to->name);
        return e.type = to;
    }
    case ExprKind::Assign:
        return assign(as<Assign>(e));
    case ExprKind::Call:
        return e.type = call(as<Call>(e), false);
    case ExprKind::Unary: {
        auto& u = as<Unary>(e);
        if (u.op == UnaryOp::PreInc || u.op == UnaryOp::PreDec || u.op == UnaryOp::PostInc ||
            u.op == UnaryOp::PostDec) {
            const Expr& l = *u.operand;
            bool memory = l.kind == ExprKind::Member || l.kind == ExprKind::Index ||
                          (l.kind == ExprKind::Unary && as<Unary>(l).op == UnaryOp::Deref);
            if (!isVarRef(l) && !memory)
                fail(Tag::D_OP_LVAL, u.loc, "operator {} requires a writable lvalue",
                     (u.op == UnaryOp::PreInc || u.op == UnaryOp::PostInc) ? "++" : "--");
            // A variable (declared by its first use), or a member, element
            // or pointee.
            const Type* t =
                isVarRef(l) ? varRef(*u.operand, true, types_.longType()) : expr(*u.operand);
            if (!t->isScalar())
                fail(Tag::D_OP_SCALAR, u.loc, "operator {} requires an operand of scalar type",
                     (u.op == UnaryOp::PreInc || u.op == UnaryOp::PostInc) ? "++" : "--");
            return e.type = t;
        }
        if (u.op == UnaryOp::AddrOf) return addressOf(u);
        if (u.op == UnaryOp::Sizeof) return sizeofExpr(u);
        const Type* t = expr(*u.operand);
        switch (u.op) {
        case UnaryOp::LogNot:
            if (!t->isScalar())
                fail(Tag::D_OP_SCALAR, u.loc, "operator ! requires an operand of scalar type");
            return e.type = types_.intType();
        case UnaryOp::Neg:
        case UnaryOp::Plus:
            if (!t->isArithmetic())
                fail(Tag::D_OP_ARITH, u.loc, "operator {} requires an operand of arithmetic type",
                     u.op == UnaryOp::Neg ? "-" : "+");
            return e.type = promote(types_, t);
        case UnaryOp::BitNot:
            if (!t->isInteger())
                fail(Tag::D_OP_INT, u.loc, "operator ~ requires an operand of integral type");
            return e.type = promote(types_, t);
        case UnaryOp::Deref: {
            const Type* r = t->resolve();
            if (r->kind != Type::Kind::Pointer && r->kind != Type::Kind::Array)
                fail(Tag::D_DEREF_NONPTR, u.loc, "cannot dereference non-pointer type");
            if (r->target->isVoid())
                fail(Tag::D_DEREF_VOID, u.loc, "cannot dereference pointer to void");
            return e.type = r->target;
        }
        case UnaryOp::Stringof: {
            // A string, a pointer or char array (read as a string), or a
            // scalar.
            const Type* r = t->resolve();
            if (!t->isString() && !t->isScalar() && r->kind != Type::Kind::Array)
                fail(Tag::D_STRINGOF_TYPE, u.loc,
                     "stringof( ) operand must be a string, pointer or array, or a scalar");
            return e.type = types_.stringType();
        }
        default:
            fail(Tag::D_UNKNOWN, u.loc, "operator not yet supported");
        }
    }
    case ExprKind::Binary: {
        auto& b = as<Binary>(e);
        const Type* lt = expr(*b.lhs);
        const Type* rt = expr(*b.rhs);
        const char* on = binaryOpText(b.op);
        if (b.lhs->kind == ExprKind::AggRef || b.rhs->kind == ExprKind::AggRef)
            fail(Tag::D_OP_INCOMPAT, b.loc, "operands have incompatible types: \"{}\" {} \"{}\"",
                 b.lhs->kind == ExprKind::AggRef ? "@" + as<AggRef>(*b.lhs).name : lt->name, on,
                 b.rhs->kind == ExprKind::AggRef ? "@" + as<AggRef>(*b.rhs).name : rt->name);
        switch (b.op) {
        case BinaryOp::Comma:
            return e.type = rt;
        case BinaryOp::LogAnd:
        case BinaryOp::LogOr:
        case BinaryOp::LogXor:
            if (!lt->isScalar() || !rt->isScalar())
                fail(Tag::D_OP_SCALAR, b.loc, "operator {} requires operands of scalar type", on);
            return e.type = types_.intType();
        case BinaryOp::Lt:
        case BinaryOp::Gt:
        case BinaryOp::Le:
        case BinaryOp::Ge:
        case BinaryOp::Eq:
        case BinaryOp::Ne: {
            // A string compares with a string, a char array or a char
            // pointer by value, and with another pointer or NULL (D's int 0)
            // by address.
            auto nullLike = [&](const Type* t, const Expr& x) {
                return t->isPointer() || isCharSequence(t) ||
                       (t->isInteger() && fold(x) == std::optional<int64_t>(0));
            };
            if ((lt->isString() != rt->isString() &&
                 !(lt->isString() ? nullLike(rt, *b.rhs) : nullLike(lt, *b.lhs))) ||
                (!lt->isString() && !rt->isString() && (!lt->isScalar() || !rt->isScalar())))
                fail(Tag::D_OP_INCOMPAT, b.loc,
                     "operands have incompatible types: \"{}\" {} \"{}\"", lt->name, on, rt->name);
            return e.type = types_.intType();
        }
        case BinaryOp::Add:
        case BinaryOp::Sub:
            for (const Type* p : {lt, rt})
                if (p->isPointer() &&
                    (p->resolve()->target->isVoid() ||
                     p->resolve()->target->resolve()->kind == Type::Kind::Function))
                    fail(Tag::D_OP_INCOMPAT, b.loc,
                         "operands have incompatible types: \"{}\" {} \"{}\"", lt->name, on,
                         rt->name);
            if (lt->isPointer() && rt->isInteger()) return e.type = lt;
            if (b.op == BinaryOp::Add && lt->isInteger() && rt->isPointer()) return e.type = rt;
            if (lt->isPointer() && rt->isPointer() && b.op == BinaryOp::Sub)
                return e.type = types_.longType();
            [[fallthrough]];
        case BinaryOp::Mul:
        case BinaryOp::Div:
            if (b.op == BinaryOp::Div && rt->isInteger() && fold(*b.rhs) == 0)
                fail(Tag::D_DIV_ZERO, b.loc, "expression contains division by zero");
            if (!lt->isArithmetic() || !rt->isArithmetic())
                fail(Tag::D_OP_ARITH, b.loc, "operator {} requires operands of arithmetic type",
                     on);
            return e.type = arithmeticResult(types_, lt, rt);
        default:
            if (!lt->isInteger() || !rt->isInteger())
                fail(Tag::D_OP_INT, b.loc, "operator {} requires operands of integral type", on);
            if (b.op == BinaryOp::Mod && fold(*b.rhs) == 0)
                fail(Tag::D_DIV_ZERO, b.loc, "expression contains division by zero");
            // Shifts too take the usual conversions of both operands, as
            // DTrace's (1 << x with an int64_t x is 64 bits wide).
            return e.type = arithmeticResult(types_, lt, rt);
        }
    }
    case ExprKind::Ternary: {
        auto& t = as<Ternary>(e);
        expr(*t.cond);
        const Type* a = expr(*t.then);
        const Type* b = expr(*t.otherwise);
        for (const Expr* x : {t.then.get(), t.otherwise.get()})
            if (x->kind == ExprKind::Call) {
                const FuncInfo* f = findFunc(as<Call>(*x).func);
                if (f && f->isAction)
                    fail(Tag::D_OP_ACT, t.loc, "action cannot be used in a conditional context");
            }
        if (a->isString() != b->isString())
            fail(Tag::D_OP_INCOMPAT, t.loc, "operator ?: operands must have compatible types");
        if (a->isString()) return e.type = a;
        if (a->isArithmetic() && b->isArithmetic()) return e.type = arithmeticResult(types_, a, b);
        // C's rules: a pointer and a null pointer constant make the pointer's
        // type; with two pointers, void * wins.
        auto nullConstant = [&](const Expr& x, const Type* t) {
            return t->isInteger() && fold(x) == 0;
        };
        if (a->isPointer() && nullConstant(*t.otherwise, b)) return e.type = a;
        if (b->isPointer() && nullConstant(*t.then, a)) return e.type = b;
        if (a->isPointer() && b->isPointer() && !a->resolve()->target->resolve()->isVoid() &&
            b->resolve()->target->resolve()->isVoid())
            return e.type = b;
        return e.type = a;
    }
    case ExprKind::Cast: {
        auto& c = as<Cast>(e);
        const Type* from = expr(*c.operand);
        const Type* to = resolveTypeName(*c.typeName);
        // Scalars convert among themselves, strings only to strings (and a
        // pointer or char array to a string); a struct, union or array is
        // never converted (except to void).
        bool ok =
            to->isVoid() || to->resolve() == from->resolve() ||
            (to->isString() && from->isString()) || (to->isScalar() && from->isScalar()) ||
            (to->isPointer() && from->resolve()->kind == Type::Kind::Array) ||
            (to->isString() && (from->isPointer() || from->resolve()->kind == Type::Kind::Array)) ||
            // A translated char array member is a string here, and still
            // an array to a cast.
            (to->isPointer() && from->isString() && c.operand->kind == ExprKind::Member &&
             as<Member>(*c.operand).xlate);
        if (!ok)
            fail(Tag::D_CAST_INVAL, c.loc, "invalid cast expression: \"{}\" to \"{}\"", from->name,
                 to->name);
        // A cast of an integer constant folds as DTrace's does: narrowing
        // keeps the low bits, zero-extended ((char)0x1ef is 239, printed
        // so), widening from a signed type extends its sign ((long
        // long)(char)-1 is -1).
        const Type* rt = to->resolve();
        const Type* rf = from->resolve();
        if (rt->kind == Type::Kind::Int && rf->isInteger() && rt->size && rf->size) {
            if (auto k = fold(*c.operand)) {
                auto u = static_cast<uint64_t>(*k);
                if (rt->size < rf->size) {
                    int sh = 64 - 8 * static_cast<int>(rt->size);
                    u = u << sh >> sh;
                } else if (rt->size > rf->size && rf->size < 8) {
                    int sh = 64 - 8 * static_cast<int>(rf->size);
                    u = rf->isSigned ? static_cast<uint64_t>(static_cast<int64_t>(u << sh) >> sh)
                                     : u << sh >> sh;
                }
                e.folded = static_cast<int64_t>(u);
            }
        }
        return e.type = to;
    }
    case ExprKind::SizeofType: {
        const Type* t = resolveTypeName(*as<SizeofType>(e).typeName)->resolve();
        if (t->kind == Type::Kind::Void || t->kind == Type::Kind::Function || !t->complete)
            fail(Tag::D_SIZEOF_TYPE, e.loc, "cannot apply sizeof to an operand of unknown size");
        e.folded = static_cast<int64_t>(t->size);
        return e.type = types_.ulongType();
    }
    default:
        fail(Tag::D_UNKNOWN, e.loc, "expression not yet supported");
    }
}

} // namespace dt::sema
