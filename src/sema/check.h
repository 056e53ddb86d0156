// Semantic analysis: resolves identifiers and functions, assigns types,
// declares global variables, and checks actions' prototypes.  Annotates the
// AST in place for the code generator.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "output/printf.h"
#include "program/probe.h"
#include "sema/btf.h"
#include "sema/library.h"
#include "sema/types.h"

namespace dt::sema {

// The xlate an expression's value comes from (an xlate, an inline such as
// curpsinfo, a translated args[i]); null if none.
const ast::Xlate* translatedValue(const ast::Expr& e);

// DTrace's stability attributes of a built-in variable or function (most
// are Stable/Stable/Common).
Attribute identifierAttribute(const std::string& name);

// Integer constants DTrace's D library defines (signal numbers, ...).
std::optional<int64_t> libraryConstant(const std::string& name);

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
    int64_t base = 0, limit = 0, step = 1;             // lquantize
    int64_t factor = 0, lmag = 0, hmag = 0, steps = 0; // llquantize
};

// self->x, this->x and associative arrays.
struct DynVar {
    std::string name;
    const Type* type = nullptr;
    std::vector<const Type*> keys; // associative arrays
    uint32_t offset = 0;           // this->x: in the context's clause-local area
    bool threadLocal = false;      // self->a[...]: an associative array per thread
};

struct SemaResult {
    std::vector<DynVar> selfVars, thisVars, arrays;
    std::vector<AggVar> aggs;
    std::vector<GlobalVar> globals;
    uint32_t globalsSize = 0;
    std::vector<output::Format> formats;
    const Type* stringType = nullptr; // D's string (for values the code generator retypes)
    // -x stackframes / ustackframes: the depth of stack() and ustack()
    // without an argument.
    uint32_t stackFrames = 20, ustackFrames = 100;
    uint32_t maxFrames = kMaxStackFrames; // -x maxframes: caps every stack
};

// What args[] means in a clause, from the probes its descriptions matched
// (see ProbeArg in program/probe.h).  As DTrace: args[i] past the probes'
// arguments is D_ARGS_IDX; an args[i] whose type differs between the
// matched probes is D_ARGS_MULTI (DTrace compiles such a description only
// when its probes' arguments are stable); a provider without argument
// types leaves args[i] an int64_t word.
struct ClauseArgs {
    bool untyped = true;
    std::string desc;                          // the clause's first description
    size_t minCount = 0;                       // arguments every matched probe has
    std::vector<std::optional<ProbeArg>> args; // per index: the type all agree on
};
// Merges the argument lists of a clause's matched probes (each Known or
// Untyped; `desc` is the description text used in messages).
ClauseArgs clauseArgs(const std::vector<const Probe*>& probes, const std::string& desc);

class Checker {
  public:
    Checker(TypeTable& types, uint32_t globalsBase) : types_(types), nextGlobal_(globalsBase) {
        // D's built-in NULL: an int 0 (sizeof(NULL) is 4 in DTrace).
        enumConsts_["NULL"] = {0, types.intType()};
    }
    // Any top-level item: clauses, declarations, inline and translator
    // definitions, in program order (declarations apply to what follows).
    void check(ast::TopLevel& item);
    void checkClause(ast::Clause& clause);
    // A clause whose probes give args[] the types in `args`.
    void checkClause(ast::Clause& clause, ClauseArgs args);
    // A type spelled as C spells it ("const char *", "struct task_struct *",
    // "unsigned long", "u8 [16]", "pid_t"): D's types, the program's
    // typedefs, then the kernel's BTF.  Null if it names no known type.
    const Type* typeFromString(const std::string& spelling);
    SemaResult finish();
    const Type* resolveTypeName(const ast::TypeName& tn);
    // For the lexer: does `name` name a type (D's, the program's typedefs,
    // or a kernel typedef written with its scope, "vmlinux`u32")?
    bool isTypeName(std::string_view name);
    bool isKernelTypeName(std::string_view name); // loads the kernel's types
    // -x tregs: the most keys a tuple (array or aggregation key) may have.
    void setTupleRegisters(uint32_t n) { tupleRegs_ = n; }
    // The D library: names it defines are checked on first reference.
    void setLibrary(Library* lib) { library_ = lib; }
    // Attributes a "#pragma D attributes" gave an identifier (curpsinfo).
    std::optional<Attribute> declaredAttribute(const std::string& name) const {
        auto it = declaredAttrs_.find(name);
        if (it == declaredAttrs_.end()) return std::nullopt;
        return it->second;
    }

  private:
    // Checks the library file defining `key` (a typedef, identifier or
    // "struct tag"); true if that defined something new.
    bool fromLibrary(const std::string& key) { return library_ && library_->require(key, *this); }
    Library* library_ = nullptr;
    uint32_t tupleRegs_ = 8;
    void checkTupleSize(size_t keys) const {
        if (keys > tupleRegs_)
            fail(Tag::D_UNKNOWN, Loc{}, "Insufficient tuple registers to generate code");
    }
    std::map<std::string, Attribute> declaredAttrs_;
    // Declarations (decl.cc).
    void declaration(ast::Declaration& d);
    void inlineDef(ast::InlineDef& d);
    void translatorDef(ast::TranslatorDef& d);
    // The type the specifiers name, defining a struct/union/enum body there.
    const Type* specType(const ast::DeclSpecifiers& spec);
    const Type* namedType(const ast::DeclSpecifiers& spec);
    const Type* tagType(const std::string& kind, const std::string& name, Loc loc);
    void defineMembers(Type& t, const ast::DeclSpecifiers& spec);
    void defineEnum(Type& t, const ast::DeclSpecifiers& spec);
    // base + the declarator's pointers, arrays and functions.
    const Type* declaredType(const Type* base, const ast::Declarator& d);
    void checkParams(const std::vector<std::unique_ptr<ast::ParamDecl>>& params, Loc loc,
                     const std::string& name);
    // Types e and folds it to an integer constant if it is one.
    std::optional<int64_t> constant(ast::Expr& e);
    std::optional<int64_t> fold(const ast::Expr& e) const;
    bool assignable(const Type* to, const Type* from, const ast::Expr& value) const;
    // Expressions on types (decl.cc).
    const Type* member(ast::Member& m);
    const Type* sizeofExpr(ast::Unary& u);
    const Type* offsetofExpr(ast::Offsetof& o);
    const Type* addressOf(ast::Unary& u);
    const Type* index(ast::Index& ix);
    const Type* argsIndex(ast::Index& ix);
    ast::ExprPtr nativeArg(Loc loc, int k, const Type* t);
    bool isDynamicVar(const ast::Expr& e) const;

    void stmt(ast::Stmt& s);
    const Type* expr(ast::Expr& e);
    const Type* call(ast::Call& c, bool asStatement);
    // String and memory subroutines (subr.cc): the result type, or null if
    // c is not one of them.
    const Type* subroutine(ast::Call& c, const std::vector<const Type*>& argTypes);
    // uregs[i]: a user register of the current thread (subr.cc).
    const Type* uregsIndex(ast::Index& ix);
    // Variables holding alloca() pointers (true) or other pointers (false)
    // must not be given the other kind (subr.cc).
    bool allocaValue(const ast::Expr& e) const;
    void allocaAssign(const ast::Assign& a);
    std::map<std::string, bool> allocaVars_;
    void formatCall(ast::Call& c, const std::vector<const Type*>& argTypes, const char* func);
    // DTrace's rules on the order of speculate(), commit(), discard() and
    // the data-recording, aggregating and destructive actions of a clause.
    void checkActionOrder(ast::Clause& clause);
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
    KernelBtf btf_;                     // kernel types, loaded when a script first names one
    std::map<std::string, Type*> tags_; // "struct foo" -> its type (maybe still incomplete)
    struct EnumConst {
        int64_t value;
        const Type* type;
    };
    std::map<std::string, EnumConst> enumConsts_;
    struct InlineVar {
        const Type* type;
        std::optional<int64_t> value; // an integer constant
        const ast::Expr* expr;        // otherwise: the value to evaluate
    };
    std::map<std::string, InlineVar> inlines_;
    std::set<std::string> userTypedefs_;
    // (output, input) -> the definition.
    std::map<std::pair<const Type*, const Type*>, const ast::TranslatorDef*> translators_;
    // Names bound while checking a translator body (its input variable).
    struct Local {
        std::string name;
        const Type* type;
        const ast::TranslatorDef* translator;
    };
    std::vector<Local> locals_;
    // The translator an xlate uses: one from exactly the operand's type
    // first, else one the operand is assignable to; null if none.
    const ast::TranslatorDef* findTranslator(const Type* out, const Type* from,
                                             const ast::Expr& operand);
    // A member of a translated value: resolves it to the translator's
    // member expression (returns false if m's base is not translated).
    bool translatedMember(ast::Member& m, const Type* baseType);
    std::vector<GlobalVar> globals_;
    std::vector<AggVar> aggs_;
    std::vector<DynVar> selfVars_, thisVars_, arrays_;
    uint32_t thisSize_ = 0;
    std::vector<output::Format> formats_;
    uint32_t nextGlobal_;
    ClauseArgs clauseArgs_; // of the clause being checked
};

} // namespace dt::sema
