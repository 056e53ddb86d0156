#include "codegen/scratch_pointer.h"

#include "sema/types.h"

namespace dt::codegen {

using namespace ast;

static bool isPointer(const Expr& e) {
    const Type* t = e.type ? e.type->resolve() : nullptr;
    return t && t->kind == Type::Kind::Pointer;
}

bool scratchPointer(const Expr& e) {
    if (!isPointer(e)) return false;
    switch (e.kind) {
    case ExprKind::Xlate:
    case ExprKind::Call: // alloca(), copyin(): the subroutines returning pointers
        return true;
    case ExprKind::Ident: {
        auto& id = as<Ident>(e);
        return id.ref == Ident::Ref::Inline && scratchPointer(*id.inlineValue);
    }
    case ExprKind::Cast:
        return scratchPointer(*as<Cast>(e).operand);
    case ExprKind::Assign: {
        auto& a = as<Assign>(e);
        return !a.op && scratchPointer(*a.rhs);
    }
    case ExprKind::Ternary: {
        auto& c = as<Ternary>(e);
        return scratchPointer(*c.then) || scratchPointer(*c.otherwise);
    }
    case ExprKind::Binary: {
        auto& b = as<Binary>(e);
        if (b.op == BinaryOp::Comma) return scratchPointer(*b.rhs);
        return (b.op == BinaryOp::Add || b.op == BinaryOp::Sub) &&
               (scratchPointer(*b.lhs) || scratchPointer(*b.rhs));
    }
    case ExprKind::Unary: {
        auto& u = as<Unary>(e);
        return u.op == UnaryOp::AddrOf && inScratchMemory(*u.operand);
    }
    default:
        return false;
    }
}

bool inScratchMemory(const Expr& e) {
    auto through = [](const Expr& base) {
        return isPointer(base) ? scratchPointer(base) : inScratchMemory(base);
    };
    switch (e.kind) {
    case ExprKind::Member: {
        auto& m = as<Member>(e);
        return m.varKind == 0 && through(*m.base); // not self->x, this->x
    }
    case ExprKind::Index: {
        auto& ix = as<Index>(e);
        return ix.arrayIndex < 0 && through(*ix.base); // not an associative array
    }
    case ExprKind::Unary: {
        auto& u = as<Unary>(e);
        return u.op == UnaryOp::Deref && scratchPointer(*u.operand);
    }
    default:
        return false;
    }
}

} // namespace dt::codegen
