// Prototypes of D's string and memory subroutines: argument checks with
// DTrace's D_PROTO_ARG diagnostics, and result types.
#include "diag/diag.h"
#include "sema/builtins.h"
#include "sema/check.h"

namespace dt::sema {

using namespace ast;

namespace {

// A value D accepts where a string is expected: a string, or a pointer to
// or array of char.
bool stringLike(const Type* t) {
    if (t->isString()) return true;
    const Type* r = t->resolve();
    if ((r->kind == Type::Kind::Pointer || r->kind == Type::Kind::Array) && r->target)
        return r->target->resolve()->isChar;
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
        if (i < argTypes.size() && !stringLike(argTypes[i])) protoArg(i, "char *");
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
    default:
        return nullptr;
    }
}

} // namespace dt::sema
