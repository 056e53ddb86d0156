// codegen's scratchPointer(): which operands of integer casts are pointers
// into scratch memory (made plain numbers, at a cost) and which are
// numbers already (no cost).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ast/walk.h"
#include "codegen/scratch_pointer.h"
#include "parse/parser.h"
#include "sema/check.h"

using namespace dt;

namespace {

// For each cast to an integer type in the program's clauses, in order,
// whether its operand is a scratch pointer.
std::vector<bool> castOperands(const std::string& text) {
    TypeTable types;
    parse::ParseOptions po;
    po.fromFile = true;
    sema::Checker checker(types, 64);
    po.isTypeName = [&](std::string_view n) { return checker.isTypeName(n); };
    po.isKernelTypeName = [&](std::string_view n) { return checker.isKernelTypeName(n); };
    po.declared = [&](ast::TopLevel& item) { checker.check(item); };
    auto r = parse::parseProgram(text, po);
    for (auto& item : r.program->items)
        if (item->kind == ast::TopKind::Clause) checker.check(*item);
    checker.finish();
    std::vector<bool> out;
    for (auto& item : r.program->items) {
        if (item->kind != ast::TopKind::Clause) continue;
        for (auto& s : ast::as<ast::Clause>(*item).body)
            ast::walk(*s, [&](const ast::Expr& e) {
                if (e.kind == ast::ExprKind::Cast && e.type && e.type->resolve()->isInteger())
                    out.push_back(codegen::scratchPointer(*ast::as<ast::Cast>(e).operand));
            });
    }
    return out;
}

TEST(ScratchPointer, CastOperands) {
    EXPECT_EQ(
        castOperands(R"(
struct in { int a; };
struct out { int b; };
translator struct out < struct in *p > { b = p->a; };
inline struct out *t = xlate<struct out *>((struct in *)arg0);
BEGIN {
    x = (uintptr_t)alloca(8);
    x = (uintptr_t)xlate<struct out *>((struct in *)arg0);
    x = (uintptr_t)t;
    x = (uintptr_t)(t + 1);
    x = (uintptr_t)(arg0 ? t : (struct out *)curthread);
    x = (uintptr_t)&((char *)alloca(8))[3];
    x = (uintptr_t)&t->b;
    x = (uintptr_t)curthread;
    this->p = alloca(8);
    x = (uintptr_t)this->p;
    x = (int)arg0;
    x = (uintptr_t)&curthread->pid;
}
)"),
        (std::vector<bool>{true, true, true, true, true, true, true, false, false, false, false}));
}

} // namespace
