// An S-expression rendering of the D AST, for tests and for "dtrace -S".
//
//   (clause ("syscall::read:entry") (pred (== pid 1)) (body (call trace x)))
//
// Expressions: integers as decimal (with their suffix: 10ul; character
// constants as (char 97)), strings C-quoted, identifiers as written
// (vmlinux`x), aggregations @name / @, and operators in prefix form:
// (+ a b), (neg x), (post++ x), (= a b), (+= a b), (? c a b), (cast TYPE e),
// (call f a b), ([] a k1 k2), (. e m), (-> e m), (sizeof e), (sizeof TYPE),
// (stringof e), (offsetof TYPE m), (xlate TYPE e).  A TYPE is
// (type SPEC DERIVED...) with the derivation in English order: ptr,
// (array N), (assoc TYPE...), (func TYPE...).
#pragma once
#include <string>

#include "ast/ast.h"

namespace dt::parse {

std::string dump(const ast::Expr& e);
std::string dump(const ast::Stmt& s);
std::string dump(const ast::TypeName& t);
std::string dump(const ast::TopLevel& t);
// One line per top-level item.
std::string dump(const ast::Program& p);

} // namespace dt::parse
