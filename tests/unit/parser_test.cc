#include <gtest/gtest.h>

#include "parse/parser.h"

namespace dt::parse {
namespace {

using namespace ast;

// A compact S-expression dump of expressions, for checking tree shape.
std::string dump(const Expr& e) {
    switch (e.kind) {
    case ExprKind::IntLit: return std::to_string(as<IntLit>(e).value);
    case ExprKind::StrLit: return "\"" + as<StrLit>(e).value + "\"";
    case ExprKind::Ident: {
        auto& id = as<Ident>(e);
        return (id.backquote ? id.scope + "`" : "") + id.name;
    }
    case ExprKind::AggRef: return "@" + as<AggRef>(e).name;
    case ExprKind::Unary: {
        static const char* names[] = {"+", "-", "!", "~", "*", "&", "++pre", "--pre",
                                      "post++", "post--", "sizeof", "stringof"};
        auto& u = as<Unary>(e);
        return std::string("(") + names[static_cast<int>(u.op)] + " " + dump(*u.operand) + ")";
    }
    case ExprKind::Binary: {
        static const char* names[] = {"*", "/", "%", "+", "-", "<<", ">>", "<", ">", "<=",
                                      ">=", "==", "!=", "&", "^", "|", "&&", "^^", "||", ","};
        auto& b = as<Binary>(e);
        return std::string("(") + names[static_cast<int>(b.op)] + " " + dump(*b.lhs) + " " +
               dump(*b.rhs) + ")";
    }
    case ExprKind::Assign: {
        auto& a = as<Assign>(e);
        return std::string("(") + (a.op ? "op=" : "=") + " " + dump(*a.lhs) + " " + dump(*a.rhs) + ")";
    }
    case ExprKind::Ternary: {
        auto& t = as<Ternary>(e);
        return "(? " + dump(*t.cond) + " " + dump(*t.then) + " " + dump(*t.otherwise) + ")";
    }
    case ExprKind::Cast: {
        auto& c = as<Cast>(e);
        std::string t;
        for (auto& w : c.typeName->spec->words) t += w;
        for (auto& d : c.typeName->decl->derived) t += d.kind == Derived::Kind::Pointer ? "*" : "[]";
        return "(cast " + t + " " + dump(*c.operand) + ")";
    }
    case ExprKind::Call: {
        auto& c = as<Call>(e);
        std::string s = "(call " + c.func;
        for (auto& a : c.args) s += " " + dump(*a);
        return s + ")";
    }
    case ExprKind::Index: {
        auto& ix = as<Index>(e);
        std::string s = "([] " + dump(*ix.base);
        for (auto& k : ix.keys) s += " " + dump(*k);
        return s + ")";
    }
    case ExprKind::Member: {
        auto& m = as<Member>(e);
        return std::string("(") + (m.arrow ? "->" : ".") + " " + dump(*m.base) + " " + m.member + ")";
    }
    default: return "?";
    }
}

ParseOptions opts(std::vector<std::string> args = {"dtrace"}) {
    ParseOptions o;
    o.macroArgs = std::move(args);
    o.namedMacro = [](std::string_view n) -> std::optional<std::string> {
        if (n == "target") return std::string("1234");
        return std::nullopt;
    };
    o.isTypeName = [](std::string_view n) { return n == "uint64_t" || n == "pid_t"; };
    return o;
}

std::string expr(const std::string& text, std::vector<std::string> args = {"dtrace"}) {
    auto r = parseProgram("BEGIN { " + text + "; }", opts(std::move(args)));
    auto& c = as<Clause>(*r.program->items.at(0));
    return dump(*as<ExprStmt>(*c.body.at(0)).expr);
}

TEST(Parser, Precedence) {
    EXPECT_EQ(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
    EXPECT_EQ(expr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
    EXPECT_EQ(expr("a = b = c"), "(= a (= b c))");
    EXPECT_EQ(expr("a || b ^^ c && d"), "(|| a (^^ b (&& c d)))");
    EXPECT_EQ(expr("a | b ^ c & d"), "(| a (^ b (& c d)))");
    EXPECT_EQ(expr("a == b < c"), "(== a (< b c))");
    EXPECT_EQ(expr("a << 1 + 2"), "(<< a (+ 1 2))");
    EXPECT_EQ(expr("a - b - c"), "(- (- a b) c)");
    EXPECT_EQ(expr("a ? b : c ? d : e"), "(? a b (? c d e))");
    EXPECT_EQ(expr("-a++"), "(- (post++ a))");
    EXPECT_EQ(expr("!*p"), "(! (* p))");
    EXPECT_EQ(expr("x += 2"), "(op= x 2)");
    EXPECT_EQ(expr("a, b"), "(, a b)");
}

TEST(Parser, PostfixAndPrimaries) {
    EXPECT_EQ(expr("f(1, \"s\")"), "(call f 1 \"s\")");
    EXPECT_EQ(expr("a[1, 2]"), "([] a 1 2)");
    EXPECT_EQ(expr("@c[pid] = count()"), "(= ([] @c pid) (call count))");
    EXPECT_EQ(expr("self->x->y.z"), "(. (-> (-> self x) y) z)");
    EXPECT_EQ(expr("`max_pfn"), "`max_pfn");
    EXPECT_EQ(expr("vmlinux`jiffies"), "vmlinux`jiffies");
    EXPECT_EQ(expr("(uint64_t)x"), "(cast uint64_t x)");
    EXPECT_EQ(expr("(char *)arg0"), "(cast char* arg0)");
    EXPECT_EQ(expr("(x)"), "x");
    EXPECT_EQ(expr("sizeof (int)").substr(0, 1), "?"); // SizeofType
    EXPECT_EQ(expr("sizeof x"), "(sizeof x)");
}

TEST(Lexer, Constants) {
    EXPECT_EQ(expr("0x10"), "16");
    EXPECT_EQ(expr("010"), "8");
    EXPECT_EQ(expr("'a'"), "97");
    EXPECT_EQ(expr("\"a\\tb\\n\\x41\\101\""), "\"a\tb\nAA\"");
    EXPECT_EQ(expr("\"ab\" \"cd\""), "\"abcd\"");
    EXPECT_EQ(expr("18446744073709551615"), "18446744073709551615");
    auto r = parseProgram("BEGIN { x = 10ul; }", opts());
    auto& c = as<Clause>(*r.program->items[0]);
    auto& lit = as<IntLit>(*as<Assign>(*as<ExprStmt>(*c.body[0]).expr).rhs);
    EXPECT_EQ(lit.suffix, "ul");
}

TEST(Lexer, Comments) {
    auto r = parseProgram("/* c */ BEGIN // x\n{ /* y */ x = 1; // z\n }", opts());
    ASSERT_EQ(r.program->items.size(), 1u);
}

TEST(Lexer, MacroArguments) {
    EXPECT_EQ(expr("$1 + 1", {"dtrace", "41"}), "(+ 41 1)");
    EXPECT_EQ(expr("$$1", {"dtrace", "41"}), "\"41\"");
    EXPECT_EQ(expr("$1", {"dtrace", "foo"}), "foo");
    EXPECT_EQ(expr("$target"), "1234");
    try {
        expr("$2", {"dtrace", "x"});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_MACRO_UNDEF);
    }
    auto r = parseProgram("pid$target::malloc:entry { }", opts());
    auto& c = as<Clause>(*r.program->items[0]);
    EXPECT_EQ(c.descs[0].provider, "pid1234");
}

TEST(Parser, ProbeDescriptions) {
    auto r = parseProgram(
        "BEGIN, syscall::read:entry, syscall:::ent*, profile-997 /x == 1/ { }\n"
        "tick-1s { exit(0) }\n"
        "a:b:c:d\n",
        opts());
    ASSERT_EQ(r.program->items.size(), 3u);
    auto& c = as<Clause>(*r.program->items[0]);
    ASSERT_EQ(c.descs.size(), 4u);
    EXPECT_EQ(c.descs[0].name, "BEGIN");
    EXPECT_EQ(c.descs[0].provider, "");
    EXPECT_EQ(c.descs[1].provider, "syscall");
    EXPECT_EQ(c.descs[1].function, "read");
    EXPECT_EQ(c.descs[1].name, "entry");
    EXPECT_EQ(c.descs[2].name, "ent*");
    EXPECT_EQ(c.descs[3].name, "profile-997");
    ASSERT_TRUE(c.predicate);
    EXPECT_EQ(dump(*c.predicate), "(== x 1)");
    auto& c3 = as<Clause>(*r.program->items[2]);
    EXPECT_EQ(c3.descs[0].module, "b");
    EXPECT_TRUE(c3.body.empty());
}

TEST(Parser, PredicateDivisionNeedsParentheses) {
    auto r = parseProgram("BEGIN /(x / 2) > 1/ { }", opts());
    EXPECT_EQ(dump(*as<Clause>(*r.program->items[0]).predicate), "(> (/ x 2) 1)");
}

TEST(Parser, StatementsAndIf) {
    auto r = parseProgram("BEGIN { if (x) { a = 1; b = 2 } else c = 3; d = 4 }", opts());
    auto& c = as<Clause>(*r.program->items[0]);
    ASSERT_EQ(c.body.size(), 2u);
    auto& i = as<IfStmt>(*c.body[0]);
    EXPECT_EQ(as<Block>(*i.then).stmts.size(), 2u);
    ASSERT_TRUE(i.otherwise);
}

TEST(Parser, PragmasAndShebang) {
    auto r = parseProgram("#!/usr/sbin/dtrace -s\n#pragma D option quiet\nBEGIN { }", opts());
    ASSERT_EQ(r.program->items.size(), 2u);
    auto& p = as<Pragma>(*r.program->items[0]);
    ASSERT_EQ(p.words.size(), 2u);
    EXPECT_EQ(p.words[1], "quiet");
}

TEST(Parser, Declarations) {
    auto r = parseProgram("typedef unsigned long myint_t; myint_t x; int *p[4]; "
                          "struct s { int a; char b : 3; }; BEGIN { y = (myint_t)1; }",
                          opts());
    ASSERT_EQ(r.program->items.size(), 5u);
    auto& d = as<Declaration>(*r.program->items[2]);
    ASSERT_EQ(d.declarators.size(), 1u);
    ASSERT_EQ(d.declarators[0]->derived.size(), 2u);
    EXPECT_EQ(d.declarators[0]->derived[0].kind, Derived::Kind::Array);
    EXPECT_EQ(d.declarators[0]->derived[1].kind, Derived::Kind::Pointer);
    auto& st = as<Declaration>(*r.program->items[3]);
    EXPECT_EQ(st.spec->members.size(), 2u);
}

void expectError(const std::string& text, Tag tag, int line, const std::string& msg) {
    try {
        parseProgram(text, opts());
        FAIL() << "no error for: " << text;
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), tag) << text;
        EXPECT_EQ(e.loc().line, line) << text;
        EXPECT_EQ(std::string(e.what()), msg) << text;
    }
}

TEST(Parser, Errors) {
    expectError("BEGIN { x = ; }", Tag::D_SYNTAX, 1, "syntax error near \";\"");
    expectError("BEGIN\n{\n x = (1 + ;\n}", Tag::D_SYNTAX, 3, "syntax error near \";\"");
    expectError("BEGIN { x = 1", Tag::D_SYNTAX, 1, "syntax error near end of input");
    expectError("BEGIN { x = \"abc\n\"; }", Tag::D_STR_NL, 1, "newline encountered in string literal");
    expectError("BEGIN { x = 99999999999999999999; }", Tag::D_INT_OFLOW, 1,
                "integer constant 99999999999999999999 cannot be represented by any D type");
    expectError("/* open", Tag::D_SYNTAX, 1, "end-of-file encountered before matching */");
    expectError("BEGIN { x = ''; }", Tag::D_CHR_NULL, 1, "empty character constant");
}

} // namespace
} // namespace dt::parse
