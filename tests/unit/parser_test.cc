// Parser tests: AST shapes (through the S-expression dumper), precedence,
// declarations, control lines, and DTrace's error tags, texts and lines;
// plus a sweep over the conformance kit's D programs.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "parse/dump.h"
#include "parse/parser.h"

using namespace dt;
using namespace dt::parse;

namespace {

ParseOptions opts() {
    ParseOptions o;
    o.macroArgs = {"test.d"};
    o.isTypeName = [](std::string_view n) {
        static const std::set<std::string, std::less<>> types = {
            "int8_t",       "int16_t",    "int32_t",    "int64_t",       "uint8_t",
            "uint16_t",     "uint32_t",   "uint64_t",   "size_t",        "ssize_t",
            "pid_t",        "uintptr_t",  "intptr_t",   "uid_t",         "gid_t",
            "id_t",         "caddr_t",    "time_t",     "off_t",         "dev_t",
            "mode_t",       "uchar_t",    "ushort_t",   "uint_t",        "ulong_t",
            "u_longlong_t", "longlong_t", "boolean_t",  "processorid_t", "psinfo_t",
            "lwpsinfo_t",   "bufinfo_t",  "devinfo_t",  "fileinfo_t",    "zoneid_t",
            "projid_t",     "taskid_t",   "hrtime_t",   "int",           "char",
            "long",         "short",      "void",       "string",        "float",
            "double",       "signed",     "unsigned",   "vmlinux`pid_t", "vmlinux`task_struct",
            "bool",         "__u32",      "__u64",      "u32",           "u64",
            "s32",          "s64",        "loff_t",     "umode_t",       "fmode_t",
            "cpuinfo_t",    "ipaddr_t",   "in6_addr_t", "__u8",          "__u16",
            "__s32",        "__s64",      "u8",         "u16",           "s8",
            "s16",
        };
        return types.count(n) > 0;
    };
    o.namedMacro = [](std::string_view n) -> std::optional<std::string> {
        if (n == "pid") return std::string("1234");
        if (n == "ppid") return std::string("1");
        if (n == "uid") return std::string("0");
        if (n == "gid" || n == "sid" || n == "pgid" || n == "projid" || n == "taskid" ||
            n == "euid" || n == "egid")
            return std::string("0");
        return std::nullopt;
    };
    return o;
}

std::string P(const std::string& src, ParseOptions o = opts()) {
    return dump(*parseProgram(src, o).program);
}

// The body of a one-clause program "BEGIN { <stmts> }", each statement on
// its own line.
std::string body(const std::string& stmts) {
    auto res = parseProgram("BEGIN\n{\n" + stmts + "\n}\n", opts());
    const auto& c = ast::as<ast::Clause>(*res.program->items.back());
    std::string out;
    for (size_t i = 0; i < c.body.size(); i++)
        out += (i ? "\n" : "") + dump(*c.body[i]);
    return out;
}
std::string expr(const std::string& e) {
    return body(e + ";");
}

struct Err {
    std::string tag;
    int line = 0;
    std::string msg;
    std::string str() const { return "[" + tag + "] " + std::to_string(line) + ": " + msg; }
};

Err E(const std::string& src, ParseOptions o = opts()) {
    try {
        parseProgram(src, o);
    } catch (const CompileError& e) {
        return Err{std::string(tagName(e.tag())), e.loc().line, e.what()};
    }
    return Err{"none", 0, ""};
}

} // namespace

// ---------------------------------------------------------------- clauses

TEST(Parser, ProbeDescriptions) {
    EXPECT_EQ(P("syscall::read:entry, syscall::write:entry { }"),
              "(clause (\"syscall::read:entry\" \"syscall::write:entry\") (body))\n");
    EXPECT_EQ(P("BEGIN"), "(clause (\"BEGIN\") (body))\n");
    EXPECT_EQ(P("BEGIN\n{\n}\nEND\n{\n}"),
              "(clause (\"BEGIN\") (body))\n(clause (\"END\") (body))\n");
    EXPECT_EQ(P("syscall::*read*:entry,fbt:vmlinux:do_[a-z]?:return {}"),
              "(clause (\"syscall::*read*:entry\" \"fbt:vmlinux:do_[a-z]?:return\") (body))\n");
    EXPECT_EQ(P("profile-97 {} tick-1sec {} :::BEGIN {}"),
              "(clause (\"profile-97\") (body))\n(clause (\"tick-1sec\") (body))\n"
              "(clause (\":::BEGIN\") (body))\n");
}

TEST(Parser, ProbeDescriptionFields) {
    auto r = parseProgram("fbt:vmlinux:do_sys_open:entry, read:entry, BEGIN {}", opts());
    const auto& c = ast::as<ast::Clause>(*r.program->items[0]);
    ASSERT_EQ(c.descs.size(), 3u);
    EXPECT_EQ(c.descs[0].provider, "fbt");
    EXPECT_EQ(c.descs[0].module, "vmlinux");
    EXPECT_EQ(c.descs[0].function, "do_sys_open");
    EXPECT_EQ(c.descs[0].name, "entry");
    EXPECT_EQ(c.descs[1].provider, "");
    EXPECT_EQ(c.descs[1].function, "read");
    EXPECT_EQ(c.descs[1].name, "entry");
    EXPECT_EQ(c.descs[2].name, "BEGIN");
    EXPECT_EQ(c.descs[2].function, "");
}

TEST(Parser, ProbeDescriptionMacros) {
    ParseOptions o = opts();
    o.macroArgs = {"t.d", "5", "open"};
    o.namedMacro = [](std::string_view n) -> std::optional<std::string> {
        if (n == "target") return std::string("4321");
        return std::nullopt;
    };
    auto r = parseProgram("pid$target::malloc:entry, tick-$1, syscall::$2:entry {}", o);
    const auto& c = ast::as<ast::Clause>(*r.program->items[0]);
    EXPECT_EQ(c.descs[0].provider, "pid4321");
    EXPECT_EQ(c.descs[0].text, "pid4321::malloc:entry");
    EXPECT_EQ(c.descs[1].name, "tick-5");
    EXPECT_EQ(c.descs[2].function, "open");
    EXPECT_EQ(r.argReferenced, (std::vector<bool>{false, true, true}));
    // $target without -c/-p is 0.
    EXPECT_EQ(P("pid$target:::entry {}"), "(clause (\"pid0:::entry\") (body))\n");
    EXPECT_EQ(E("tick-$3 {}").str(),
              "[D_PDESC_INVAL] 1: invalid probe description \"tick-$3\": Undefined macro "
              "variable in probe description");
    EXPECT_EQ(E("a:b:c:d:e {}").str(),
              "[D_PDESC_INVAL] 1: invalid probe description \"a:b:c:d:e\": Overspecified probe "
              "description");
}

TEST(Parser, ProbeById) {
    auto r = parseProgram("1234 { }", opts());
    const auto& c = ast::as<ast::Clause>(*r.program->items[0]);
    EXPECT_EQ(c.descs[0].id, 1234u);
    EXPECT_EQ(c.descs[0].text, "1234");
}

TEST(Parser, Predicates) {
    EXPECT_EQ(P("BEGIN /x == 1/ { }"), "(clause (\"BEGIN\") (pred (== x 1)) (body))\n");
    EXPECT_EQ(P("BEGIN\n/a / b/\n{ }"), "(clause (\"BEGIN\") (pred (/ a b)) (body))\n");
    EXPECT_EQ(P("BEGIN /(a / 2) > 1/ { }"), "(clause (\"BEGIN\") (pred (> (/ a 2) 1)) (body))\n");
    EXPECT_EQ(P("BEGIN /i = 20/ { }"), "(clause (\"BEGIN\") (pred (= i 20)) (body))\n");
    EXPECT_EQ(P("BEGIN /self->ts/ { }"), "(clause (\"BEGIN\") (pred (-> self ts)) (body))\n");
}

TEST(Parser, Statements) {
    EXPECT_EQ(body("a = 1; b = 2"), "(= a 1)\n(= b 2)");
    EXPECT_EQ(body("a = 1; ; ; b = 2;"), "(= a 1)\n(= b 2)");
    EXPECT_EQ(body(""), "");
    EXPECT_EQ(body(";"), "");
    EXPECT_EQ(body("trace(1); exit(0)"), "(call trace 1)\n(call exit 0)");
    EXPECT_EQ(body("if (x) y = 1;"), "(if x (= y 1))");
    EXPECT_EQ(body("if (x) { y = 1; z = 2 } else { w = 3; }"),
              "(if x (block (= y 1) (= z 2)) (block (= w 3)))");
    EXPECT_EQ(body("if (x) y = 1; else if (z) y = 2; else y = 3;"),
              "(if x (= y 1) (if z (= y 2) (= y 3)))");
    EXPECT_EQ(body("if (a) if (b) x; else y;"), "(if a (if b x y))");
    EXPECT_EQ(body("if (x) ; else {}"), "(if x (empty) (block))");
    EXPECT_EQ(body("if (x) {} trace(1)"), "(if x (block))\n(call trace 1)");
}

// ---------------------------------------------------------------- expressions

TEST(Parser, Precedence) {
    EXPECT_EQ(expr("a + b * c"), "(+ a (* b c))");
    EXPECT_EQ(expr("a - b - c"), "(- (- a b) c)");
    EXPECT_EQ(expr("a << 1 + 2"), "(<< a (+ 1 2))");
    EXPECT_EQ(expr("a < b == c > d"), "(== (< a b) (> c d))");
    EXPECT_EQ(expr("a & b ^ c | d"), "(| (^ (& a b) c) d)");
    EXPECT_EQ(expr("a || b ^^ c && d"), "(|| a (^^ b (&& c d)))");
    EXPECT_EQ(expr("a ? b : c ? d : e"), "(? a b (? c d e))");
    EXPECT_EQ(expr("a ? b, c : d"), "(? a (, b c) d)");
    EXPECT_EQ(expr("a = b = c"), "(= a (= b c))");
    EXPECT_EQ(expr("a += b -= 1"), "(+= a (-= b 1))");
    EXPECT_EQ(expr("x <<= 2, y >>= 3, z %= 4, w ^= 5, v |= 6, u &= 7, t *= 8, s /= 9"),
              "(, (, (, (, (, (, (, (<<= x 2) (>>= y 3)) (%= z 4)) (^= w 5)) (|= v 6)) (&= u 7)) "
              "(*= t 8)) (/= s 9))");
    EXPECT_EQ(expr("-a * !b"), "(* (neg a) (! b))");
    EXPECT_EQ(expr("~a + +b"), "(+ (~ a) (pos b))");
    EXPECT_EQ(expr("*p++"), "(deref (post++ p))");
    EXPECT_EQ(expr("&a->b"), "(addr (-> a b))");
    EXPECT_EQ(expr("++a + b--"), "(+ (pre++ a) (post-- b))");
    EXPECT_EQ(expr("--*p"), "(pre-- (deref p))");
    EXPECT_EQ(expr("a ^^ b"), "(^^ a b)");
    EXPECT_EQ(expr("a % b / c * d"), "(* (/ (% a b) c) d)");
    EXPECT_EQ(expr("a >= b <= c"), "(<= (>= a b) c)");
    EXPECT_EQ(expr("a != b"), "(!= a b)");
    EXPECT_EQ(expr("a >> b"), "(>> a b)");
    EXPECT_EQ(expr("(a, b)"), "(, a b)");
    EXPECT_EQ(expr("-x = 1"), "(= (neg x) 1)");
}

TEST(Parser, Postfix) {
    EXPECT_EQ(expr("f()"), "(call f)");
    EXPECT_EQ(expr("printf(\"%d %s\\n\", a, b)"), "(call printf \"%d %s\\n\" a b)");
    EXPECT_EQ(expr("a[1, \"x\", b]"), "([] a 1 \"x\" b)");
    EXPECT_EQ(expr("a[b][c]"), "([] ([] a b) c)");
    EXPECT_EQ(expr("s.a.b->c"), "(-> (. (. s a) b) c)");
    EXPECT_EQ(expr("self->x = this->y"), "(= (-> self x) (-> this y))");
    EXPECT_EQ(expr("x->string + x.self + x->probe"),
              "(+ (+ (-> x string) (. x self)) (-> x probe))");
    EXPECT_EQ(expr("args[0]->b_flags"), "(-> ([] args 0) b_flags)");
    EXPECT_EQ(expr("curthread->parent->pid"), "(-> (-> curthread parent) pid)");
    EXPECT_EQ(expr("x->/* c */y"), "(-> x y)");
}

TEST(Parser, Aggregations) {
    EXPECT_EQ(expr("@a = count()"), "(= @a (call count))");
    EXPECT_EQ(expr("@ = count()"), "(= @ (call count))");
    EXPECT_EQ(expr("@c[x, probefunc] = max(y)"), "(= ([] @c x probefunc) (call max y))");
    EXPECT_EQ(expr("printa(@a)"), "(call printa @a)");
}

TEST(Parser, Identifiers) {
    EXPECT_EQ(expr("`max_pfn"), "`max_pfn");
    EXPECT_EQ(expr("vmlinux`jiffies + 1"), "(+ vmlinux`jiffies 1)");
    auto r = parseProgram("BEGIN { vmlinux`jiffies; }", opts());
    const auto& c = ast::as<ast::Clause>(*r.program->items[0]);
    const auto& id = ast::as<ast::Ident>(*ast::as<ast::ExprStmt>(*c.body[0]).expr);
    EXPECT_EQ(id.scope, "vmlinux");
    EXPECT_EQ(id.name, "jiffies");
    EXPECT_TRUE(id.backquote);
}

TEST(Parser, Constants) {
    EXPECT_EQ(expr("0"), "0");
    EXPECT_EQ(expr("42"), "42");
    EXPECT_EQ(expr("0x2a"), "42");
    EXPECT_EQ(expr("052"), "42");
    EXPECT_EQ(expr("42u"), "42u");
    EXPECT_EQ(expr("42UL"), "42ul");
    EXPECT_EQ(expr("42ull"), "42ull");
    EXPECT_EQ(expr("42LL"), "42ll");
    EXPECT_EQ(expr("42l"), "42l");
    EXPECT_EQ(expr("0xffffffffffffffff"), "18446744073709551615");
    EXPECT_EQ(expr("18446744073709551615u"), "18446744073709551615u");
    EXPECT_EQ(expr("'a'"), "(char 97)");
    EXPECT_EQ(expr("'\\n'"), "(char 10)");
    EXPECT_EQ(expr("'\\377'"), "(char 255)");
    EXPECT_EQ(expr("'ab'"), "24930");
    EXPECT_EQ(expr("\"a\\tb\\\"c\\\\\""), "\"a\\tb\\\"c\\\\\\\\\"");
    EXPECT_EQ(expr("\"\\x41\\102\""), "\"AB\"");
    EXPECT_EQ(expr("\"\\q\""), "\"\\\\q\"");
    auto r = parseProgram("BEGIN { 10; 010; 0x10; }", opts());
    const auto& c = ast::as<ast::Clause>(*r.program->items[0]);
    EXPECT_TRUE(ast::as<ast::IntLit>(*ast::as<ast::ExprStmt>(*c.body[0]).expr).isDecimal);
    EXPECT_FALSE(ast::as<ast::IntLit>(*ast::as<ast::ExprStmt>(*c.body[1]).expr).isDecimal);
    EXPECT_FALSE(ast::as<ast::IntLit>(*ast::as<ast::ExprStmt>(*c.body[2]).expr).isDecimal);
}

TEST(Parser, CastsAndTypes) {
    EXPECT_EQ(expr("(int)x"), "(cast (type int) x)");
    EXPECT_EQ(expr("(unsigned long long)x"), "(cast (type unsigned long long) x)");
    EXPECT_EQ(expr("(char *)arg0"), "(cast (type char ptr) arg0)");
    EXPECT_EQ(expr("(struct task_struct *)curthread"),
              "(cast (type struct task_struct ptr) curthread)");
    EXPECT_EQ(expr("(uint64_t)x + 1"), "(+ (cast (type uint64_t) x) 1)");
    EXPECT_EQ(expr("(const char **)p"), "(cast (type const char ptr ptr) p)");
    EXPECT_EQ(expr("(int (*)(int))p"), "(cast (type int ptr (func (int))) p)");
    EXPECT_EQ(expr("(int *[3])p"), "(cast (type int (array 3) ptr) p)");
    EXPECT_EQ(expr("(vmlinux`pid_t)x"), "(cast (type vmlinux`pid_t) x)");
    EXPECT_EQ(expr("(x)"), "x");
    EXPECT_EQ(expr("(x) + 1"), "(+ x 1)");
    EXPECT_EQ(expr("-(int)x"), "(neg (cast (type int) x))");
    EXPECT_EQ(expr("sizeof (int)"), "(sizeof (type int))");
    EXPECT_EQ(expr("sizeof (struct foo)"), "(sizeof (type struct foo))");
    EXPECT_EQ(expr("sizeof x"), "(sizeof x)");
    EXPECT_EQ(expr("sizeof (x)"), "(sizeof x)");
    EXPECT_EQ(expr("sizeof(x)[1]"), "(sizeof ([] x 1))");
    EXPECT_EQ(expr("stringof(x)"), "(stringof x)");
    EXPECT_EQ(expr("stringof x + 1"), "(+ (stringof x) 1)");
    EXPECT_EQ(expr("offsetof(struct foo, bar)"), "(offsetof (type struct foo) bar)");
    EXPECT_EQ(expr("offsetof(vmlinux`task_struct, pid)"),
              "(offsetof (type vmlinux`task_struct) pid)");
    EXPECT_EQ(expr("xlate<psinfo_t *>(curthread)"), "(xlate (type psinfo_t ptr) curthread)");
    EXPECT_EQ(expr("xlate <struct foo> (a, b)"), "(xlate (type struct foo) (, a b))");
    EXPECT_EQ(expr("*(int *)&x"), "(deref (cast (type int ptr) (addr x)))");
}

TEST(Parser, TypedefsRegisterTypeNames) {
    EXPECT_EQ(P("typedef int myint_t;\nBEGIN { x = (myint_t)1; }"),
              "(decl typedef int (myint_t))\n"
              "(clause (\"BEGIN\") (body (= x (cast (type myint_t) 1))))\n");
    // Before the typedef, the name is an identifier.
    EXPECT_EQ(P("BEGIN { x = (foo_t) + 1; }"), "(clause (\"BEGIN\") (body (= x (+ foo_t 1))))\n");
    EXPECT_EQ(P("typedef struct foo { int a; } foo_t;\nfoo_t *p;"),
              "(decl typedef struct foo {(int a)} (foo_t))\n(decl foo_t (p ptr))\n");
    // A type name that is being assigned to is a variable.
    EXPECT_EQ(body("uint32_t = 5"), "(= uint32_t 5)");
}

// ---------------------------------------------------------------- declarations

TEST(Parser, Declarations) {
    EXPECT_EQ(P("int x;"), "(decl int (x))\n");
    EXPECT_EQ(P("int x, *y, z[10];"), "(decl int (x) (y ptr) (z (array 10)))\n");
    EXPECT_EQ(P("self int x;"), "(decl self int (x))\n");
    EXPECT_EQ(P("this char *s;"), "(decl this char (s ptr))\n");
    EXPECT_EQ(P("unsigned long long counter_x;"), "(decl unsigned long long (counter_x))\n");
    EXPECT_EQ(P("extern int max_pfn;"), "(decl extern int (max_pfn))\n");
    EXPECT_EQ(P("static const volatile int x;"), "(decl static const volatile int (x))\n");
    EXPECT_EQ(P("int a[string, int];"), "(decl int (a (assoc (type string) (type int))))\n");
    EXPECT_EQ(P("int *a[3];"), "(decl int (a (array 3) ptr))\n");
    EXPECT_EQ(P("int (*a)[3];"), "(decl int (a ptr (array 3)))\n");
    EXPECT_EQ(P("int (*fp)(int, char *);"), "(decl int (fp ptr (func (int) (char ptr))))\n");
    EXPECT_EQ(P("int f(void);"), "(decl int (f (func)))\n");
    EXPECT_EQ(P("int f(int x, ...);"), "(decl int (f (func (int x) ...)))\n");
    EXPECT_EQ(P("char * const * p;"), "(decl char (p ptr const-ptr))\n");
    EXPECT_EQ(P("uint64_t ts;"), "(decl uint64_t (ts))\n");
    EXPECT_EQ(P("int a[2][3];"), "(decl int (a (array 2) (array 3)))\n");
}

TEST(Parser, StructsUnionsEnums) {
    EXPECT_EQ(P("struct foo { int a; char *b, c[4]; };"),
              "(decl struct foo {(int a)(char b ptr, c (array 4))})\n");
    EXPECT_EQ(P("struct foo { int a : 3; int : 2; unsigned b : 1; } x;"),
              "(decl struct foo {(int a :3)(int :2)(unsigned b :1)} (x))\n");
    EXPECT_EQ(P("union u { int i; long l; };"), "(decl union u {(int i)(long l)})\n");
    EXPECT_EQ(P("struct foo *p;"), "(decl struct foo (p ptr))\n");
    EXPECT_EQ(P("struct { int a; } anon;"), "(decl struct {(int a)} (anon))\n");
    EXPECT_EQ(P("enum color { RED, GREEN = 5, BLUE };"), "(decl enum color {RED GREEN=5 BLUE})\n");
    EXPECT_EQ(P("enum e { A = 1 << 2, B = A + 1 };"), "(decl enum e {A=(<< 1 2) B=(+ A 1)})\n");
    EXPECT_EQ(P("struct s { struct t { int x; } in; int y; };"),
              "(decl struct s {(struct t {(int x)} in)(int y)})\n");
    EXPECT_EQ(P("typedef int foo;\nstruct s { foo foo; };"),
              "(decl typedef int (foo))\n(decl struct s {(foo foo)})\n");
}

TEST(Parser, Inlines) {
    EXPECT_EQ(P("inline int MAX = 100;"), "(inline int MAX 100)\n");
    EXPECT_EQ(P("inline string hello = \"hi\";"), "(inline string hello \"hi\")\n");
    EXPECT_EQ(P("inline int f = a > b ? a : b;"), "(inline int f (? (> a b) a b))\n");
}

TEST(Parser, Translators) {
    EXPECT_EQ(P("translator struct out < struct in *p > { a = p->x; b = p->y + 1; };"),
              "(translator (type struct out) (type struct in ptr) p (a (-> p x)) "
              "(b (+ (-> p y) 1)))\n");
    EXPECT_EQ(P("translator uint64_t < int x > { };"),
              "(translator (type uint64_t) (type int) x)\n");
}

TEST(Parser, Providers) {
    EXPECT_EQ(P("provider myprov { probe start(int, char *); probe done__now(int x) : "
                "(long); };"),
              "(provider myprov (probe start (args (int) (char ptr))) (probe done__now "
              "(args (int x)) (xargs (long))))\n");
    EXPECT_EQ(P("provider empty { };"), "(provider empty)\n");
}

// ---------------------------------------------------------------- control lines

TEST(Parser, Pragmas) {
    EXPECT_EQ(P("#pragma D option quiet\nBEGIN {}"),
              "(pragma option quiet)\n(clause (\"BEGIN\") (body))\n");
    EXPECT_EQ(P("#pragma D option bufsize=4m\n"), "(pragma option bufsize=4m)\n");
    EXPECT_EQ(P("  #pragma D depends_on provider syscall\n"),
              "(pragma depends_on provider syscall)\n");
    EXPECT_EQ(P("#pragma D attributes Evolving/Evolving/Common foo\n"),
              "(pragma attributes Evolving/Evolving/Common foo)\n");
    EXPECT_EQ(P("#pragma D binding \"1.0\" foo\n"), "(pragma binding 1.0 foo)\n");
    EXPECT_EQ(P("#pragma ident \"@(#)foo.d\"\n#pragma foo bar\n#ident x\n#\nBEGIN {}"),
              "(clause (\"BEGIN\") (body))\n");
    // A pragma inside a clause comes before it.
    EXPECT_EQ(P("BEGIN\n{\n#pragma D option quiet\n}\n"),
              "(pragma option quiet)\n(clause (\"BEGIN\") (body))\n");
    auto r = parseProgram("\n\n#pragma D option flowindent\n", opts());
    EXPECT_EQ(r.program->items[0]->loc.line, 3);
}

TEST(Parser, PragmaErrors) {
    EXPECT_EQ(E("\n#pragma D error \"this is an error message\"\n").str(),
              "[D_PRAGERR] 2: #error: this is an error message ");
    EXPECT_EQ(E("#pragma D attributes incorrect_attr\n").str(),
              "[D_PRAGMA_MALFORM] 1: malformed #pragma attributes <attributes> <ident>");
    EXPECT_EQ(E("#pragma D attributes Bogus/Stable/Common x\n").str(),
              "[D_PRAGMA_INVAL] 1: invalid attributes specified by #pragma attributes");
    EXPECT_EQ(E("#pragma D option quiet x\n").str(),
              "[D_PRAGMA_MALFORM] 1: superfluous arguments specified for #pragma option");
    EXPECT_EQ(E("#pragma D option\n").str(),
              "[D_PRAGMA_MALFORM] 1: malformed #pragma option <option>=<val>");
    EXPECT_EQ(E("#pragma D depends_on library net.d\n").str(),
              "[D_PRAGMA_DEPEND] 1: main program may not explicitly depend on a library");
    EXPECT_EQ(E("#pragma D depends_on thing x\n").str(),
              "[D_PRAGMA_INVAL] 1: invalid class thing specified by #pragma depends_on");
    EXPECT_EQ(E("#pragma D frobnicate\n").str(),
              "[D_PRAGMA_INVAL] 1: invalid D pragma: frobnicate");
    EXPECT_EQ(E("#foo\n").str(), "[D_PRAGCTL_INVAL] 1: invalid control directive: #foo");
    EXPECT_EQ(E("#pragma D binding 1.0 x\n").str(),
              "[D_PRAGMA_MALFORM] 1: malformed #pragma binding \"version\" <ident>");
    EXPECT_EQ(E("#pragma D binding \"1.x\" x\n").str(),
              "[D_PRAGMA_INVAL] 1: invalid version string specified by #pragma binding");
    EXPECT_EQ(E("inline int foo = 0;\n#pragma").str(),
              "[D_SYNTAX] 2: end-of-file encountered before end of control line");
    ParseOptions lib = opts();
    lib.library = true;
    EXPECT_EQ(E("#pragma D depends_on library net.d\n", lib).tag, "none");
}

TEST(Parser, LineDirectives) {
    // cpp's "# N file": the next line is N.
    EXPECT_EQ(E("# 100 \"foo.d\"\nBEGIN { ) }").str(), "[D_SYNTAX] 100: extra ) in input stream");
    // DTrace's #line N numbers the next line N + 1.
    EXPECT_EQ(E("#line 100\nBEGIN { ) }").str(), "[D_SYNTAX] 101: extra ) in input stream");
    EXPECT_EQ(E("#line x\n").str(),
              "[D_PRAGMA_MALFORM] 1: malformed #line <line> [ [\"file\"] state ]");
    EXPECT_EQ(P("#!/usr/sbin/dtrace -s\nBEGIN {}"), "(clause (\"BEGIN\") (body))\n");
    EXPECT_EQ(E("#!/usr/sbin/dtrace -s\n\nBEGIN { ) }").line, 3);
}

TEST(Parser, PspecOption) {
    ParseOptions f = opts();
    f.fromFile = true;
    EXPECT_EQ(E("\n#pragma D option pspec\n\nint*x\n", f).str(),
              "[D_SYNTAX] 4: expected predicate and/or actions following probe description");
    EXPECT_EQ(E("int*x", f).str(), "[D_SYNTAX] 1: syntax error near end of input");
}

// ---------------------------------------------------------------- macros

TEST(Parser, MacroArguments) {
    ParseOptions o = opts();
    o.macroArgs = {"t.d", "42", "foo", "hello world", "-5", "\"quoted\"", "0x10", "int"};
    auto r = parseProgram("BEGIN { a = $1; b = $2; c = $3; d = $4; e = $$1; f = $5; g = $6; }", o);
    EXPECT_EQ(dump(*r.program),
              "(clause (\"BEGIN\") (body (= a 42) (= b foo) (= c \"hello world\") (= d (neg 5)) "
              "(= e \"42\") (= f \"quoted\") (= g 16)))\n");
    EXPECT_EQ(r.argReferenced,
              (std::vector<bool>{false, true, true, true, true, true, true, false}));
    EXPECT_EQ(P("BEGIN { x = $0; }", o), "(clause (\"BEGIN\") (body (= x \"t.d\")))\n");
    // An argument that names a type makes a cast.
    EXPECT_EQ(P("BEGIN { x = ($7)y; }", o),
              "(clause (\"BEGIN\") (body (= x (cast (type int) y))))\n");
    EXPECT_EQ(P("BEGIN { x = $pid + $uid; y = $$pid; }"),
              "(clause (\"BEGIN\") (body (= x (+ 1234 0)) (= y \"1234\")))\n");
    EXPECT_EQ(E("BEGIN { x = $3; }").str(), "[D_MACRO_UNDEF] 1: macro argument $3 is not defined");
    EXPECT_EQ(E("BEGIN { x = $$3; }").str(),
              "[D_MACRO_UNDEF] 1: macro argument $$3 is not defined");
    EXPECT_EQ(E("BEGIN { x = $nosuch; }").str(),
              "[D_MACRO_UNDEF] 1: macro variable $nosuch is not defined");
    ParseOptions d = opts();
    d.defaultArgs = true;
    EXPECT_EQ(P("BEGIN { x = $3; y = $$3; }", d),
              "(clause (\"BEGIN\") (body (= x 0) (= y \"\")))\n");
    ParseOptions big = opts();
    big.macroArgs = {"t.d", "99999999999999999999"};
    EXPECT_EQ(E("BEGIN { x = $1; }", big).str(),
              "[D_MACRO_OFLOW] 1: macro argument $1 constant 99999999999999999999 results in "
              "integer overflow");
}

// ---------------------------------------------------------------- errors

TEST(Parser, SyntaxErrors) {
    EXPECT_EQ(E("BEGIN\n{\n\tint i = 0;\n}").str(), "[D_SYNTAX] 3: syntax error near \"int\"");
    EXPECT_EQ(E("BEGIN\n{\n\ttypedef int x;\n}").str(),
              "[D_SYNTAX] 3: syntax error near \"typedef\"");
    EXPECT_EQ(E("BEGIN\n{\n\ti /-= i;\n}").str(), "[D_SYNTAX] 3: syntax error near \"-=\"");
    EXPECT_EQ(E("BEGIN\n{\n\texit(0);\n").str(), "[D_SYNTAX] 4: syntax error near end of input");
    EXPECT_EQ(E("int i = 0;").str(), "[D_SYNTAX] 1: syntax error near \"=\"");
    EXPECT_EQ(E("BEGIN\n/i != 0 && >= 5/\n{}").str(), "[D_SYNTAX] 2: syntax error near \">=\"");
    EXPECT_EQ(E("BEGIN\n{\n\ttrace(epid));\n}").str(), "[D_SYNTAX] 3: extra ) in input stream");
    EXPECT_EQ(E("BEGIN\n{\n\ttrace(args[0]]);\n}").str(), "[D_SYNTAX] 3: extra ] in input stream");
    EXPECT_EQ(E("BEGIN\n/rand(/\n{\n}").str(),
              "[D_SYNTAX] 3: closing ) expected in predicate before /");
    EXPECT_EQ(E("BEGIN\n/a[1/\n{\n}").str(),
              "[D_SYNTAX] 3: closing ] expected in predicate before /");
    EXPECT_EQ(E("BEGIN\n{\n\targs[0\n}").str(), "[D_SYNTAX] 4: syntax error near \"}\"");
    EXPECT_EQ(E("BEGIN /x/").str(),
              "[D_SYNTAX] 1: expected actions { } following probe description and predicate");
    EXPECT_EQ(E("BEGIN { a + b = c; }").str(), "[D_SYNTAX] 1: syntax error near \"=\"");
    EXPECT_EQ(E("BEGIN { (int)a = c; }").str(), "[D_SYNTAX] 1: syntax error near \"=\"");
    EXPECT_EQ(E("BEGIN { ++(int)a; }").str(), "[D_SYNTAX] 1: syntax error near \"int\"");
    EXPECT_EQ(E("BEGIN { a[] = 1; }").str(), "[D_SYNTAX] 1: syntax error near \"]\"");
    EXPECT_EQ(E("BEGIN { \"a\" \"b\"; }").str(), "[D_SYNTAX] 1: syntax error near \"\"b\"\"");
    EXPECT_EQ(E("BEGIN { x = 1.5; }").str(),
              "[D_SYNTAX] 1: floating-point constants are not permitted");
    // An unknown word shows the rest of its line (flex's yytext after DTrace
    // peeked past it); a known one just itself.
    EXPECT_EQ(E("BEGIN { x = 1 y = 2 }").str(), "[D_SYNTAX] 1: syntax error near \"y = 2 }\"");
    EXPECT_EQ(E("BEGIN { x = 1 pid = 2 }").str(), "[D_SYNTAX] 1: syntax error near \"pid\"");
    EXPECT_EQ(E("BEGIN { { x = 1; } }").str(), "[D_SYNTAX] 1: syntax error near \"{\"");
    EXPECT_EQ(E("BEGIN {} ;").str(), "[D_SYNTAX] 1: syntax error near \";\"");
    EXPECT_EQ(E("BEGIN { x = @; }").tag, "none");
    EXPECT_EQ(E("BEGIN { x = #; }").str(), "[D_SYNTAX] 1: syntax error near \"#\"");
    EXPECT_EQ(E("BEGIN { i = 123$pid; }").str(), "[D_SYNTAX] 1: syntax error near \"$pid\"");
    EXPECT_EQ(E("BEGIN { x = $-1; }").str(), "[D_SYNTAX] 1: syntax error near \"$\"");
    EXPECT_EQ(E("BEGIN { x.y(1); }").str(),
              "[D_FUNC_IDENT] 1: function designator is not of function type");
    EXPECT_EQ(E("enum foo`bar\n{\n};").str(), "[D_SYNTAX] 3: syntax error near \"}\"");
    EXPECT_EQ(E("struct s { };").str(), "[D_SYNTAX] 1: syntax error near \"}\"");
    EXPECT_EQ(E("self self int x;").str(),
              "[D_DECL_CLASS] 1: only a single storage class may be specified in a declaration");
    EXPECT_EQ(E("}").str(), "[D_SYNTAX] 1: syntax error near \"}\"");
    EXPECT_EQ(E("BEGIN { x = 1 / ; }").str(), "[D_SYNTAX] 1: syntax error near \"/\"");
    // DTrace shows the rest of the line for an unknown word it peeked past.
    EXPECT_EQ(E("BEGIN\n{\n\ttrace(offsetof(vnode_t, v_no_such_member));\n}").str(),
              "[D_SYNTAX] 3: syntax error near \"vnode_t, v_no_such_member));\"");
}

TEST(Parser, BodylessClauses) {
    ParseOptions f = opts();
    f.fromFile = true;
    EXPECT_EQ(E("\nprofile-1\n\texit(0);\n}", f).str(),
              "[D_SYNTAX] 2: expected predicate and/or actions following probe description");
    EXPECT_EQ(E("profile-1\nint i;\n{\n}", f).str(),
              "[D_SYNTAX] 1: expected predicate and/or actions following probe description");
    EXPECT_EQ(P("BEGIN, END"), "(clause (\"BEGIN\" \"END\") (body))\n");
}

TEST(Parser, LexerErrors) {
    EXPECT_EQ(E("BEGIN\n{\n\th = '\n\t\t';\n}").str(),
              "[D_CHR_NL] 4: newline encountered in character constant");
    EXPECT_EQ(E("BEGIN\n{\n\th = \"hello\n\";\n}").str(),
              "[D_STR_NL] 4: newline encountered in string literal");
    EXPECT_EQ(E("BEGIN { x = ''; }").str(), "[D_CHR_NULL] 1: empty character constant");
    EXPECT_EQ(E("BEGIN { x = '123456789'; }").str(),
              "[D_CHR_OFLOW] 1: character constant is too long");
    EXPECT_EQ(E("BEGIN\n{\n\t0128;\n}").str(),
              "[D_INT_DIGIT] 3: constant 0128 contains invalid digit 8");
    EXPECT_EQ(E("BEGIN\n{\n\t0x12345678123456781;\n}").str(),
              "[D_INT_OFLOW] 3: constant 0x12345678123456781 results in integer overflow");
    EXPECT_EQ(E("BEGIN { 18446744073709551615; }").str(),
              "[D_INT_OFLOW] 1: integer constant 0xffffffffffffffff cannot be represented by any "
              "intrinsic integral type");
    EXPECT_EQ(E("\n/* This comment no end\n").str(),
              "[D_SYNTAX] 3: end-of-file encountered before matching */");
    EXPECT_EQ(E("/* a /* b */").str(), "[D_SYNTAX] 1: /* encountered inside a comment");
}

TEST(Parser, Comments) {
    EXPECT_EQ(P("/* c */ BEGIN /* c */ { /* c */ x = 1; // c\n }\n// end"),
              "(clause (\"BEGIN\") (body (= x 1)))\n");
    EXPECT_EQ(P("BEGIN /x//* c */\n{ }"), "(clause (\"BEGIN\") (pred x) (body))\n");
}

TEST(Parser, LineNumbers) {
    auto r = parseProgram("BEGIN\n{\n  x = 1;\n\n  y =\n    2;\n}\n\nEND\n{\n}\n", opts());
    const auto& c = ast::as<ast::Clause>(*r.program->items[0]);
    EXPECT_EQ(c.loc.line, 1);
    EXPECT_EQ(c.body[0]->loc.line, 3);
    EXPECT_EQ(c.body[1]->loc.line, 6);
    const auto& a = ast::as<ast::Assign>(*ast::as<ast::ExprStmt>(*c.body[1]).expr);
    EXPECT_EQ(a.lhs->loc.line, 5);
    EXPECT_EQ(a.rhs->loc.line, 6);
    EXPECT_EQ(r.program->items[1]->loc.line, 9);
}

// ---------------------------------------------------------------- conformance kit

namespace {

std::string readAll(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

void listD(const std::string& dir, std::vector<std::string>& out) {
    DIR* d = opendir(dir.c_str());
    if (!d) return;
    while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n == "." || n == "..") continue;
        std::string p = dir + "/" + n;
        struct stat st;
        if (stat(p.c_str(), &st) != 0) continue;
        if (S_ISDIR(st.st_mode))
            listD(p, out);
        else if (n.size() > 2 && n.substr(n.size() - 2) == ".d")
            out.push_back(p);
    }
    closedir(d);
}

// Lexer/parser tags: an err.<TAG>.*.d file with one of these must fail here.
const std::set<std::string> kParseTags = {
    "D_SYNTAX",        "D_CHR_NL",        "D_CHR_NULL",       "D_CHR_OFLOW",
    "D_STR_NL",        "D_INT_DIGIT",     "D_INT_OFLOW",      "D_MACRO_UNDEF",
    "D_MACRO_OFLOW",   "D_PRAGERR",       "D_PRAGMA_MALFORM", "D_PRAGMA_INVAL",
    "D_PRAGCTL_INVAL", "D_PRAGMA_DEPEND", "D_PDESC_INVAL",    "D_DECL_CLASS",
};

} // namespace

TEST(Conformance, ParseKit) {
    const char* env = getenv("DT_CONFORMANCE_TESTS");
    std::string root = env ? env : "/work/shared/conformance/tests";
    std::vector<std::string> files;
    listD(root, files);
    if (files.empty()) GTEST_SKIP() << "no conformance kit at " << root;
    std::sort(files.begin(), files.end());
    int tstOk = 0, tstFail = 0, errOk = 0, errFail = 0, msgOk = 0, msgFail = 0, skipped = 0;
    std::string failures;
    std::regex cppOpt(R"(@@runtest-opts:[^\n]*\s-\w*C)");
    for (const auto& path : files) {
        std::string rel = path.substr(root.size() + 1);
        std::string base = rel.substr(rel.rfind('/') + 1);
        std::string text = readAll(path);
        if (rel.rfind("preprocessor/", 0) == 0 || std::regex_search(text, cppOpt) ||
            text.find("#include") != std::string::npos ||
            text.find("#define") != std::string::npos || text.find("#if") != std::string::npos) {
            skipped++;
            continue;
        }
        bool isTst = base.rfind("tst.", 0) == 0;
        std::string tag;
        if (base.rfind("err.D_", 0) == 0) tag = base.substr(4, base.find('.', 4) - 4);
        if (!isTst && !kParseTags.count(tag)) continue;
        // printf format errors are D_SYNTAX too, but the format checker's.
        if (rel.find("printf/") != std::string::npos && !isTst) continue;
        ParseOptions o = opts();
        o.fromFile = true;
        o.macroArgs = {path};
        // Script arguments from "@@runtest-opts:" (words not starting with '-').
        std::smatch ro;
        if (std::regex_search(text, ro, std::regex(R"(@@runtest-opts:([^\n*]*))"))) {
            std::istringstream ws(ro[1].str());
            std::string w;
            while (ws >> w) {
                if (w == "-xdefaultargs") o.defaultArgs = true;
                if (w[0] != '-') o.macroArgs.push_back(w == "$_pid" ? "1234" : w);
            }
        }
        std::string got;
        int line = 0;
        std::string msg;
        try {
            parseProgram(text, o);
        } catch (const CompileError& e) {
            got = tagName(e.tag());
            line = e.loc().line;
            msg = e.what();
        }
        if (isTst) {
            // Only lexer/parser errors count: anything else is a later stage's.
            if (got.empty() || !kParseTags.count(got)) {
                tstOk++;
            } else {
                tstFail++;
                failures +=
                    "  " + rel + ": [" + got + "] line " + std::to_string(line) + ": " + msg + "\n";
            }
            continue;
        }
        if (got == tag) {
            errOk++;
        } else {
            errFail++;
            failures += "  " + rel + ": expected " + tag + ", got " + (got.empty() ? "none" : got) +
                        " " + msg + "\n";
            continue;
        }
        // Compare with the expected "[TAG] line N: msg" when the kit has it.
        std::string r = readAll(path.substr(0, path.size() - 2) + ".r");
        std::smatch m;
        std::regex want(R"(\[(D_[A-Z_]+)\] line (\d+): ([^\n]*))");
        if (std::regex_search(r, m, want)) {
            std::string exp = m[3].str();
            std::string have = msg;
            // The kit writes every hex number as {ptr}.
            have = std::regex_replace(have, std::regex("0x[0-9a-fA-F]+"), "{ptr}");
            if (std::stoi(m[2].str()) == line && exp == have) {
                msgOk++;
            } else {
                msgFail++;
                failures += "  " + rel + ": message: want line " + m[2].str() + ": " + exp +
                            "\n                got line " + std::to_string(line) + ": " + have +
                            "\n";
            }
        }
    }
    std::cout << "conformance parse: tst " << tstOk << " parsed, " << tstFail << " failed; err "
              << errOk << " raised the tag, " << errFail << " did not; messages " << msgOk
              << " matched, " << msgFail << " differ; " << skipped << " skipped (cpp)\n"
              << failures;
    EXPECT_EQ(tstFail, 0);
    EXPECT_EQ(errFail, 0);
    EXPECT_EQ(msgFail, 0);
}
