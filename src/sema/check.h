// Semantic analysis: resolves identifiers and functions, assigns types,
// declares global variables, and checks actions' prototypes.  Annotates the
// AST in place for the code generator.
#pragma once
#include <string>
#include <vector>

#include "ast/ast.h"
#include "output/printf.h"
#include "sema/types.h"

namespace dt::sema {

struct GlobalVar {
    std::string name;
    const Type* type = nullptr;
    uint32_t offset = 0; // in the globals map value
};

// An aggregation: its function and key types, fixed by its first use.
struct AggVar {
    std::string name;
    int func = -1; // Func
    std::vector<const Type*> keys;
    Loc loc;
    int64_t base = 0, limit = 0, step = 1; // lquantize
};

// self->x, this->x and associative arrays.
struct DynVar {
    std::string name;
    const Type* type = nullptr;
    std::vector<const Type*> keys; // associative arrays
    uint32_t offset = 0;           // this->x: in the context's clause-local area
};

struct SemaResult {
    std::vector<DynVar> selfVars, thisVars, arrays;
    std::vector<AggVar> aggs;
    std::vector<GlobalVar> globals;
    uint32_t globalsSize = 0;
    std::vector<output::Format> formats;
    // -x stackframes / ustackframes: the depth of stack() and ustack()
    // without an argument.
    uint32_t stackFrames = 20, ustackFrames = 100;
    uint32_t maxFrames = kMaxStackFrames; // -x maxframes: caps every stack
};

class Checker {
  public:
    Checker(TypeTable& types, uint32_t globalsBase) : types_(types), nextGlobal_(globalsBase) {}
    void checkClause(ast::Clause& clause);
    SemaResult finish();
    const Type* resolveTypeName(const ast::TypeName& tn);

  private:
    void stmt(ast::Stmt& s);
    const Type* expr(ast::Expr& e);
    const Type* call(ast::Call& c, bool asStatement);
    // stack(), ustack(), sym(), usym(), ... (check_symbols.cc).
    const Type* symbolCall(ast::Call& c);
    const Type* intLit(ast::IntLit& e);
    const Type* assign(ast::Assign& a);
    const Type* aggAssign(ast::Assign& a);
    // A variable reference (global, self->, this->, array element): its
    // type, declaring it with assignType if it is assigned first here.
    const Type* varRef(ast::Expr& e, bool lvalue, const Type* assignType);
    bool isVarRef(const ast::Expr& e) const;
    const Type* ident(ast::Ident& id, bool lvalue, const Type* assignType);
    int declareGlobal(const std::string& name, const Type* t);
    output::ArgType argType(const Type* t) const;

    TypeTable& types_;
    std::vector<GlobalVar> globals_;
    std::vector<AggVar> aggs_;
    std::vector<DynVar> selfVars_, thisVars_, arrays_;
    uint32_t thisSize_ = 0;
    std::vector<output::Format> formats_;
    uint32_t nextGlobal_;
};

} // namespace dt::sema
