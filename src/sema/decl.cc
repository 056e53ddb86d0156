// Semantic analysis of declarations: struct/union/enum definitions, typedefs,
// variable and function declarations, inline and translator definitions,
// and the expressions that work on types (sizeof, offsetof, member access,
// the address-of operator).  DTrace's error tags and texts for each misuse.
#include <algorithm>
#include <climits>

#include "sema/builtins.h"
#include "sema/check.h"

namespace dt::sema {

using namespace ast;

namespace {

// A type name without its "D`" scope: D's own types live in module D.
std::string unscoped(const std::string& name) {
    if (name.rfind("D`", 0) == 0) return name.substr(2);
    return name;
}

std::string typeKindName(const std::string& kind, const std::string& name) {
    return kind + " " + (name.empty() ? "(anon)" : name);
}

} // namespace

void Checker::check(TopLevel& item) {
    switch (item.kind) {
    case TopKind::Clause:
        checkClause(as<Clause>(item));
        break;
    case TopKind::Decl:
        declaration(as<Declaration>(item));
        break;
    case TopKind::Inline:
        inlineDef(as<InlineDef>(item));
        break;
    case TopKind::Translator:
        translatorDef(as<TranslatorDef>(item));
        break;
    case TopKind::Pragma: {
        const auto& p = as<Pragma>(item);
        Attribute a;
        if (p.words.size() >= 3 && p.words[0] == "attributes" && parseAttribute(p.words[1], a))
            declaredAttrs_[p.words[2]] = a;
        break;
    }
    case TopKind::Provider:
        break;
    }
}

// ---------------------------------------------------------------- types

const Type* Checker::tagType(const std::string& kind, const std::string& name, Loc loc) {
    std::string key = kind + " " + unscoped(name);
    auto it = tags_.find(key);
    if (it != tags_.end()) return it->second;
    // The kernel's types: "struct vmlinux`task_struct" or unscoped.
    // A module's type that the kernel's BTF lacks (a module not loaded, or
    // without BTF) is a forward declaration: pointers to it work, its
    // members do not (as with DTrace's types of unloaded modules, minus
    // their layout).
    std::string bare = unscoped(name);
    if (size_t bq = bare.find('`'); bq != std::string::npos) bare = bare.substr(bq + 1);
    (void)loc;
    if (bare == unscoped(name) && fromLibrary(key)) return tagType(kind, name, loc);
    if (const Type* k = btf_.type(types_, kind, bare)) return k;
    // A reference to a tag not defined yet declares it (a forward
    // declaration, completed by a later definition).
    Type t;
    t.kind = kind == "struct"  ? Type::Kind::Struct
             : kind == "union" ? Type::Kind::Union
                               : Type::Kind::Enum;
    t.name = key;
    t.complete = false;
    if (t.kind == Type::Kind::Enum) t.size = t.align = 4;
    Type* nt = types_.create(std::move(t));
    tags_[key] = nt;
    return nt;
}

const Type* Checker::namedType(const DeclSpecifiers& spec) {
    // Integer attributes, in the order DTrace spells them in type names.
    size_t nLong = 0;
    bool isShort = false, isSigned = false, isUnsigned = false;
    std::string base;
    for (const auto& w : spec.words) {
        if (w == "long")
            nLong++;
        else if (w == "short")
            isShort = true;
        else if (w == "signed")
            isSigned = true;
        else if (w == "unsigned")
            isUnsigned = true;
        else
            base = w;
    }
    auto unknown = [&]() -> const Type* {
        std::string n;
        if (isSigned) n += "signed ";
        if (isUnsigned) n += "unsigned ";
        if (isShort) n += "short ";
        for (size_t i = 0; i < nLong; i++)
            n += "long ";
        n += base;
        fail(Tag::D_UNKNOWN, spec.loc, "failed to resolve type {}: Unknown type name", n);
    };
    if ((isShort && nLong) || nLong > 2 || (isSigned && isUnsigned)) return unknown();
    if (base.empty() || base == "int" || base == "char") {
        if (base == "char" && !isShort && !nLong) {
            if (isUnsigned) return types_.lookup("unsigned char");
            return types_.charType();
        }
        // No type word at all ("extern x;"): C's implicit int.
        if (base.empty() && !isShort && !nLong && !isSigned && !isUnsigned) return types_.intType();
        unsigned size = isShort ? 2 : nLong == 1 ? 8 : nLong == 2 ? 8 : 4;
        if (nLong == 2) return isUnsigned ? types_.ullType() : types_.llType();
        return types_.integer(size, !isUnsigned);
    }
    if (base == "double" && nLong == 1) return types_.lookup("long double");
    if (isShort || nLong || isSigned || isUnsigned) return unknown();
    std::string name = unscoped(base);
    if (const Type* t = types_.lookup(name)) return t;
    if (fromLibrary(name)) return namedType(spec);
    if (name.rfind("vmlinux`", 0) == 0)
        if (const Type* t = btf_.type(types_, "", name.substr(8))) return t;
    // The kernel's typedefs are in scope unqualified, as DTrace's are.
    if (name.find('`') == std::string::npos)
        if (const Type* t = btf_.type(types_, "", name)) return t;
    fail(Tag::D_UNKNOWN, spec.loc, "failed to resolve type {}: Unknown type name", base);
}

const Type* Checker::specType(const DeclSpecifiers& spec) {
    if (spec.tagKind.empty()) return namedType(spec);
    const Type* t;
    if (!spec.hasBody) return tagType(spec.tagKind, spec.tagName, spec.loc);
    Type* def;
    if (spec.tagName.empty()) {
        Type nt;
        nt.kind = spec.tagKind == "struct"  ? Type::Kind::Struct
                  : spec.tagKind == "union" ? Type::Kind::Union
                                            : Type::Kind::Enum;
        nt.name = typeKindName(spec.tagKind, "");
        def = types_.create(std::move(nt));
    } else {
        // A definition makes a D type (which hides a kernel type of the same
        // name), or completes the program's own forward declaration.
        std::string key = spec.tagKind + " " + unscoped(spec.tagName);
        if (!tags_.count(key)) {
            Type nt;
            nt.kind = spec.tagKind == "struct"  ? Type::Kind::Struct
                      : spec.tagKind == "union" ? Type::Kind::Union
                                                : Type::Kind::Enum;
            nt.name = key;
            nt.complete = false;
            tags_[key] = types_.create(std::move(nt));
        }
        def = tags_[key];
        t = def;
        if (t->complete)
            fail(Tag::D_DECL_TYPERED, spec.loc, "type redeclared: {}",
                 typeKindName(spec.tagKind, spec.tagName));
    }
    if (def->kind == Type::Kind::Enum)
        defineEnum(*def, spec);
    else
        defineMembers(*def, spec);
    return def;
}

void Checker::defineMembers(Type& t, const DeclSpecifiers& spec) {
    std::set<std::string> names;
    for (const auto& m : spec.members) {
        const Type* base = specType(*m.spec);
        for (const auto& d : m.declarators) {
            const Type* mt = declaredType(base, *d);
            const Type* r = mt->resolve();
            Loc loc = d->loc.line ? d->loc : m.loc;
            if (r->kind == Type::Kind::Void || r->kind == Type::Kind::Function)
                fail(Tag::D_DECL_VOIDOBJ, loc, "cannot have void member: {}", d->name);
            if (!r->complete) {
                // A tag never defined prints as DTrace's forward
                // declarations do: "struct name".
                std::string shown = r->name;
                if (r != &t && r->members.empty() && r->kind != Type::Kind::Enum)
                    shown = "struct " + shown.substr(shown.find(' ') + 1);
                fail(Tag::D_DECL_INCOMPLETE, loc, "incomplete struct/union/enum {}: {}", shown,
                     d->name);
            }
            Type::Member mem;
            mem.name = d->name;
            mem.type = mt;
            if (d->bitWidth) {
                auto w = constant(*d->bitWidth);
                if (!r->isInteger())
                    fail(Tag::D_DECL_BFTYPE, loc, "invalid type for bit-field: {}",
                         d->name.empty() ? "(anon)" : d->name);
                if (!w || *w <= 0)
                    fail(Tag::D_DECL_BFCONST, loc,
                         "positive integral constant expression expected as bit-field size");
                if (static_cast<uint64_t>(*w) > r->size * 8)
                    fail(Tag::D_DECL_BFSIZE, loc, "bit-field too big for type: {}", d->name);
                mem.bitWidth = static_cast<uint32_t>(*w);
            }
            if (!d->name.empty() && !names.insert(d->name).second)
                fail(Tag::D_UNKNOWN, loc,
                     "failed to define member '{}': Duplicate member or variable name", d->name);
            t.members.push_back(mem);
        }
    }
    layoutMembers(t);
    t.complete = true;
}

void Checker::defineEnum(Type& t, const DeclSpecifiers& spec) {
    int64_t next = 0;
    t.size = t.align = 4;
    t.isSigned = true;
    for (const auto& en : spec.enumerators) {
        int64_t v = next;
        if (en.value) {
            auto c = constant(*en.value);
            if (!c)
                fail(Tag::D_DECL_ENCONST, en.loc,
                     "enumerator '{}' must be assigned to an integral constant expression",
                     en.name);
            v = *c;
        }
        if (v > INT_MAX || v < INT_MIN)
            fail(Tag::D_DECL_ENOFLOW, en.loc, "enumerator '{}' value overflows INT_MAX ({})",
                 en.name, INT_MAX);
        if (enumConsts_.count(en.name) || inlines_.count(en.name))
            fail(Tag::D_UNKNOWN, en.loc,
                 "failed to define enumerator '{}': Duplicate member or variable name", en.name);
        t.enums.emplace_back(en.name, v);
        enumConsts_[en.name] = {v, &t};
        next = v + 1;
    }
    t.complete = true;
}

const Type* Checker::declaredType(const Type* base, const Declarator& d) {
    const Type* t = base;
    // derived reads outward-in ("array of pointers"): build from the inside.
    for (auto it = d.derived.rbegin(); it != d.derived.rend(); ++it) {
        switch (it->kind) {
        case Derived::Kind::Pointer:
            t = types_.pointerTo(t);
            break;
        case Derived::Kind::Array: {
            if (it->varargs)
                fail(Tag::D_DECL_PROTO_VARARGS, d.loc,
                     "array prototype may not use a variable-length argument list");
            if (!it->keyTypes.empty()) {
                // An associative array: its value type is t; keys are
                // checked where the variable is declared.
                break;
            }
            uint64_t n = 0;
            if (it->size) {
                auto c = constant(*it->size);
                if (!c)
                    fail(Tag::D_DECL_ARRSUB, d.loc,
                         "positive integral constant expression or tuple signature expected as "
                         "array declaration subscript");
                if (*c <= 0)
                    fail(Tag::D_DECL_ARRSUB, d.loc,
                         "array declaration subscript must be a positive integral constant");
                n = static_cast<uint64_t>(*c);
            }
            if (t->isVoid()) fail(Tag::D_DECL_VOIDOBJ, d.loc, "cannot declare array of void");
            t = types_.arrayOf(t, n);
            break;
        }
        case Derived::Kind::Function: {
            checkParams(it->params, d.loc, d.name);
            Type f;
            f.kind = Type::Kind::Function;
            f.name = t->name + " ()";
            f.target = t;
            t = types_.create(std::move(f));
            break;
        }
        }
    }
    return t;
}

void Checker::checkParams(const std::vector<std::unique_ptr<ParamDecl>>& params, Loc loc,
                          const std::string& name) {
    int i = 0;
    for (const auto& p : params) {
        i++;
        if (p->spec->storage != StorageClass::None && p->spec->storage != StorageClass::Register)
            fail(Tag::D_DECL_PARMCLASS, loc,
                 "inappropriate storage class for function or associative array parameter");
        const Type* base = specType(*p->spec);
        if (p->decl) {
            for (const auto& x : p->decl->derived)
                if (x.kind == Derived::Kind::Array && !x.keyTypes.empty())
                    fail(Tag::D_DECL_PROTO_TYPE, loc,
                         "function prototype may not use parameter of type dynamic variable: {}, "
                         "parameter #{}",
                         name, i);
            if (base->isVoid() && p->decl->derived.empty() && !p->decl->name.empty())
                fail(Tag::D_DECL_PROTO_NAME, loc, "void parameter may not have a name: {}",
                     p->decl->name);
            declaredType(base, *p->decl);
        }
    }
}

bool Checker::isTypeName(std::string_view name) {
    std::string n(name);
    if (types_.lookup(unscoped(n))) return true;
    if (library_ && library_->definesTypedef(unscoped(n))) return true;
    if (n.rfind("vmlinux`", 0) == 0) return btf_.type(types_, "", n.substr(8)) != nullptr;
    return false;
}

bool Checker::isKernelTypeName(std::string_view name) {
    return btf_.type(types_, "", std::string(name)) != nullptr;
}

const Type* Checker::resolveTypeName(const TypeName& tn) {
    const Type* t = specType(*tn.spec);
    if (tn.decl) t = declaredType(t, *tn.decl);
    return t;
}

// ---------------------------------------------------------------- declarations

void Checker::declaration(Declaration& d) {
    const Type* base = specType(*d.spec);
    for (const auto& dp : d.declarators) {
        const Declarator& dd = *dp;
        if (d.spec->storage == StorageClass::Typedef) {
            const Type* t = declaredType(base, dd);
            if (const Type* old = types_.lookup(dd.name)) {
                if (old != t || !userTypedefs_.count(dd.name))
                    fail(Tag::D_DECL_IDRED, dd.loc, "typedef redeclared: {}", dd.name);
                continue;
            }
            Type td;
            td.kind = Type::Kind::Typedef;
            td.name = dd.name;
            td.target = t;
            td.size = t->size;
            td.align = t->align;
            const Type* nt = types_.create(std::move(td));
            types_.define(dd.name, nt);
            userTypedefs_.insert(dd.name);
            continue;
        }
        // Associative arrays: int a[string, int];
        const Derived* keys = nullptr;
        for (const auto& x : dd.derived)
            if (x.kind == Derived::Kind::Array && (!x.keyTypes.empty() || x.varargs)) keys = &x;
        if (keys) {
            if (keys->varargs)
                fail(Tag::D_DECL_PROTO_VARARGS, dd.loc,
                     "array prototype may not use a variable-length argument list");
            std::vector<const Type*> kt;
            for (const auto& k : keys->keyTypes) {
                if (k->spec->storage != StorageClass::None)
                    fail(Tag::D_DECL_PARMCLASS, dd.loc,
                         "inappropriate storage class for function or associative array "
                         "parameter");
                kt.push_back(resolveTypeName(*k));
                if (kt.back()->isVoid())
                    fail(Tag::D_DECL_PROTO_TYPE, dd.loc,
                         "array prototype may not use parameter of type void: {}, parameter #{}",
                         k->decl && !k->decl->name.empty() ? k->decl->name : "(anonymous)",
                         kt.size());
            }
            Declarator valueDecl;
            valueDecl.loc = dd.loc;
            const Type* vt = base;
            for (const auto& x : dd.derived)
                if (x.kind == Derived::Kind::Pointer) vt = types_.pointerTo(vt);
            // self int a[int]: a thread-local array, used as self->a[...].
            bool threadLocal = d.spec->storage == StorageClass::Self;
            std::string name = threadLocal ? "self->" + dd.name : dd.name;
            for (const auto& a : arrays_)
                if (a.name == name) goto declared;
            {
                DynVar v;
                v.name = name;
                v.type = vt;
                v.keys = kt;
                v.threadLocal = threadLocal;
                arrays_.push_back(std::move(v));
            }
        declared:
            continue;
        }
        // (An extern array's size may be unknown: the kernel defines it.)
        for (const auto& x : dd.derived)
            if (x.kind == Derived::Kind::Array && !x.size && x.keyTypes.empty() &&
                d.spec->storage != StorageClass::Extern)
                fail(Tag::D_DECL_ARRNULL, dd.loc,
                     "array declaration requires array dimension or tuple signature: {}", dd.name);
        const Type* t = declaredType(base, dd);
        const Type* r = t->resolve();
        if (r->kind == Type::Kind::Function) continue; // an external function's prototype
        if (r->kind == Type::Kind::Void)
            fail(Tag::D_DECL_VOIDOBJ, dd.loc, "cannot declare void object: {}", dd.name);
        if (!r->complete)
            fail(Tag::D_DECL_INCOMPLETE, dd.loc, "incomplete struct/union/enum {}: {}", r->name,
                 dd.name);
        if (d.spec->storage == StorageClass::Self || d.spec->storage == StorageClass::This) {
            auto& vars = d.spec->storage == StorageClass::Self ? selfVars_ : thisVars_;
            bool known = false;
            for (const auto& v : vars)
                known |= v.name == dd.name;
            bool aggregate = isStructOrUnion(r) || (d.spec->storage == StorageClass::This &&
                                                    r->kind == Type::Kind::Array && r->count);
            if (!t->isScalar() && !t->isString() && !aggregate)
                fail(Tag::D_UNKNOWN, dd.loc, "{}-> variables of type {} are not supported yet",
                     d.spec->storage == StorageClass::Self ? "self" : "this", t->name);
            if (!known) {
                DynVar v;
                v.name = dd.name;
                v.type = t;
                if (&vars == &thisVars_) {
                    v.offset = thisSize_;
                    thisSize_ += t->isString() ? 256 : 8;
                }
                vars.push_back(std::move(v));
            }
            continue;
        }
        if (d.spec->storage == StorageClass::Extern) continue; // a kernel symbol
        for (const auto& g : globals_)
            if (g.name == dd.name) {
                if (g.type != t)
                    fail(Tag::D_DECL_IDRED, dd.loc, "identifier redeclared: {}", dd.name);
                goto next;
            }
        if (inlines_.count(dd.name) || enumConsts_.count(dd.name) || findBuiltin(dd.name))
            fail(Tag::D_DECL_IDRED, dd.loc, "identifier redeclared: {}", dd.name);
        declareGlobal(dd.name, t);
    next:;
    }
}

bool Checker::assignable(const Type* to, const Type* from, const Expr& value) const {
    const Type* a = to->resolve();
    const Type* b = from->resolve();
    if (a->kind == Type::Kind::String || b->kind == Type::Kind::String) {
        if (a->kind == Type::Kind::String && b->kind == Type::Kind::String) return true;
        // NULL (the constant 0) is a string's null pointer.
        if (a->kind == Type::Kind::String && b->isInteger() && fold(value) == 0) return true;
        // char arrays and pointers convert to strings
        return a->kind == Type::Kind::String &&
               (b->kind == Type::Kind::Array || b->kind == Type::Kind::Pointer) && b->target &&
               b->target->resolve()->isChar;
    }
    if (a->isArithmetic() && b->isArithmetic()) return true;
    if (a->kind == Type::Kind::Pointer) {
        if (b->kind == Type::Kind::Pointer || b->kind == Type::Kind::Array) return true;
        // The constant 0 is a null pointer.
        return b->isInteger() && fold(value) == 0;
    }
    if (a->kind == Type::Kind::Pointer || b->kind == Type::Kind::Pointer) return false;
    if (isStructOrUnion(a) || isStructOrUnion(b)) return a == b;
    return a == b;
}

void Checker::inlineDef(InlineDef& d) {
    const std::string& name = d.decl->name;
    const Type* t = declaredType(specType(*d.spec), *d.decl);
    if (inlines_.count(name))
        fail(Tag::D_DECL_IDRED, d.loc,
             "identifier redefined: {}\n\t current: inline definition\n\tprevious: scalar inline",
             name);
    for (const auto& g : globals_)
        if (g.name == name)
            fail(Tag::D_DECL_IDRED, d.loc,
                 "identifier redefined: {}\n\t current: inline definition\n\tprevious: scalar",
                 name);
    // The inline's own name is not visible in its value (no recursion).
    const Type* vt = expr(*d.value);
    if (!assignable(t, vt, *d.value))
        fail(Tag::D_OP_INCOMPAT, d.loc,
             "inline {} definition uses incompatible types: \"{}\" = \"{}\"", name, t->name,
             vt->name);
    InlineVar v;
    v.type = t;
    v.expr = d.value.get();
    if (t->isInteger()) {
        if (auto c = fold(*d.value)) {
            // Converted to the inline's type, as an assignment would.
            const Type* r = t->resolve();
            int64_t x = *c;
            if (r->size < 8) {
                int sh = 64 - 8 * static_cast<int>(r->size);
                uint64_t u = static_cast<uint64_t>(x) << sh;
                x = r->isSigned ? static_cast<int64_t>(u) >> sh : static_cast<int64_t>(u >> sh);
            }
            v.value = x;
        }
    }
    inlines_[name] = v;
}

// Errors about the translator as a whole, and about how its members match
// the output type, are reported at its end (as DTrace, which checks them
// once the definition is complete); errors inside a member's expression at
// that expression.
void Checker::translatorDef(TranslatorDef& d) {
    const Type* out = resolveTypeName(*d.output);
    const Type* in = resolveTypeName(*d.input);
    if (!isStructOrUnion(out))
        fail(Tag::D_XLATE_SOU, d.loc, "translator output type must be a struct or union");
    if (!translators_.insert({{out->resolve(), in}, &d}).second)
        fail(Tag::D_XLATE_REDECL, d.loc, "translator from {} to {} has already been declared",
             in->name, out->name);
    locals_.push_back({d.inputName, in, &d});
    for (auto& m : d.members) {
        auto om = findMember(out, m.member);
        if (!om)
            fail(Tag::D_XLATE_MEMB, d.loc, "translator member {} is not a member of {}", m.member,
                 out->name);
        const Type* vt = expr(*m.value);
        // A char array member takes a string or any char array (copied
        // and truncated to the member, as DTrace does).
        auto chars = [](const Type* t) {
            const Type* r = t->resolve();
            return r->isString() ||
                   (r->kind == Type::Kind::Array && r->target && r->target->resolve()->isChar);
        };
        bool charArray = om->type->resolve()->kind == Type::Kind::Array && chars(om->type);
        if (!(charArray && chars(vt)) && !assignable(om->type, vt, *m.value))
            fail(Tag::D_XLATE_INCOMPAT, d.loc,
                 "translator member {} definition uses incompatible types: \"{}\" = \"{}\"",
                 m.member, om->type->name, vt->name);
    }
    locals_.pop_back();
}

// ---------------------------------------------------------------- constants

std::optional<int64_t> Checker::constant(Expr& e) {
    const Type* t = expr(e);
    if (!t->isInteger()) return std::nullopt;
    return fold(e);
}

std::optional<int64_t> Checker::fold(const Expr& e) const {
    if (e.folded) return e.folded;
    switch (e.kind) {
    case ExprKind::IntLit:
        return static_cast<int64_t>(as<IntLit>(e).value);
    case ExprKind::Ident: {
        auto& id = as<Ident>(e);
        if (id.ref == Ident::Ref::Constant) return id.constValue;
        return std::nullopt;
    }
    case ExprKind::Unary: {
        auto& u = as<Unary>(e);
        auto v = fold(*u.operand);
        if (!v) return std::nullopt;
        switch (u.op) {
        case UnaryOp::Neg:
            return static_cast<int64_t>(0 - static_cast<uint64_t>(*v));
        case UnaryOp::Plus:
            return v;
        case UnaryOp::BitNot:
            return ~*v;
        case UnaryOp::LogNot:
            return *v == 0;
        default:
            return std::nullopt;
        }
    }
    case ExprKind::Cast: {
        auto& c = as<Cast>(e);
        auto v = fold(*c.operand);
        if (!v || !e.type || !e.type->isInteger()) return std::nullopt;
        const Type* r = e.type->resolve();
        if (r->size >= 8) return v;
        // As DTrace folds a cast of a constant: the low bits, zero-extended
        // (the expression is an int if its type is narrower; see check.cc).
        int sh = 64 - 8 * static_cast<int>(r->size);
        return static_cast<int64_t>((static_cast<uint64_t>(*v) << sh) >> sh);
    }
    case ExprKind::Ternary: {
        auto& t = as<Ternary>(e);
        auto c = fold(*t.cond);
        if (!c) return std::nullopt;
        return fold(*c ? *t.then : *t.otherwise);
    }
    case ExprKind::Binary: {
        auto& b = as<Binary>(e);
        auto x = fold(*b.lhs), y = fold(*b.rhs);
        if (!x || !y) return std::nullopt;
        uint64_t ux = static_cast<uint64_t>(*x), uy = static_cast<uint64_t>(*y);
        bool isSigned = e.type && e.type->resolve()->isSigned;
        switch (b.op) {
        case BinaryOp::Mul:
            return static_cast<int64_t>(ux * uy);
        case BinaryOp::Div:
        case BinaryOp::Mod:
            if (*y == 0) return std::nullopt;
            if (isSigned) {
                if (*x == INT64_MIN && *y == -1) return std::nullopt;
                return b.op == BinaryOp::Div ? *x / *y : *x % *y;
            }
            return static_cast<int64_t>(b.op == BinaryOp::Div ? ux / uy : ux % uy);
        case BinaryOp::Add:
            return static_cast<int64_t>(ux + uy);
        case BinaryOp::Sub:
            return static_cast<int64_t>(ux - uy);
        case BinaryOp::Shl:
            return static_cast<int64_t>(ux << (uy & 63));
        case BinaryOp::Shr:
            return isSigned ? (*x >> (uy & 63)) : static_cast<int64_t>(ux >> (uy & 63));
        case BinaryOp::Lt:
            return *x < *y;
        case BinaryOp::Gt:
            return *x > *y;
        case BinaryOp::Le:
            return *x <= *y;
        case BinaryOp::Ge:
            return *x >= *y;
        case BinaryOp::Eq:
            return *x == *y;
        case BinaryOp::Ne:
            return *x != *y;
        case BinaryOp::BitAnd:
            return *x & *y;
        case BinaryOp::BitXor:
            return *x ^ *y;
        case BinaryOp::BitOr:
            return *x | *y;
        case BinaryOp::LogAnd:
            return *x && *y;
        case BinaryOp::LogXor:
            return (*x != 0) != (*y != 0);
        case BinaryOp::LogOr:
            return *x || *y;
        case BinaryOp::Comma:
            return y;
        }
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

// ---------------------------------------------------------------- type expressions

bool Checker::isDynamicVar(const Expr& e) const {
    if (e.kind == ExprKind::Ident) {
        auto& id = as<Ident>(e);
        return id.ref == Ident::Ref::Global;
    }
    if (e.kind == ExprKind::Member) {
        auto& m = as<Member>(e);
        if (m.varKind) return true;
        if (!m.arrow) return isDynamicVar(*m.base);
    }
    if (e.kind == ExprKind::Index) return as<Index>(e).arrayIndex >= 0;
    return false;
}

const TranslatorDef* Checker::findTranslator(const Type* out, const Type* from,
                                             const Expr& operand) {
    for (const auto& [key, def] : translators_)
        if (key.first == out && key.second->resolve() == from->resolve()) return def;
    for (const auto& [key, def] : translators_)
        if (key.first == out && assignable(key.second, from, operand)) return def;
    return nullptr;
}

// The xlate an expression's value comes from: the expression itself, or
// the value of the inline it names (curpsinfo).
const Xlate* translatedValue(const Expr& e) {
    if (e.kind == ExprKind::Xlate) return &as<Xlate>(e);
    if (e.kind == ExprKind::Index && as<Index>(e).argValue)
        return translatedValue(*as<Index>(e).argValue); // a translated args[i]
    if (e.kind == ExprKind::Ident && as<Ident>(e).ref == Ident::Ref::Inline &&
        as<Ident>(e).inlineValue)
        return translatedValue(*as<Ident>(e).inlineValue);
    return nullptr;
}

bool Checker::translatedMember(Member& m, const Type* baseType) {
    const Xlate* x = translatedValue(*m.base);
    if (!x || !x->translator) return false;
    const Type* r = baseType->resolve();
    if (m.arrow != (r->kind == Type::Kind::Pointer)) return false;
    if (m.arrow) r = r->target->resolve();
    auto mem = findMember(r, m.member);
    if (!mem) fail(Tag::D_TYPE_MEMBER, m.loc, "{} is not a member of {}", m.member, r->name);
    for (const auto& tm : x->translator->members)
        if (tm.member == m.member) {
            m.xlate = x;
            m.xlateValue = tm.value.get();
            // A char array member carries the string its translator gives.
            const Type* mt = mem->type->resolve();
            bool chars =
                mt->kind == Type::Kind::Array && mt->target && mt->target->resolve()->isChar;
            m.type = chars ? types_.stringType() : mem->type;
            return true;
        }
    fail(Tag::D_XLATE_NOCONV, m.loc, "translator does not define conversion for member: {}",
         m.member);
}

const Type* Checker::member(Member& m) {
    const Type* bt = expr(*m.base);
    if (translatedMember(m, bt)) return m.type;
    const Type* r = bt->resolve();
    const char* op = m.arrow ? "->" : ".";
    if (m.arrow) {
        if (r->kind != Type::Kind::Pointer && r->kind != Type::Kind::Array)
            fail(Tag::D_OP_PTR, m.loc, "operator -> must be applied to a pointer");
        r = r->target->resolve();
    }
    btf_.complete(types_, r);
    if (!isStructOrUnion(r)) {
        if (m.arrow)
            fail(Tag::D_OP_SOU, m.loc,
                 "operator -> cannot be applied to pointer to type \"{}\"; must be applied to a "
                 "struct or union pointer",
                 bt->resolve()->target->name);
        fail(Tag::D_OP_SOU, m.loc,
             "operator . cannot be applied to type \"{}\"; must be applied to a struct or union",
             bt->name);
    }
    if (!r->complete)
        fail(Tag::D_OP_INCOMPLETE, m.loc,
             "operator {} cannot be applied to a forward declaration: no {} definition is "
             "available",
             op, r->name);
    auto mem = findMember(r, m.member);
    if (!mem) fail(Tag::D_TYPE_MEMBER, m.loc, "{} is not a member of {}", m.member, r->name);
    return m.type = mem->type;
}

const Type* Checker::sizeofExpr(Unary& u) {
    const Type* t = expr(*u.operand);
    if (u.operand->kind == ExprKind::Member) {
        auto& m = as<Member>(*u.operand);
        if (!m.varKind) {
            const Type* bt = m.base->type->resolve();
            if (m.arrow) bt = bt->target->resolve();
            auto mem = findMember(bt, m.member);
            if (mem && mem->bitWidth)
                fail(Tag::D_SIZEOF_BITFIELD, u.loc, "cannot apply sizeof to a bit-field");
        }
    }
    const Type* r = t->resolve();
    if (r->kind == Type::Kind::Void || r->kind == Type::Kind::Function || !r->complete ||
        (r->size == 0 && r->kind != Type::Kind::Struct && r->kind != Type::Kind::Union))
        fail(Tag::D_SIZEOF_TYPE, u.loc, "cannot apply sizeof to an operand of unknown size");
    // A string constant's size is its length with the NUL, as in C.
    u.folded = u.operand->kind == ExprKind::StrLit
                   ? static_cast<int64_t>(as<StrLit>(*u.operand).value.size() + 1)
                   : static_cast<int64_t>(r->size);
    return u.type = types_.ulongType();
}

const Type* Checker::offsetofExpr(Offsetof& o) {
    const Type* t = resolveTypeName(*o.typeName);
    const Type* r = t->resolve();
    btf_.complete(types_, r);
    if (!isStructOrUnion(r))
        fail(Tag::D_OFFSETOF_TYPE, o.loc, "offsetof operand must be a struct or union type");
    if (!r->complete)
        fail(Tag::D_OFFSETOF_TYPE, o.loc, "cannot take offset of a forward declaration: {}",
             r->name);
    auto mem = findMember(r, o.member);
    if (!mem)
        fail(Tag::D_UNKNOWN, o.loc, "failed to determine offset of {}: Unknown member name",
             o.member);
    if (mem->bitWidth)
        fail(Tag::D_OFFSETOF_BITFIELD, o.loc, "cannot take offset of a bit-field: {}", o.member);
    o.folded = static_cast<int64_t>(mem->offsetBits / 8);
    return o.type = types_.ulongType();
}

// self->s.a[i], x[k].a[i]: within the struct of a self-> variable or an
// associative array's element (which lives in a map, not in memory D may
// point into).
static bool inDynamicStruct(const Expr& e) {
    const Expr* b = &e;
    for (;;) {
        if (b->kind == ExprKind::Member && !as<Member>(*b).arrow && !as<Member>(*b).varKind) {
            b = as<Member>(*b).base.get();
        } else if (b->kind == ExprKind::Index && as<Index>(*b).arrayIndex < 0 &&
                   as<Index>(*b).base->type &&
                   as<Index>(*b).base->type->resolve()->kind == Type::Kind::Array) {
            b = as<Index>(*b).base.get();
        } else {
            break;
        }
    }
    return (b->kind == ExprKind::Member && as<Member>(*b).varKind == 1) ||
           (b->kind == ExprKind::Index && as<Index>(*b).arrayIndex >= 0);
}

const Type* Checker::addressOf(Unary& u) {
    Expr& e = *u.operand;
    bool lvalue = e.kind == ExprKind::Ident || e.kind == ExprKind::Member ||
                  e.kind == ExprKind::Index ||
                  (e.kind == ExprKind::Unary && as<Unary>(e).op == UnaryOp::Deref);
    if (!lvalue) fail(Tag::D_ADDROF_LVAL, u.loc, "unacceptable operand for unary & operator");
    const Type* t = expr(e);
    if (e.kind == ExprKind::Member && !as<Member>(e).varKind) {
        auto& m = as<Member>(e);
        const Type* bt = m.base->type->resolve();
        if (m.arrow) bt = bt->target->resolve();
        auto mem = findMember(bt, m.member);
        if (mem && mem->bitWidth)
            fail(Tag::D_ADDROF_BITFIELD, u.loc, "cannot take address of bit-field");
    }
    if (isDynamicVar(e) || inDynamicStruct(e) ||
        (e.kind == ExprKind::Ident && as<Ident>(e).ref == Ident::Ref::Builtin))
        fail(Tag::D_ADDROF_VAR, u.loc, "cannot take address of dynamic variable");
    if (e.kind == ExprKind::Ident && as<Ident>(e).ref == Ident::Ref::Constant)
        fail(Tag::D_ADDROF_LVAL, u.loc, "unacceptable operand for unary & operator");
    return u.type = types_.pointerTo(t);
}

const Type* Checker::index(Index& ix) {
    if (ix.base->kind == ExprKind::Ident && as<Ident>(*ix.base).name == "args" &&
        !as<Ident>(*ix.base).backquote) {
        // The probe's typed arguments: one integer index.
        for (size_t i = 0; i < ix.keys.size(); i++) {
            const Type* kt = expr(*ix.keys[i]);
            if (!kt->isInteger() || i > 0)
                fail(Tag::D_PROTO_ARG, ix.keys[i]->loc,
                     "args[ ] argument #{} is incompatible with prototype:\n\tprototype: "
                     "int\n\t argument: {}",
                     i + 1, kt->name);
        }
        if (ix.keys.empty())
            fail(Tag::D_PROTO_LEN, ix.loc, "args[ ] prototype mismatch: 0 args passed, 1 expected");
        return ix.type = types_.lookup("int64_t");
    }
    const Type* bt = expr(*ix.base);
    const Type* r = bt->resolve();
    if (r->kind == Type::Kind::String) { // a string's characters
        if (ix.keys.size() != 1 || !expr(*ix.keys[0])->isInteger())
            fail(Tag::D_OP_INT, ix.loc, "operator [ ] requires operands of integral type");
        // A translated char array member (a string here) keeps its bounds.
        if (ix.base->kind == ExprKind::Member && as<Member>(*ix.base).xlate)
            if (auto c = fold(*ix.keys[0])) {
                auto& m = as<Member>(*ix.base);
                const Type* st = m.base->type->resolve();
                if (m.arrow && st->target) st = st->target->resolve();
                auto mem = findMember(st, m.member);
                const Type* at = mem ? mem->type->resolve() : nullptr;
                if (at && at->kind == Type::Kind::Array && at->count &&
                    (*c < 0 || static_cast<uint64_t>(*c) >= at->count))
                    fail(Tag::D_ARR_BOUNDS, ix.loc, "index outside array bounds: {}, max is {}", *c,
                         at->count);
            }
        return ix.type = types_.charType();
    }
    if (r->kind != Type::Kind::Pointer && r->kind != Type::Kind::Array)
        fail(Tag::D_OP_PTR, ix.loc, "operator [ ] must be applied to a pointer or array");
    if (ix.keys.size() != 1)
        fail(Tag::D_ARR_BADREF, ix.loc, "cannot access scalar {} as an associative array",
             ix.base->kind == ExprKind::Ident ? as<Ident>(*ix.base).name : bt->name);
    const Type* kt = expr(*ix.keys[0]);
    if (!kt->isInteger())
        fail(Tag::D_OP_INT, ix.loc, "operator [ ] requires operands of integral type");
    // A constant index is folded for the code generator (array elements of
    // variables are addressed at compile time).
    if (auto c = fold(*ix.keys[0])) {
        ix.keys[0]->folded = c;
        if (r->kind == Type::Kind::Array && r->count &&
            (*c < 0 || static_cast<uint64_t>(*c) >= r->count))
            fail(Tag::D_ARR_BOUNDS, ix.loc, "index outside array bounds: {}, max is {}", *c,
                 r->count);
    }
    if (r->target->isVoid()) fail(Tag::D_DEREF_VOID, ix.loc, "cannot dereference pointer to void");
    return ix.type = r->target;
}

} // namespace dt::sema
