// Which expressions the code generator leaves as pointers the BPF verifier
// tracks: pointers into the clause's scratch memory (a translation,
// alloca() or copyin() memory).  The verifier refuses most arithmetic on
// them, so a cast to an integer type turns them into plain numbers; other
// pointers in D (kernel and user addresses, anything read back from a
// variable) are numbers already and cost nothing.
#pragma once
#include "ast/ast.h"

namespace dt::codegen {

// Whether e's value may be such a pointer.
bool scratchPointer(const ast::Expr& e);

// Whether the lvalue e (p->m, s.m, a[i], *p) lies in memory reached through
// such a pointer, so that &e is one.
bool inScratchMemory(const ast::Expr& e);

} // namespace dt::codegen
