// Pre-order traversal of every expression under a statement or expression.
#pragma once
#include <functional>

#include "ast/ast.h"

namespace dt::ast {

using ExprVisitor = std::function<void(const Expr&)>;

inline void walk(const Expr& e, const ExprVisitor& fn) {
    fn(e);
    auto sub = [&](const ExprPtr& p) {
        if (p) walk(*p, fn);
    };
    switch (e.kind) {
    case ExprKind::Unary:
        sub(as<Unary>(e).operand);
        break;
    case ExprKind::Binary:
        sub(as<Binary>(e).lhs);
        sub(as<Binary>(e).rhs);
        break;
    case ExprKind::Assign:
        sub(as<Assign>(e).lhs);
        sub(as<Assign>(e).rhs);
        break;
    case ExprKind::Ternary:
        sub(as<Ternary>(e).cond);
        sub(as<Ternary>(e).then);
        sub(as<Ternary>(e).otherwise);
        break;
    case ExprKind::Cast:
        sub(as<Cast>(e).operand);
        break;
    case ExprKind::Call:
        for (const auto& a : as<Call>(e).args)
            sub(a);
        break;
    case ExprKind::Index:
        sub(as<Index>(e).base);
        for (const auto& k : as<Index>(e).keys)
            sub(k);
        if (as<Index>(e).argValue) sub(as<Index>(e).argValue);
        break;
    case ExprKind::Member:
        sub(as<Member>(e).base);
        break;
    case ExprKind::Xlate:
        sub(as<Xlate>(e).operand);
        break;
    case ExprKind::Ident:
        // An inline's use stands for its value.
        if (const Expr* v = as<Ident>(e).inlineValue) walk(*v, fn);
        break;
    default:
        break;
    }
}

inline void walk(const Stmt& s, const ExprVisitor& fn) {
    switch (s.kind) {
    case StmtKind::Expr:
        walk(*as<ExprStmt>(s).expr, fn);
        break;
    case StmtKind::If: {
        auto& i = as<IfStmt>(s);
        walk(*i.cond, fn);
        walk(*i.then, fn);
        if (i.otherwise) walk(*i.otherwise, fn);
        break;
    }
    case StmtKind::Block:
        for (const auto& c : as<Block>(s).stmts)
            walk(*c, fn);
        break;
    case StmtKind::Empty:
        break;
    }
}

} // namespace dt::ast
