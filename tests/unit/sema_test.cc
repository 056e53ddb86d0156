// Semantic analysis tests: one program per error tag the front end (lexer,
// parser, sema) can raise, with DTrace's message and line; types, layout
// and constant folding of declarations; fuzz regressions.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "parse/parser.h"
#include "providers/provider.h"
#include "sema/check.h"

using namespace dt;

namespace {

struct Outcome {
    bool ok = true;
    std::string tag;
    int line = 0;
    std::string msg;
};

// Parses and checks a whole program the way dtrace does (declarations as
// they are parsed, clauses afterwards).  `types` outlives the call so that
// tests can inspect what the program declared.
Outcome compile(const std::string& text, TypeTable& types,
                std::vector<std::string> args = {"test.d"},
                const sema::ClauseArgs* probeArgs = nullptr) {
    parse::ParseOptions po;
    po.macroArgs = std::move(args);
    po.fromFile = true;
    sema::Checker checker(types, 64);
    po.isTypeName = [&](std::string_view n) { return checker.isTypeName(n); };
    po.isKernelTypeName = [&](std::string_view n) { return checker.isKernelTypeName(n); };
    po.declared = [&](ast::TopLevel& item) { checker.check(item); };
    Outcome o;
    try {
        auto r = parse::parseProgram(text, po);
        for (auto& item : r.program->items)
            if (item->kind == ast::TopKind::Clause) {
                if (probeArgs)
                    checker.checkClause(ast::as<ast::Clause>(*item), *probeArgs);
                else
                    checker.check(*item);
            }
        checker.finish();
    } catch (const CompileError& e) {
        o.ok = false;
        o.tag = std::string(tagName(e.tag()));
        o.line = e.loc().line;
        o.msg = e.what();
    }
    return o;
}

Outcome compile(const std::string& text) {
    TypeTable types;
    return compile(text, types);
}

struct TagCase {
    const char* tag;
    const char* program;
    const char* message; // a substring of DTrace's text
    int probes = 0;      // > 0: the clauses' probes have kProbeArgs[probes]'s arguments
};

// Typed probe arguments for the args[] cases (as providers describe them).
sema::ClauseArgs probeArgs(int which) {
    sema::ClauseArgs ca;
    ca.untyped = false;
    ca.desc = "test:::probe";
    ProbeArg i32{"int", "", -1};
    switch (which) {
    case 1: // two probes: args[0] int in both, args[1] differs
        ca.minCount = 2;
        ca.args = {i32, std::nullopt};
        break;
    case 2: // a type the kernel does not have
        ca.minCount = 1;
        ca.args = {ProbeArg{"no_such_type_here_t", "", -1}};
        break;
    case 3: // a translated argument without a translator
        ca.minCount = 1;
        ca.args = {ProbeArg{"int", "struct out *", 0}};
        break;
    }
    return ca;
}

// One case per tag; the program's error is on its last line.
const TagCase kTagCases[] = {
    // Speculations, destructive actions, args[] (sema/subr.cc, check.cc).
    {"D_ACT_SPEC", "\nBEGIN { speculate(1); raise(9); }",
     "destructive actions may not follow speculate( )"},
    {"D_AGG_COMM", "\nBEGIN { commit(1); @a = count(); }",
     "aggregating actions may not follow commit( )"},
    {"D_AGG_SPEC", "\nBEGIN { speculate(1); @a = count(); }",
     "aggregating actions may not follow speculate( )"},
    {"D_ARGS_IDX", "\nBEGIN { trace(args[-1]); }", "is out of range for args[ ]"},
    {"D_ARGS_MULTI", "\ntest:::probe { trace(args[0]); trace(args[1]); }",
     "args[ ] may not be referenced because probe description test:::probe matches an unstable "
     "set of probes",
     1},
    {"D_ARGS_TYPE", "\ntest:::probe { trace(args[0]); }",
     "failed to resolve native type for args[0]", 2},
    {"D_ARGS_XLATE", "struct out { int o; };\ntest:::probe { trace(args[0]->o); }",
     "translator for args[0] from int to struct out * is not defined", 3},
    {"D_COMM_DREC", "\nBEGIN { trace(1); commit(1); }",
     "commit( ) may not follow data-recording action(s)"},
    {"D_COMM_SPEC", "\nBEGIN { speculate(1); commit(1); }",
     "commit( ) may not follow speculate( )"},
    {"D_DREC_COMM", "\nBEGIN { commit(1); trace(1); }",
     "data-recording actions may not follow commit( )"},
    {"D_EXIT_SPEC", "\nBEGIN { speculate(1); exit(0); }", "exit( ) may not follow speculate( )"},
    {"D_FREOPEN_INVALID", "\nBEGIN { freopen(\"..\"); }",
     "freopen( ) argument #1 cannot be \"..\""},
    {"D_SPEC_COMM", "\nBEGIN { commit(1); speculate(1); }",
     "speculate( ) may not follow commit( )"},
    {"D_SPEC_DREC", "\nBEGIN { trace(1); speculate(1); }",
     "speculate( ) may not follow data-recording action(s)"},
    {"D_SPEC_SPEC", "\nBEGIN { speculate(1); speculate(1); }",
     "speculate( ) may not follow speculate( )"},
    {"D_STRINGOF_TYPE", "struct s { int a; } v;\nBEGIN { trace(stringof(v)); }",
     "stringof( ) operand must be"},
    {"D_PRINTF_AGG_CONV", "\nBEGIN { printf(\"%@d\", 1); }",
     "%@ conversion requires an aggregation"},
    {"D_ADDROF_BITFIELD", "struct s { int a : 3; } v;\nBEGIN { trace(&v.a); }",
     "cannot take address of bit-field"},
    {"D_ADDROF_LVAL", "\nBEGIN { trace(&1); }", "unacceptable operand for unary & operator"},
    {"D_ADDROF_VAR", "int x;\nBEGIN { trace(&x); }", "cannot take address of dynamic variable"},
    {"D_AGG_FUNC", "\nBEGIN { @a = 1; }",
     "@a must be assigned the result of an aggregating function"},
    {"D_ALLOCA_INCOMPAT", "\nBEGIN { a = (char *)alloca(1); a = NULL; a = (char *)curthread; }",
     "a: cannot reuse the same identifier for both alloca and non-alloca allocations"},
    {"D_AGG_MDIM", "\nBEGIN { @a[1][2] = count(); }",
     "multi-dimensional aggregations are not supported"},
    {"D_AGG_REDEF", "BEGIN { @a = count(); }\nBEGIN { @a = sum(1); }", "aggregation redefined: @a"},
    {"D_AGG_SCALAR", "\nBEGIN { @a = sum(\"x\"); }", "sum( ) requires a scalar argument"},
    {"D_ARR_BADREF", "BEGIN { @a[1] = count(); }\nBEGIN { @a[1, 2] = count(); }",
     "@a has 1 dimension; 2 given"},
    {"D_ARR_BOUNDS", "int a[4];\nBEGIN { a[4] = 1; }", "index outside array bounds: 4, max is 4"},
    {"D_ASSIGN_LVAL", "\nBEGIN { 1 = 2; }", "operator = requires a writable lvalue"},
    {"D_CAST_INVAL", "\nBEGIN { trace((int)\"x\"); }", "invalid cast expression"},
    {"D_CG_EXPR", "\nBEGIN { trace(count()); }",
     "count( ) may only be used as the value of an aggregation"},
    {"D_CHR_NL", "BEGIN { trace('a\n'); }", "newline encountered in character constant"},
    {"D_CHR_NULL", "\nBEGIN { trace(''); }", "empty character constant"},
    {"D_CHR_OFLOW", "\nBEGIN { trace('abcdefghi'); }", "character constant is too long"},
    {"D_CLEAR_AGGARG", "\nBEGIN { clear(1); }",
     "clear( ) argument #1 is incompatible with prototype"},
    {"D_DECL_ARRNULL", "\nint a[];",
     "array declaration requires array dimension or tuple signature: a"},
    {"D_DECL_ARRSUB", "\nint a[-1];", "array declaration subscript"},
    {"D_DECL_BFCONST", "struct s {\n int a : 0; };", "positive integral constant expression"},
    {"D_DECL_BFSIZE", "struct s {\n char a : 10; };", "bit-field too big for type: a"},
    {"D_DECL_BFTYPE", "struct s {\n float : 1; };", "invalid type for bit-field: (anon)"},
    {"D_DECL_CHARATTR", "\nBEGIN { trace((char long)0); }",
     "short and long may not be used with char type"},
    {"D_DECL_CLASS", "\nstatic extern int x;", "only a single storage class"},
    {"D_DECL_COMBO", "struct a { int x; }\nstruct b { int y; } v;", "invalid type combination"},
    {"D_DECL_ENCONST", "enum e {\n TAG = \"no\" };",
     "enumerator 'TAG' must be assigned to an integral constant expression"},
    {"D_DECL_ENOFLOW", "enum e {\n small = -2147483649 };",
     "enumerator 'small' value overflows INT_MAX (2147483647)"},
    {"D_DECL_IDRED", "typedef int t;\ntypedef char t;", "typedef redeclared: t"},
    {"D_DECL_INCOMPLETE", "struct r {\n struct nosuch_pirate p; };",
     "incomplete struct/union/enum struct nosuch_pirate: p"},
    {"D_DECL_LONGINT", "\nlong struct s { int i; };",
     "long and long long may only be used with integer or floating-point type"},
    {"D_DECL_PARMCLASS", "\nint f(static int);",
     "inappropriate storage class for function or associative array parameter"},
    {"D_DECL_PROTO_NAME", "\nint f(void v);", "void parameter may not have a name: v"},
    {"D_DECL_PROTO_TYPE", "\nint f(int a[int]);",
     "function prototype may not use parameter of type dynamic variable: f, parameter #1"},
    {"D_DECL_PROTO_VARARGS", "\nint a[...];",
     "array prototype may not use a variable-length argument list"},
    {"D_DECL_SCOPE", "\nint `xyz;", "D scoping operator may not be used in a declaration name"},
    {"D_DECL_SHORTINT", "\nshort double d;", "short may only be used with integer type"},
    {"D_DECL_SIGNINT", "\nunsigned struct s { int i; };",
     "signed and unsigned may only be used with integer type"},
    {"D_DECL_TYPERED", "struct s { int i; };\nstruct s { int j; };", "type redeclared: struct s"},
    {"D_DECL_VOIDATTR", "\nshort void v;", "attributes may not be used with void type"},
    {"D_DECL_VOIDOBJ", "struct {\n int trace(); };", "cannot have void member: trace"},
    {"D_DEREF_NONPTR", "\nBEGIN { trace(*1); }", "cannot dereference non-pointer type"},
    {"D_DEREF_VOID", "void *p;\nBEGIN { trace(*p); }", "cannot dereference pointer to void"},
    {"D_DIV_ZERO", "\nBEGIN { x = 1 / (7 - 7); }", "expression contains division by zero"},
    {"D_FUNC_IDENT", "\nBEGIN { (1)(2); }", "function designator is not of function type"},
    {"D_FUNC_UNDEF", "\nBEGIN { nosuchfunc(); }", "failed to resolve nosuchfunc: Unknown function"},
    {"D_IDENT_BADREF", "BEGIN { a[0] = 1; }\nBEGIN { trace(sizeof(a)); }",
     "associative array 'a' may not be referenced as scalar"},
    {"D_IDENT_UNDEF", "\nBEGIN { trace(nosuchvar); }",
     "failed to resolve nosuchvar: Unknown variable name"},
    {"D_INT_DIGIT", "\nBEGIN { trace(0128); }", "constant 0128 contains invalid digit"},
    {"D_INT_OFLOW", "\nBEGIN { trace(0x12345678123456781); }", "results in integer overflow"},
    {"D_KEY_TYPE", "\nBEGIN { @a[trace(1)] = count(); }", "key #1 is of type void"},
    {"D_LLQUANT_FACTORTYPE", "BEGIN { x = 10; }\nBEGIN { @a = llquantize(1, x, 0, 6, 20); }",
     "llquantize( ) argument #1 must be an integer constant"},
    {"D_LLQUANT_FACTORVAL", "\nBEGIN { @a = llquantize(1, 1, 0, 6, 20); }",
     "llquantize( ) argument #1 must be an unsigned 16-bit quantity greater than or equal to 2"},
    {"D_LLQUANT_HMAGTYPE", "BEGIN { x = 6; }\nBEGIN { @a = llquantize(1, 10, 0, x, 20); }",
     "llquantize( ) argument #3 must be an integer constant"},
    {"D_LLQUANT_HMAGVAL", "\nBEGIN { @a = llquantize(1, 10, 3, 2, 20); }",
     "llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low magnitude)"},
    {"D_LLQUANT_LMAGTYPE", "BEGIN { x = 0; }\nBEGIN { @a = llquantize(1, 10, x, 6, 20); }",
     "llquantize( ) argument #2 must be an integer constant"},
    {"D_LLQUANT_LMAGVAL", "\nBEGIN { @a = llquantize(1, 10, -1, 6, 20); }",
     "llquantize( ) argument #2 must be an unsigned 16-bit quantity"},
    {"D_LLQUANT_MATCHFACTOR",
     "BEGIN { @a = llquantize(1, 10, 0, 6, 20); }\nBEGIN { @a = llquantize(1, 100, 0, 6, 20); }",
     "llquantize() factor (argument #1) doesn't match previous declaration: expected 10, found "
     "100"},
    {"D_LLQUANT_MATCHHMAG",
     "BEGIN { @a = llquantize(1, 10, 0, 6, 20); }\nBEGIN { @a = llquantize(1, 10, 0, 7, 20); }",
     "llquantize() hmag (argument #3) doesn't match previous declaration: expected 6, found 7"},
    {"D_LLQUANT_MATCHLMAG",
     "BEGIN { @a = llquantize(1, 10, 0, 6, 20); }\nBEGIN { @a = llquantize(1, 10, 1, 6, 20); }",
     "llquantize() lmag (argument #2) doesn't match previous declaration: expected 0, found 1"},
    {"D_LLQUANT_MATCHSTEPS",
     "BEGIN { @a = llquantize(1, 10, 0, 6, 20); }\nBEGIN { @a = llquantize(1, 10, 0, 6, 10); }",
     "llquantize() steps (argument #4) doesn't match previous declaration: expected 20, found 10"},
    {"D_LLQUANT_STEPTYPE", "BEGIN { x = 20; }\nBEGIN { @a = llquantize(1, 10, 0, 6, x); }",
     "llquantize( ) argument #4 must be an integer constant"},
    {"D_LLQUANT_STEPVAL", "\nBEGIN { @a = llquantize(1, 10, 0, 6, 65536); }",
     "llquantize( ) argument #4 must be an unsigned 16-bit quantity"},
    {"D_LQUANT_BASETYPE", "BEGIN { x = 1; }\nBEGIN { @a = lquantize(1, x, 10); }",
     "lquantize( ) argument #1 must be an integer constant"},
    {"D_LQUANT_BASEVAL", "\nBEGIN { @a = lquantize(1, 4294967296, 4294967297); }",
     "lquantize( ) argument #1 must be a 32-bit quantity"},
    {"D_LQUANT_LIMTYPE", "BEGIN { x = 1; }\nBEGIN { @a = lquantize(1, 0, x); }",
     "lquantize( ) argument #2 must be an integer constant"},
    {"D_LQUANT_LIMVAL", "\nBEGIN { @a = lquantize(1, 0, 4294967296); }",
     "lquantize( ) argument #2 must be a 32-bit quantity"},
    {"D_LQUANT_MATCHBASE",
     "BEGIN { @a = lquantize(1, 0, 10); }\nBEGIN { @a = lquantize(1, 1, 10); }",
     "lquantize( ) base (argument #1) doesn't match previous declaration: expected 0, found 1"},
    {"D_LQUANT_MATCHLIM",
     "BEGIN { @a = lquantize(1, 0, 10); }\nBEGIN { @a = lquantize(1, 0, 20); }",
     "lquantize( ) limit (argument #2) doesn't match previous declaration: expected 10, found 20"},
    {"D_LQUANT_MATCHSTEP",
     "BEGIN { @a = lquantize(1, 0, 10); }\nBEGIN { @a = lquantize(1, 0, 10, 2); }",
     "lquantize( ) step (argument #3) doesn't match previous declaration: expected 1, found 2"},
    {"D_LQUANT_MISMATCH", "\nBEGIN { @a = lquantize(1, 10, 0); }",
     "lquantize( ) base (argument #1) must be less than limit (argument #2)"},
    {"D_LQUANT_STEPLARGE", "\nBEGIN { @a = lquantize(1, 0, 10, 20); }",
     "lquantize( ) step (argument #3) too large"},
    {"D_LQUANT_STEPSMALL", "\nBEGIN { @a = lquantize(1, 0, 1000000, 1); }",
     "step (argument #3) too small"},
    {"D_LQUANT_STEPTYPE", "\nBEGIN { @a = lquantize(1, 0, 10, 0); }",
     "lquantize( ) argument #3 must be a non-zero positive integer constant"},
    {"D_LQUANT_STEPVAL", "\nBEGIN { @a = lquantize(1, 0, 1000000, 65536); }",
     "lquantize( ) argument #3 must be a 16-bit quantity"},
    {"D_MACRO_OFLOW", "\nBEGIN { trace($1); }", "results in integer overflow"},
    {"D_MACRO_UNDEF", "\nBEGIN { trace($3); }", "macro argument $3 is not defined"},
    {"D_NORMALIZE_AGGARG", "\nBEGIN { normalize(@nosuch, 2); }",
     "normalize( ) argument #1 is incompatible with prototype"},
    {"D_OFFSETOF_BITFIELD", "struct s { int a : 3; };\nBEGIN { trace(offsetof(struct s, a)); }",
     "cannot take offset of a bit-field: a"},
    {"D_OFFSETOF_TYPE", "\nBEGIN { trace(offsetof(int, x)); }",
     "offsetof operand must be a struct or union type"},
    {"D_OP_ACT", "\nBEGIN { x = 1 ? trace(0) : trace(1); }",
     "action cannot be used in a conditional context"},
    {"D_OP_ARITH", "\nBEGIN { x = -\"s\"; }", "operator - requires an operand of arithmetic type"},
    {"D_OP_INCOMPAT", "BEGIN { a = 3; }\nBEGIN { a += \"foobar\"; }",
     "operands have incompatible types: \"int\" += \"string\""},
    {"D_OP_INCOMPLETE", "struct in *p;\nBEGIN { trace(p->x); }",
     "operator -> cannot be applied to a forward declaration: no struct in definition"},
    {"D_OP_INT", "\nBEGIN /\"char\" & \"foo\"/ { }",
     "operator & requires operands of integral type"},
    {"D_OP_LVAL", "\nBEGIN { 1++; }", "operator ++ requires a writable lvalue"},
    {"D_OP_PTR", "\nBEGIN { trace(pid->x); }", "operator -> must be applied to a pointer"},
    {"D_OP_SCALAR", "\nBEGIN { trace(!trace(1)); }",
     "operator ! requires an operand of scalar type"},
    {"D_OP_SOU", "int i;\nBEGIN { trace(i.x); }", "must be applied to a struct or union"},
    {"D_OP_WRITE", "\nBEGIN { pid = 1; }", "operator = can only be applied to a writable variable"},
    {"D_PDESC_INVAL", "\n99999999999 { }", "exceeds maximum probe id"},
    {"D_PRAGCTL_INVAL", "\n#nosuch\n", "invalid control directive: #nosuch"},
    {"D_PRAGERR", "\n#pragma D error \"stop here\"\n", "#error: "},
    {"D_PRAGMA_DEPEND", "\n#pragma D depends_on library x.d\n",
     "main program may not explicitly depend on a library"},
    {"D_PRAGMA_INVAL", "\n#pragma D nosuchpragma\n", "invalid D pragma: nosuchpragma"},
    {"D_PRAGMA_MALFORM", "\n#pragma D attributes\n", "malformed #pragma attributes"},
    {"D_PRED_SCALAR", "\nBEGIN /trace(1)/ { }", "predicate result must be of scalar type"},
    {"D_PRINTA_AGGARG", "\nBEGIN { printa(1); }", "printa( ) argument #1 is incompatible"},
    {"D_PRINTA_AGGKEY", "BEGIN { @a[1] = count(); @b = count(); }\nBEGIN { printa(@a, @b); }",
     "printa( ): @a and @b do not have matching key signatures: @a has 1 key, @b has 0 keys"},
    {"D_PRINTA_AGGPROTO",
     "BEGIN { @a[1] = count(); @b[\"x\"] = count(); }\nBEGIN { printa(@a, @b); }",
     "printa( ): @b[ ] key #1 is incompatible with @a"},
    {"D_PRINTA_PROTO", "\nBEGIN { printa(\"%d\"); }",
     "printa( ) prototype mismatch: 1 args passed, 2 expected"},
    {"D_PRINTF_ARG_EXTRA", "\nBEGIN { printf(\"%d\", 1, 2); }",
     "only 1 arguments required by this format string"},
    {"D_PRINTF_ARG_FMT", "\nBEGIN { printf(execname); }", "prototype: string constant"},
    {"D_PRINTF_ARG_PROTO", "\nBEGIN { printf(\"%d %d\", 1); }",
     "is missing a corresponding value argument"},
    {"D_PRINTF_ARG_TYPE", "\nBEGIN { printf(\"%d\", \"s\"); }", "is incompatible with conversion"},
    {"D_PRINTF_DYN_PROTO", "\nBEGIN { printf(\"%*d\"); }", "prototype mismatch"},
    {"D_PRINTF_DYN_TYPE", "\nBEGIN { printf(\"%*d\", \"s\", 1); }", "incompatible with conversion"},
    {"D_PRINTF_FMT_EMPTY", "\nBEGIN { printf(\"\"); }", "printf( ) format string is empty"},
    {"D_PROTO_ARG", "\nBEGIN { exit(\"s\"); }",
     "exit( ) argument #1 is incompatible with prototype"},
    {"D_PROTO_LEN", "\nBEGIN { trace(); }",
     "trace( ) prototype mismatch: 0 args passed, 1 expected"},
    {"D_SIZEOF_BITFIELD", "struct s { int a : 3; } v;\nBEGIN { trace(sizeof(v.a)); }",
     "cannot apply sizeof to a bit-field"},
    {"D_SIZEOF_TYPE", "\nBEGIN { trace(sizeof(void)); }",
     "cannot apply sizeof to an operand of unknown size"},
    {"D_STACK_SIZE", "\nBEGIN { stack(0); }",
     "stack( ) argument #1 must be a non-zero positive integer constant"},
    {"D_STR_NL", "BEGIN { trace(\"a\n\"); }", "newline encountered in string literal"},
    {"D_SYNTAX", "\nBEGIN { x = ; }", "syntax error near \";\""},
    {"D_TRACEMEM_ADDR", "\nBEGIN { tracemem(\"s\", 10); }",
     "tracemem( ) argument #1 is incompatible with prototype"},
    {"D_TRACEMEM_SIZE", "\nBEGIN { tracemem(0, 0); }",
     "tracemem( ) argument #2 must be a non-zero positive integral constant expression"},
    {"D_TRACE_VOID", "\nBEGIN { trace(trace(1)); }",
     "trace( ) may not be applied to a void expression"},
    {"D_TRUNC_AGGARG", "\nBEGIN { trunc(1); }",
     "trunc( ) argument #1 is incompatible with prototype"},
    {"D_TYPE_MEMBER", "struct s { int a; } v;\nBEGIN { trace(v.nosuch); }",
     "nosuch is not a member of struct s"},
    {"D_UNKNOWN", "struct foo { int x;\n char x; };",
     "failed to define member 'x': Duplicate member or variable name"},
    {"D_USTACK_FRAMES", "\nBEGIN { ustack(-1); }",
     "ustack( ) argument #1 must be a non-zero positive integer constant"},
    {"D_USTACK_STRSIZE", "\nBEGIN { ustack(10, -1); }",
     "ustack( ) argument #2 must be a positive integer constant"},
    {"D_XLATE_INCOMPAT",
     "struct in { int i; };\nstruct out { char *p; };\ntranslator struct out < struct in *x "
     ">\n{ p = x->i; };",
     "translator member p definition uses incompatible types: \"char *\" = \"int\""},
    {"D_XLATE_MEMB",
     "struct in { int i; };\nstruct out { int o; };\ntranslator struct out < struct in *x >\n{ "
     "nosuch = x->i; };",
     "translator member nosuch is not a member of struct out"},
    {"D_XLATE_NOCONV",
     "struct out { int o; int p; };\ntranslator struct out < int x > { o = x; };\nBEGIN { "
     "trace(xlate<struct out>(1).p); }",
     "translator does not define conversion for member: p"},
    {"D_XLATE_NONE", "struct out { int o; };\nBEGIN { trace(xlate<struct out>(1).o); }",
     "cannot translate from \"int\" to \"struct out\""},
    {"D_XLATE_REDECL",
     "struct in { int i; };\nstruct out { int o; };\ntranslator struct out < struct in *x > { o = "
     "1; };\ntranslator struct out < struct in *x > { o = 2; };",
     "translator from struct in * to struct out has already been declared"},
    {"D_XLATE_SOU", "struct in { int i; };\ntranslator int < struct in *x > { };",
     "translator output type must be a struct or union"},
};

class TagTest : public ::testing::TestWithParam<TagCase> {};

TEST_P(TagTest, RaisesTagWithMessageAndLine) {
    const TagCase& c = GetParam();
    std::vector<std::string> args = {"test.d"};
    if (std::string(c.tag) == "D_MACRO_OFLOW") args.push_back("123456789012345678901234567890");
    TypeTable types;
    sema::ClauseArgs ca = probeArgs(c.probes);
    Outcome o = compile(c.program, types, args, c.probes ? &ca : nullptr);
    ASSERT_FALSE(o.ok) << c.tag;
    EXPECT_EQ(o.tag, c.tag) << o.msg;
    EXPECT_NE(o.msg.find(c.message), std::string::npos) << o.msg;
    std::string text = c.program;
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_EQ(o.line, lines) << c.tag << ": " << o.msg;
}

INSTANTIATE_TEST_SUITE_P(Sema, TagTest, ::testing::ValuesIn(kTagCases),
                         [](const ::testing::TestParamInfo<TagCase>& i) {
                             return std::string(i.param.tag);
                         });

// Every tag that src/parse, src/sema and the printf checker raise has a case
// above (so a new diagnostic comes with its test).
TEST(Sema, EveryFrontEndTagHasACase) {
    std::set<std::string> covered;
    for (const auto& c : kTagCases)
        covered.insert(c.tag);
    std::regex re("Tag::(D_[A-Z0-9_]+)");
    for (const char* f :
         {"parse/lexer.cc", "parse/parser.cc", "sema/check.cc", "sema/decl.cc", "sema/subr.cc",
          "sema/check_symbols.cc", "sema/args.cc", "output/printf.cc"}) {
        std::ifstream in(std::string(DT_SOURCE_DIR) + "/src/" + f);
        ASSERT_TRUE(in) << f;
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
            EXPECT_TRUE(covered.count((*it)[1])) << (*it)[1] << " (raised in " << f << ")";
    }
}

// ---------------------------------------------------------------- args[]

// A clause over probes with these argument types: the type of `expr`.
std::string argsType(const std::vector<std::vector<std::string>>& probeTypes,
                     const std::string& expr) {
    std::vector<Probe> probes(probeTypes.size());
    std::vector<const Probe*> ptrs;
    for (size_t i = 0; i < probes.size(); i++) {
        probes[i].argsState = ArgsState::Known;
        for (const auto& t : probeTypes[i])
            probes[i].argTypes.push_back({t, "", -1});
        ptrs.push_back(&probes[i]);
    }
    sema::ClauseArgs ca = sema::clauseArgs(ptrs, "test:::probe");
    TypeTable types;
    parse::ParseOptions po;
    po.macroArgs = {"test.d"};
    sema::Checker checker(types, 64);
    auto r = parse::parseProgram("test:::probe { x = " + expr + "; }", po);
    auto& clause = ast::as<ast::Clause>(*r.program->items[0]);
    try {
        checker.checkClause(clause, ca);
    } catch (const CompileError& e) {
        return std::string("[") + std::string(tagName(e.tag())) + "]";
    }
    auto& st = *clause.body[0];
    const ast::Expr& e = *ast::as<ast::ExprStmt>(st).expr;
    return ast::as<ast::Assign>(e).rhs->type->name;
}

TEST(SemaArgs, TypedFromTheMatchedProbes) {
    EXPECT_EQ(argsType({{"int", "const char *"}}, "args[1]"), "char *");
    EXPECT_EQ(argsType({{"pid_t", "char [16]"}}, "args[1]"), "char [16]");
    EXPECT_EQ(argsType({{"unsigned long"}}, "args[0]"), "unsigned long");
    EXPECT_EQ(argsType({{"long unsigned int"}}, "args[0]"), "unsigned long");
    // Probes that agree on an argument share its type; where they
    // disagree args[] is refused, as DTrace does for unstable sets.
    EXPECT_EQ(argsType({{"int", "long"}, {"int", "char *"}}, "args[0]"), "int");
    EXPECT_EQ(argsType({{"int", "long"}, {"int", "char *"}}, "args[1]"), "[D_ARGS_MULTI]");
    EXPECT_EQ(argsType({{"int", "long"}, {"int"}}, "args[1]"), "[D_ARGS_MULTI]");
    EXPECT_EQ(argsType({{"int"}}, "args[1]"), "[D_ARGS_IDX]");
    EXPECT_EQ(argsType({{}}, "args[0]"), "[D_ARGS_IDX]");
    // A computed index reads a word.
    EXPECT_EQ(argsType({{"int"}}, "args[timestamp]"), "long");
}

TEST(SemaArgs, UntypedProvidersGiveWords) {
    Probe p; // ArgsState::Untyped
    sema::ClauseArgs ca = sema::clauseArgs({&p}, "pid1:::entry");
    EXPECT_TRUE(ca.untyped);
    Probe typed;
    typed.argsState = ArgsState::Known;
    typed.argTypes = {{"int", "", -1}};
    EXPECT_TRUE(sema::clauseArgs({&typed, &p}, "x").untyped);
    EXPECT_FALSE(sema::clauseArgs({&typed}, "x").untyped);
}

TEST(SemaArgs, TypeSpellings) {
    TypeTable types;
    sema::Checker checker(types, 64);
    auto name = [&](const std::string& s) {
        const Type* t = checker.typeFromString(s);
        return t ? t->name : std::string("(null)");
    };
    EXPECT_EQ(name("int"), "int");
    EXPECT_EQ(name("const char *"), "char *");
    EXPECT_EQ(name("unsigned char [16]"), "unsigned char [16]");
    EXPECT_EQ(name("char **"), "char **");
    EXPECT_EQ(name("long long unsigned int"), "unsigned long long");
    EXPECT_EQ(name("bool"), "bool");
    EXPECT_EQ(name("struct nosuch *"), "struct nosuch *");
    EXPECT_EQ(name("no_such_typedef_t"), "(null)");
}

// ---------------------------------------------------------------- declarations

const Type* typeOf(TypeTable& types, const std::string& name) {
    const Type* t = types.lookup(name);
    EXPECT_NE(t, nullptr) << name;
    return t ? t->resolve() : types.voidType();
}

TEST(Sema, StructLayoutFollowsGcc) {
    TypeTable types;
    Outcome o = compile("struct a { char c; int i; short s; long l; };\n"
                        "struct b { int x : 1; int y : 3; int z : 12; char d; };\n"
                        "struct c { char c; int x : 30; int y : 4; };\n"
                        "struct d { char c; long l : 40; char e; };\n"
                        "union u { char c; long l; int i : 3; };\n"
                        "struct e { char c; struct { short s; int i; }; char tail[3]; };\n"
                        "typedef struct a a_t; typedef struct b b_t; typedef struct c c_t;\n"
                        "typedef struct d d_t; typedef union u u_t; typedef struct e e_t;",
                        types);
    ASSERT_TRUE(o.ok) << o.msg;
    EXPECT_EQ(typeOf(types, "a_t")->size, 24u);
    EXPECT_EQ(findMember(typeOf(types, "a_t"), "s")->offsetBits, 64u);
    EXPECT_EQ(findMember(typeOf(types, "a_t"), "l")->offsetBits, 128u);
    EXPECT_EQ(typeOf(types, "b_t")->size, 4u);
    EXPECT_EQ(findMember(typeOf(types, "b_t"), "z")->offsetBits, 4u);
    EXPECT_EQ(findMember(typeOf(types, "b_t"), "d")->offsetBits, 16u);
    // Neither x nor y fits in the rest of its int unit: each starts the next one
    // (values checked against gcc on x86-64).
    EXPECT_EQ(typeOf(types, "c_t")->size, 12u);
    EXPECT_EQ(findMember(typeOf(types, "c_t"), "x")->offsetBits, 32u);
    EXPECT_EQ(findMember(typeOf(types, "c_t"), "y")->offsetBits, 64u);
    EXPECT_EQ(typeOf(types, "d_t")->size, 8u);
    EXPECT_EQ(findMember(typeOf(types, "d_t"), "e")->offsetBits, 48u);
    EXPECT_EQ(typeOf(types, "u_t")->size, 8u);
    // Anonymous members are reached directly, offsets relative to the outer struct.
    EXPECT_EQ(typeOf(types, "e_t")->size, 16u);
    EXPECT_EQ(findMember(typeOf(types, "e_t"), "i")->offsetBits, 64u);
    EXPECT_EQ(findMember(typeOf(types, "e_t"), "tail")->offsetBits, 96u);
}

TEST(Sema, SizeofAndOffsetofFold) {
    TypeTable types;
    parse::ParseOptions po;
    po.macroArgs = {"t.d"};
    po.isTypeName = [&](std::string_view n) { return types.lookup(std::string(n)) != nullptr; };
    sema::Checker checker(types, 64);
    po.declared = [&](ast::TopLevel& item) { checker.check(item); };
    auto r = parse::parseProgram("struct s { char c; long l[3]; };\n"
                                 "enum e { A, B = 7, C };\n"
                                 "BEGIN { x = sizeof(struct s); y = offsetof(struct s, l); "
                                 "z = sizeof (int[5]); w = C; v = sizeof(\"abc\"); }",
                                 po);
    ast::Clause* clause = nullptr;
    for (auto& item : r.program->items)
        if (item->kind == ast::TopKind::Clause) clause = &ast::as<ast::Clause>(*item);
    ASSERT_NE(clause, nullptr);
    checker.check(*clause);
    std::vector<int64_t> got;
    for (auto& s : clause->body) {
        auto& a = ast::as<ast::Assign>(*ast::as<ast::ExprStmt>(*s).expr);
        if (a.rhs->folded)
            got.push_back(*a.rhs->folded);
        else if (a.rhs->kind == ast::ExprKind::Ident)
            got.push_back(ast::as<ast::Ident>(*a.rhs).constValue);
    }
    EXPECT_EQ(got, (std::vector<int64_t>{32, 8, 20, 8, 4}));
}

TEST(Sema, TypedefsEnumsAndInlines) {
    EXPECT_TRUE(compile("typedef unsigned long long u64_t;\nu64_t x;\nBEGIN { x = 1; }").ok);
    EXPECT_TRUE(compile("enum c { RED, GREEN };\nBEGIN /GREEN == 1/ { x = RED; }").ok);
    EXPECT_TRUE(compile("inline int N = 3 * 4;\nBEGIN { @a = lquantize(1, 0, N); }").ok);
    // Same typedef twice is a redeclaration too when the type differs only.
    EXPECT_FALSE(compile("typedef int t;\ntypedef char t;").ok);
    // An inline may not use itself.
    Outcome o = compile("inline int foo = foo + 3;");
    EXPECT_EQ(o.tag, "D_IDENT_UNDEF");
}

TEST(Sema, AggregationsAreNotValues) {
    EXPECT_EQ(compile("\nBEGIN { @a; }").tag, "D_IDENT_UNDEF");
    EXPECT_EQ(compile("BEGIN { @a = count(); }\nBEGIN { trace(@a + 3); }").tag, "D_OP_INCOMPAT");
    EXPECT_EQ(compile("BEGIN { @a = count(); }\nBEGIN { @[@a] = count(); }").tag, "D_KEY_TYPE");
    EXPECT_EQ(compile("\nBEGIN { @ = nosuch(); }").tag, "D_FUNC_UNDEF");
    EXPECT_TRUE(compile("BEGIN { @a = count(); }\nEND { printa(@a); }").ok);
}

TEST(Sema, Casts) {
    EXPECT_TRUE(compile("int a[4];\nBEGIN { p = (int *)a; x = (char)p; (void)x; }").ok);
    EXPECT_EQ(compile("struct s { int i; } v;\nBEGIN { x = (int)v; }").tag, "D_CAST_INVAL");
    EXPECT_EQ(compile("struct s { int i; };\nBEGIN { x = (struct s)1; }").tag, "D_CAST_INVAL");
}

// The types the program's global variables got (from their first assignment).
std::map<std::string, std::string> globalTypes(const std::string& text) {
    TypeTable types;
    parse::ParseOptions po;
    po.macroArgs = {"t.d"};
    sema::Checker checker(types, 64);
    po.isTypeName = [&](std::string_view n) { return checker.isTypeName(n); };
    po.declared = [&](ast::TopLevel& item) { checker.check(item); };
    auto r = parse::parseProgram(text, po);
    for (auto& item : r.program->items)
        if (item->kind == ast::TopKind::Clause) checker.check(*item);
    std::map<std::string, std::string> out;
    for (const auto& g : checker.finish().globals)
        out[g.name] = g.type->name;
    return out;
}

TEST(Sema, IntegerPromotionsAndConversions) {
    auto t = globalTypes("char c; unsigned char uc; short s; unsigned int u; long l;\n"
                         "unsigned long long ull; int *p; int *q;\n"
                         "BEGIN { a = c + c; b = 1 + u; d = l + u; e = u << 1L; f = -uc;\n"
                         "g = ull - 10; h = p + 1; i = p - q; j = 'a'; k = 4294967295;\n"
                         "m = 0xffffffff; n = 1ULL; o = s * uc; r = c < u; w = ~s; }");
    EXPECT_EQ(t["a"], "char");               // as DTrace, unlike C: no promotion to int
    EXPECT_EQ(t["b"], "unsigned int");       // int + unsigned int
    EXPECT_EQ(t["d"], "long");               // long holds every unsigned int
    EXPECT_EQ(t["e"], "long");               // as DTrace, unlike C: shifts convert both operands
    EXPECT_EQ(t["f"], "unsigned char");      // unary minus keeps the type
    EXPECT_EQ(t["g"], "unsigned long long"); // the wider unsigned operand wins
    EXPECT_EQ(t["h"], "int *");              // pointer + integer
    EXPECT_EQ(t["i"], "long");               // pointer - pointer (ptrdiff_t)
    EXPECT_EQ(t["j"], "int");                // character constants are int in D
    EXPECT_EQ(t["k"], "long");               // a decimal constant past INT_MAX
    EXPECT_EQ(t["m"], "unsigned int");       // a hex constant fitting unsigned int
    EXPECT_EQ(t["n"], "unsigned long long");
    EXPECT_EQ(t["o"], "short"); // the operand of higher rank
    EXPECT_EQ(t["r"], "int");   // comparisons are int
    EXPECT_EQ(t["w"], "short");
    // NULL is D's built-in int 0.
    EXPECT_EQ(globalTypes("BEGIN { x = NULL; }")["x"], "int");
}

TEST(Sema, ConditionalsWithPointersAndNull) {
    // C's rules: a pointer and a null pointer constant give the pointer's
    // type, whichever side it is on; void * wins over another pointer.
    auto t = globalTypes("int *p; void *v; char *c;\n"
                         "BEGIN { a = p == NULL ? NULL : p; b = p ? p : 0; d = 1 ? c : v;\n"
                         "e = 1 ? 2 : 3L; }");
    EXPECT_EQ(t["a"], "int *");
    EXPECT_EQ(t["b"], "int *");
    EXPECT_EQ(t["d"], "void *");
    EXPECT_EQ(t["e"], "long");
    // A string may be assigned NULL; a pointer steps with += and -=.
    EXPECT_TRUE(compile("BEGIN { s = \"x\"; s = NULL; self->t = \"y\"; self->t = NULL; }").ok);
    EXPECT_TRUE(compile("int *p;\nBEGIN { p += 2; p -= 1; p++; --p; }").ok);
    EXPECT_EQ(compile("BEGIN { s = \"x\"; s = 1; }").tag, "D_OP_INCOMPAT");
    EXPECT_EQ(compile("int *p;\nBEGIN { p *= 2; }").tag, "D_OP_INCOMPAT");
}

TEST(Sema, StringsCompareWithCharSequences) {
    EXPECT_TRUE(compile("char c[16]; char *p;\nBEGIN { x = c == \"a\"; y = \"b\" != p; }").ok);
    EXPECT_TRUE(compile("BEGIN { x = \"a\" == NULL; }").ok);
    EXPECT_EQ(compile("int c[4];\nBEGIN { x = c == \"a\"; }").tag, "D_OP_INCOMPAT");
}

TEST(Sema, IncrementsOfMembersAndElements) {
    EXPECT_TRUE(compile("struct s { int a; } *p;\nBEGIN { p->a++; --p->a; (*p).a += 1; }").ok);
    EXPECT_TRUE(compile("int *p;\nBEGIN { (*p)++; p[1]--; }").ok);
    EXPECT_EQ(compile("BEGIN { 1++; }").tag, "D_OP_LVAL");
}

// self-> variables and associative array values may be structs or unions,
// declared or implicit; assigning them 0 deletes them, another integer is
// an error.  Clause-local and global ones are not deleted by 0.
TEST(Sema, StructDynamicVariables) {
    const char* decls = "struct s { int a; };\nthis struct s t;\nself struct s v;\n"
                        "struct s g[int];\nself struct s h[int];\n";
    auto ok = [&](const std::string& body) {
        return compile(std::string(decls) + "BEGIN { " + body + " }").ok;
    };
    EXPECT_TRUE(ok("self->v.a = 1; self->w = this->t; self->w.a++; x = self->w.a;"));
    EXPECT_TRUE(ok("g[1].a = 2; self->h[2] = g[1]; k[3] = self->v; self->l[4] = k[3];"));
    EXPECT_TRUE(ok("self->v = 0; self->w = this->t; self->w = 0; g[1] = 0; self->h[1] = 0;"));
    EXPECT_EQ(compile(std::string(decls) + "BEGIN { self->v = 1; }").tag, "D_OP_INCOMPAT");
    EXPECT_EQ(compile(std::string(decls) + "BEGIN { g[0] = 1; }").tag, "D_OP_INCOMPAT");
    EXPECT_EQ(compile(std::string(decls) + "BEGIN { this->t = 0; }").tag, "D_OP_INCOMPAT");
    EXPECT_EQ(compile(std::string(decls) + "struct s x;\nBEGIN { x = 0; }").tag, "D_OP_INCOMPAT");
    // They live in maps: no address.
    EXPECT_EQ(compile(std::string(decls) + "BEGIN { p = &self->v.a; }").tag, "D_ADDROF_VAR");
    EXPECT_EQ(compile("struct s { int a[2]; };\nstruct s g[int];\nBEGIN { p = &g[0].a[1]; }").tag,
              "D_ADDROF_VAR");
    EXPECT_TRUE(compile("struct s { int a[2]; };\nstruct s g;\nBEGIN { p = &g.a[1]; }").ok);
}

TEST(Sema, KernelTypesFromBtf) {
    if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) GTEST_SKIP() << "no kernel BTF";
    EXPECT_TRUE(compile("\nBEGIN { x = sizeof(struct task_struct); }").ok);
    EXPECT_TRUE(compile("\nBEGIN { x = offsetof(struct vmlinux`task_struct, pid); }").ok);
    EXPECT_TRUE(compile("\nBEGIN /curthread->pid == 1/ { }").ok);
    EXPECT_TRUE(compile("\nBEGIN { x = (vmlinux`u32)1 + sizeof(vmlinux`pid_t); }").ok);
    // A D definition hides the kernel's type of the same name.
    EXPECT_TRUE(
        compile("struct list_head { char c; };\nBEGIN /sizeof(struct list_head) == 1/ { }").ok);
    Outcome o = compile("\nBEGIN { trace(curthread->nosuch); }");
    EXPECT_EQ(o.tag, "D_TYPE_MEMBER");
    EXPECT_NE(o.msg.find("nosuch is not a member of struct task_struct"), std::string::npos);
}

// print(): DTrace's print(void *) prototype, extended to struct, union and
// array lvalues; kernel typedefs name member types unqualified.
TEST(Sema, PrintArguments) {
    if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) GTEST_SKIP() << "no kernel BTF";
    EXPECT_TRUE(compile("\nBEGIN { print(curthread); }").ok);
    EXPECT_TRUE(compile("\nBEGIN { print(*curthread); print(curthread->comm); }").ok);
    EXPECT_TRUE(
        compile("struct s { __u8 c; bool b; u64 v; };\nBEGIN { print((struct s *)0); }").ok);
    Outcome o = compile("\nBEGIN { print(1); }");
    EXPECT_EQ(o.tag, "D_PROTO_ARG");
    EXPECT_NE(o.msg.find("print( ) argument #1 is incompatible with prototype:\n\tprototype: "
                         "void *\n\t argument: int"),
              std::string::npos)
        << o.msg;
    o = compile("\nBEGIN { x = 1; print(x, x); }");
    EXPECT_EQ(o.tag, "D_PROTO_LEN");
    EXPECT_NE(o.msg.find("print( ) prototype mismatch: 2 args passed, 1 expected"),
              std::string::npos)
        << o.msg;
    EXPECT_EQ(compile("\nBEGIN { print(execname); }").tag, "D_PROTO_ARG");
    EXPECT_EQ(compile("\nBEGIN { print((void *)0); }").tag, "D_DEREF_VOID");
    EXPECT_EQ(compile("struct fwd;\nBEGIN { print((struct fwd *)0); }").tag, "D_OP_INCOMPLETE");
    // A word followed by an expression is not taken for a kernel type.
    EXPECT_TRUE(compile("\nBEGIN { x = 2; trace(x * 3); }").ok);
}

// ustack()'s values have DTrace's type name "stack", as stack()'s do.
TEST(Sema, StackTypeNames) {
    for (const char* f : {"stack()", "ustack()"}) {
        Outcome o = compile(std::string("\nBEGIN { @[") + f + "] = count(); printa(\"%p\", @); }");
        EXPECT_EQ(o.tag, "D_PRINTF_ARG_TYPE") << f;
        EXPECT_NE(o.msg.find("argument: stack"), std::string::npos) << o.msg;
    }
}

// Inputs the fuzzer found; each must be rejected or accepted, not hang or crash.
TEST(Sema, FuzzRegressions) {
    // A NUL byte in a control line used to loop forever growing a vector.
    std::string nul = "#pragma D option quie aD /x++ < 5/ {2\x04";
    nul += '\0';
    nul += "t$his->s = \"a\"; }\n";
    compile(nul);
    // A hex escape with many digits overflowed an int (UBSan).
    compile("BEGIN { trace(\"\\x5555555555555555555\"); }");
    // 2,000 nested parentheses overflowed the stack (ASan): deep nesting
    // and very long operator chains are syntax errors now.
    EXPECT_EQ(
        compile("inline int N = " + std::string(3000, '(') + "1" + std::string(3000, ')') + ";")
            .tag,
        "D_SYNTAX");
    std::string chain = "BEGIN { x = 1";
    for (int i = 0; i < 5000; i++)
        chain += "+1";
    EXPECT_EQ(compile(chain + "; }").tag, "D_SYNTAX");
    EXPECT_TRUE(
        compile("BEGIN { x = " + std::string(100, '(') + "1" + std::string(100, ')') + "; }").ok);
    std::string pspec = "BEGIN";
    pspec += '\0';
    pspec += "{ }";
    compile(pspec);
    SUCCEED();
}

} // namespace

namespace {

// Every argument type the kernel's tracepoints, raw tracepoints and system
// calls publish resolves in the front end's type system (kernel BTF).
TEST(SemaArgs, EveryKernelProbeArgumentResolves) {
    ProbeRegistry reg;
    TypeTable types;
    sema::Checker checker(types, 64);
    std::set<std::string> failed;
    size_t checked = 0;
    for (const Probe& p : reg.probes()) {
        if (p.provider != "sdt" && p.provider != "rawtp" && p.provider != "syscall") continue;
        reg.describe(p.id);
        for (const ProbeArg& a : reg.byId(p.id)->argTypes) {
            checked++;
            if (!checker.typeFromString(a.native)) failed.insert(a.native);
        }
    }
    EXPECT_GT(checked, 1000u) << "needs tracefs and BTF (run as root)";
    std::string list;
    for (const auto& f : failed)
        list += "\n  " + f;
    EXPECT_TRUE(failed.empty()) << failed.size() << " types do not resolve:" << list;
}

} // namespace
