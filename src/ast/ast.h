// The D abstract syntax tree.  Every node carries its source location; the
// semantic pass annotates expressions in place (type, constant value, the
// variable or built-in an identifier resolves to).  Nodes are owned through
// std::unique_ptr by their parent; the Program owns the top level.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"

namespace dt {
struct Type; // sema/types.h
}

namespace dt::ast {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

// ---------------------------------------------------------------- types as written

enum class StorageClass { None, Auto, Register, Static, Extern, Typedef, Self, This };

struct Declarator;
struct DeclSpecifiers;

// A struct or union body: each member is a declaration with one or more
// declarators (which may carry bit-field widths).
struct MemberDecl {
    Loc loc;
    std::unique_ptr<DeclSpecifiers> spec;
    std::vector<std::unique_ptr<Declarator>> declarators;
};

struct Enumerator {
    Loc loc;
    std::string name;
    ExprPtr value; // null: previous + 1
};

struct DeclSpecifiers {
    Loc loc;
    StorageClass storage = StorageClass::None;
    bool isConst = false, isVolatile = false, isRestrict = false;
    // Type specifier words in source order: "unsigned", "long", "int",
    // "char", "void", "string", ..., or one typedef name, possibly scoped
    // with a backquote ("vmlinux`pid_t").  Empty if the type is tagged.
    std::vector<std::string> words;
    // struct/union/enum: tagKind is "struct", "union" or "enum"; tagName may
    // be empty (anonymous) or scoped ("vmlinux`task_struct").
    std::string tagKind;
    std::string tagName;
    bool hasBody = false;                // a definition, not a reference
    std::vector<MemberDecl> members;     // struct/union body
    std::vector<Enumerator> enumerators; // enum body
};

struct TypeName;

// One step of a declarator's derivation.
struct Derived {
    enum class Kind { Pointer, Array, Function } kind = Kind::Pointer;
    // Pointer qualifiers.
    bool isConst = false, isVolatile = false, isRestrict = false;
    // Array: a size expression (null for `[]`), or for an associative array
    // declaration like `int a[string, int]` the key types.
    ExprPtr size;
    std::vector<std::unique_ptr<TypeName>> keyTypes;
    // Function: parameters (a lone `void` gives an empty list).
    std::vector<std::unique_ptr<struct ParamDecl>> params;
    bool varargs = false;
};

// A (possibly abstract) declarator.  `derived` reads left to right the way
// one says it in English: for `int *a[3]`, "a is an array of 3 pointers to
// int": derived = {Array(3), Pointer}.
struct Declarator {
    Loc loc;
    std::string name; // empty for abstract declarators
    std::vector<Derived> derived;
    ExprPtr bitWidth; // struct members only
};

struct ParamDecl {
    Loc loc;
    std::unique_ptr<DeclSpecifiers> spec;
    std::unique_ptr<Declarator> decl; // may be abstract
};

struct TypeName {
    Loc loc;
    std::unique_ptr<DeclSpecifiers> spec;
    std::unique_ptr<Declarator> decl; // abstract
};

// ---------------------------------------------------------------- expressions

enum class ExprKind {
    IntLit,     // 42, 0x2aUL, 'a'
    StrLit,     // "text"
    Ident,      // x, `max_pfn, vmlinux`jiffies
    AggRef,     // @name, @
    Unary,      // see UnaryOp
    SizeofType, // sizeof (type)
    Binary,     // see BinaryOp
    Assign,     // =, +=, ...
    Ternary,    // c ? a : b
    Cast,       // (type) e
    Call,       // f(args)
    Index,      // e[k1, k2]
    Member,     // e.m, e->m
    Offsetof,   // offsetof(type, member)
    Xlate,      // xlate <type> (e)
};

struct Expr {
    ExprKind kind;
    Loc loc;
    // Filled by sema.
    const Type* type = nullptr;
    // Set by sema when the value is a compile-time integer the code
    // generator cannot compute itself (sizeof, offsetof).
    std::optional<int64_t> folded;
    explicit Expr(ExprKind k, Loc l) : kind(k), loc(l) {}
    virtual ~Expr() = default;
};

struct IntLit : Expr {
    uint64_t value = 0;
    std::string suffix;    // as written, lower-cased: "", "u", "l", "ul", "ll", "ull"
    bool isChar = false;   // a character constant
    bool isDecimal = true; // written in base 10 (affects C's constant typing)
    IntLit(Loc l) : Expr(ExprKind::IntLit, l) {}
};

struct StrLit : Expr {
    std::string value; // escapes already decoded
    StrLit(Loc l) : Expr(ExprKind::StrLit, l) {}
};

struct TranslatorDef;
struct Xlate;

struct Ident : Expr {
    std::string name;
    std::string scope;      // module before the backquote ("vmlinux`x"), "" if none
    bool backquote = false; // written with a backquote (kernel symbol scope)
    // Set by sema: what the name refers to, and its index in that table.
    enum class Ref {
        Unresolved,
        Builtin,
        Global,
        Constant,
        Inline,
        XlateInput
    } ref = Ref::Unresolved;
    int index = -1;
    int64_t constValue = 0; // Ref::Constant (enumerators, inline integers)
    // Ref::Inline: the inline definition's value expression (typed by sema,
    // owned by the InlineDef, evaluated in place of the name).
    const Expr* inlineValue = nullptr;
    // Ref::XlateInput: the translator whose input variable this is (its
    // value is the operand of the xlate being evaluated).
    const TranslatorDef* translator = nullptr;
    Ident(Loc l) : Expr(ExprKind::Ident, l) {}
};

struct AggRef : Expr {
    std::string name; // without '@'; "" for the anonymous aggregation
    int aggId = -1;   // set by sema: index into the program's aggregations
    AggRef(Loc l) : Expr(ExprKind::AggRef, l) {}
};

enum class UnaryOp {
    Plus,
    Neg,
    LogNot,
    BitNot,
    Deref,
    AddrOf,
    PreInc,
    PreDec,
    PostInc,
    PostDec,
    Sizeof,   // sizeof expr
    Stringof, // stringof expr
};

struct Unary : Expr {
    UnaryOp op;
    ExprPtr operand;
    Unary(Loc l, UnaryOp o, ExprPtr e) : Expr(ExprKind::Unary, l), op(o), operand(std::move(e)) {}
};

struct SizeofType : Expr {
    std::unique_ptr<TypeName> typeName;
    SizeofType(Loc l) : Expr(ExprKind::SizeofType, l) {}
};

enum class BinaryOp {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    LogAnd,
    LogXor,
    LogOr,
    Comma,
};

// The operator as D spells it ("*", "<<", "^^", ...).
inline const char* binaryOpText(BinaryOp op) {
    static const char* const text[] = {"*",  "/",  "%",  "+", "-", "<<", ">>", "<",  ">",  "<=",
                                       ">=", "==", "!=", "&", "^", "|",  "&&", "^^", "||", ","};
    return text[static_cast<int>(op)];
}

struct Binary : Expr {
    BinaryOp op;
    ExprPtr lhs, rhs;
    Binary(Loc l, BinaryOp o, ExprPtr a, ExprPtr b)
        : Expr(ExprKind::Binary, l), op(o), lhs(std::move(a)), rhs(std::move(b)) {}
};

struct Assign : Expr {
    // nullopt for plain '='; otherwise the compound operator (Add for +=, ...).
    std::optional<BinaryOp> op;
    ExprPtr lhs, rhs;
    Assign(Loc l, std::optional<BinaryOp> o, ExprPtr a, ExprPtr b)
        : Expr(ExprKind::Assign, l), op(o), lhs(std::move(a)), rhs(std::move(b)) {}
};

struct Ternary : Expr {
    ExprPtr cond, then, otherwise;
    Ternary(Loc l) : Expr(ExprKind::Ternary, l) {}
};

struct Cast : Expr {
    std::unique_ptr<TypeName> typeName;
    ExprPtr operand;
    Cast(Loc l) : Expr(ExprKind::Cast, l) {}
};

struct Call : Expr {
    std::string func;
    std::vector<ExprPtr> args;
    int funcId = -1;         // set by sema: the subroutine or action
    int format = -1;         // set by sema: printf-like format index
    std::vector<int> aggIds; // set by sema: printa's aggregations
    Call(Loc l) : Expr(ExprKind::Call, l) {}
};

struct Index : Expr {
    ExprPtr base;
    std::vector<ExprPtr> keys;
    int arrayIndex = -1; // set by sema: a global associative array
    // Set by sema for an args[i] that stands for an expression on the
    // probe's native arguments: xlate<T>(native argument) for a translated
    // argument, copyinstr(native argument) for a user-space string.
    ExprPtr argValue;
    Index(Loc l) : Expr(ExprKind::Index, l) {}
};

struct Member : Expr {
    ExprPtr base;
    std::string member;
    bool arrow = false;
    // Set by sema for self->x (1) and this->x (2): the variable's index.
    int varKind = 0;
    int varIndex = -1;
    // Set by sema for a member of a translated value (xlate<T>(e).m,
    // xlate<T *>(e)->m, also through an inline such as curpsinfo->pr_pid):
    // the xlate, and the translator's expression for the member, evaluated
    // with the translator's input bound to the xlate's operand.
    const Xlate* xlate = nullptr;
    const Expr* xlateValue = nullptr;
    Member(Loc l) : Expr(ExprKind::Member, l) {}
};

struct Offsetof : Expr {
    std::unique_ptr<TypeName> typeName;
    std::string member;
    Offsetof(Loc l) : Expr(ExprKind::Offsetof, l) {}
};

struct Xlate : Expr {
    std::unique_ptr<TypeName> typeName;
    ExprPtr operand;
    const TranslatorDef* translator = nullptr; // set by sema
    Xlate(Loc l) : Expr(ExprKind::Xlate, l) {}
};

// ---------------------------------------------------------------- statements

enum class StmtKind { Expr, If, Block, Empty };

struct Stmt {
    StmtKind kind;
    Loc loc;
    explicit Stmt(StmtKind k, Loc l) : kind(k), loc(l) {}
    virtual ~Stmt() = default;
};

struct ExprStmt : Stmt {
    ExprPtr expr;
    ExprStmt(Loc l, ExprPtr e) : Stmt(StmtKind::Expr, l), expr(std::move(e)) {}
};

struct Block : Stmt {
    std::vector<StmtPtr> stmts;
    Block(Loc l) : Stmt(StmtKind::Block, l) {}
};

struct IfStmt : Stmt {
    ExprPtr cond;
    StmtPtr then;      // a Block or a single statement
    StmtPtr otherwise; // may be null
    IfStmt(Loc l) : Stmt(StmtKind::If, l) {}
};

struct EmptyStmt : Stmt {
    EmptyStmt(Loc l) : Stmt(StmtKind::Empty, l) {}
};

// ---------------------------------------------------------------- top level

// A probe description as written (after macro expansion), split into its
// four fields.  Fewer than four fields fill from the right: "BEGIN" is
// ":::BEGIN", "read:entry" is "::read:entry".  Fields may contain globs.
struct ProbeDesc {
    Loc loc;
    std::string text;
    std::string provider, module, function, name;
    // A probe given by its numeric id ("1234 { ... }"): the fields are empty
    // and text is the number.  0 for descriptions by name.
    uint32_t id = 0;
};

enum class TopKind { Clause, Decl, Inline, Translator, Provider, Pragma };

struct TopLevel {
    TopKind kind;
    Loc loc;
    explicit TopLevel(TopKind k, Loc l) : kind(k), loc(l) {}
    virtual ~TopLevel() = default;
};

struct Clause : TopLevel {
    std::vector<ProbeDesc> descs;
    ExprPtr predicate; // may be null
    std::vector<StmtPtr> body;
    Loc end; // the closing brace (where DTrace reports errors about the whole clause)
    Clause(Loc l) : TopLevel(TopKind::Clause, l) {}
};

struct InitDeclarator {
    std::unique_ptr<Declarator> decl;
};

struct Declaration : TopLevel {
    std::unique_ptr<DeclSpecifiers> spec;
    std::vector<std::unique_ptr<Declarator>> declarators; // may be empty: `struct s { ... };`
    Declaration(Loc l) : TopLevel(TopKind::Decl, l) {}
};

struct InlineDef : TopLevel {
    std::unique_ptr<DeclSpecifiers> spec;
    std::unique_ptr<Declarator> decl;
    ExprPtr value;
    InlineDef(Loc l) : TopLevel(TopKind::Inline, l) {}
};

struct TranslatorMember {
    Loc loc;
    std::string member;
    ExprPtr value;
};

// translator <output type> < <input type> <input name> > { member = expr; ... };
struct TranslatorDef : TopLevel {
    std::unique_ptr<TypeName> output;
    std::unique_ptr<TypeName> input;
    std::string inputName;
    std::vector<TranslatorMember> members;
    TranslatorDef(Loc l) : TopLevel(TopKind::Translator, l) {}
};

struct ProviderProbe {
    Loc loc;
    std::string name;                              // as written (with "__")
    std::vector<std::unique_ptr<ParamDecl>> args;  // native argument types
    std::vector<std::unique_ptr<ParamDecl>> xargs; // translated types after ':' (may be empty)
};

struct ProviderDef : TopLevel {
    std::string name;
    std::vector<ProviderProbe> probes;
    ProviderDef(Loc l) : TopLevel(TopKind::Provider, l) {}
};

// #pragma D <words...> (option, depends_on, attributes, binding, ...) and
// #pragma ident / #line are handled by the lexer; only `#pragma D` reaches here.
struct Pragma : TopLevel {
    std::vector<std::string> words; // after "D": {"option", "quiet"}; {"option", "bufsize=4m"}
    Pragma(Loc l) : TopLevel(TopKind::Pragma, l) {}
};

struct Program {
    std::vector<std::unique_ptr<TopLevel>> items;
};

// Helpers for the common downcasts.
template <typename T, typename U> T& as(U& n) {
    return static_cast<T&>(n);
}
template <typename T, typename U> const T& as(const U& n) {
    return static_cast<const T&>(n);
}

} // namespace dt::ast
