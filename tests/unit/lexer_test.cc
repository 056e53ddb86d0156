// Lexer tests: DTrace's lexer states, token classification and texts.
#include <gtest/gtest.h>

#include "parse/lexer.h"

using namespace dt;
using namespace dt::parse;

namespace {

ParseOptions opts() {
    ParseOptions o;
    o.macroArgs = {"t.d", "17", "foo", "a b"};
    o.isTypeName = [](std::string_view n) { return n == "uint64_t" || n == "pid_t"; };
    o.namedMacro = [](std::string_view n) -> std::optional<std::string> {
        if (n == "pid") return std::string("99");
        return std::nullopt;
    };
    return o;
}

const char* kindName(TokKind k) {
    switch (k) {
    case TokKind::End:
        return "end";
    case TokKind::PSpec:
        return "pspec";
    case TokKind::Ident:
        return "id";
    case TokKind::TypeName:
        return "type";
    case TokKind::Keyword:
        return "kw";
    case TokKind::Int:
        return "int";
    case TokKind::Str:
        return "str";
    case TokKind::Agg:
        return "agg";
    case TokKind::Punct:
        return "p";
    case TokKind::EPred:
        return "epred";
    }
    return "?";
}

std::string show(const Token& t) {
    std::string s = kindName(t.kind);
    switch (t.kind) {
    case TokKind::Int:
        return s + ":" + std::to_string(t.value) + t.suffix;
    case TokKind::End:
        return s;
    case TokKind::EPred:
        return s;
    default:
        return s + ":" + t.fullName();
    }
}

// All tokens of `src`, lexed in `mode` throughout.
std::string lexAll(const std::string& src, Lexer::Mode mode, const ParseOptions& o = opts()) {
    Lexer lx(src, o);
    std::string out;
    for (;;) {
        lx.setMode(mode);
        Token t = lx.next();
        out += (out.empty() ? "" : " ") + show(t);
        if (t.kind == TokKind::End) break;
    }
    return out;
}
std::string code(const std::string& src) {
    return lexAll(src, Lexer::Mode::Code);
}
std::string outer(const std::string& src) {
    return lexAll(src, Lexer::Mode::Outer);
}

std::string error(const std::string& src, Lexer::Mode mode = Lexer::Mode::Code) {
    try {
        lexAll(src, mode);
    } catch (const CompileError& e) {
        return "[" + std::string(tagName(e.tag())) + "] " + std::to_string(e.loc().line) + ": " +
               e.what();
    }
    return "none";
}

} // namespace

TEST(Lexer, OuterProbeDescriptions) {
    EXPECT_EQ(outer("syscall::read:entry, tick-1s /x/ {"),
              "pspec:syscall::read:entry p:, pspec:tick-1s p:/ pspec:x p:/ p:{ end");
    EXPECT_EQ(outer("BEGIN END ERROR"), "pspec:BEGIN pspec:END pspec:ERROR end");
    EXPECT_EQ(outer("pid$target::*malloc*:entry"), "pspec:pid$target::*malloc*:entry end");
    EXPECT_EQ(outer("fbt::do_[a-z]?_\\:x:!return"), "pspec:fbt::do_[a-z]?_\\:x:!return end");
    EXPECT_EQ(outer("123"), "int:123 end");
}

TEST(Lexer, OuterKeywordsAndTypes) {
    // Declaration keywords and type names switch the lexer to code.
    Lexer lx("int*x", opts());
    EXPECT_EQ(show(lx.next()), "type:int");
    EXPECT_EQ(lx.mode(), Lexer::Mode::Code);
    EXPECT_EQ(show(lx.next()), "p:*");
    EXPECT_EQ(show(lx.next()), "id:x");
    Lexer l2("uint64_t x;", opts());
    EXPECT_EQ(show(l2.next()), "type:uint64_t");
    Lexer l3("self int", opts());
    EXPECT_EQ(show(l3.next()), "kw:self");
    EXPECT_EQ(l3.mode(), Lexer::Mode::Code);
    // Not types: probe descriptions.
    EXPECT_EQ(outer("syscall interval uint64_t-x"),
              "pspec:syscall pspec:interval pspec:uint64_t-x end");
    ParseOptions ps = opts();
    ps.pspec = true;
    EXPECT_EQ(lexAll("int*x", Lexer::Mode::Outer, ps), "pspec:int*x end");
}

TEST(Lexer, CodeTokens) {
    EXPECT_EQ(code("a+=b<<=c->d...e^^f"),
              "id:a p:+= id:b p:<<= id:c p:-> id:d p:... id:e p:^^ id:f end");
    EXPECT_EQ(code("x->self y.string"), "id:x p:-> id:self id:y p:. id:string end");
    EXPECT_EQ(code("self this sizeof"), "kw:self kw:this kw:sizeof end");
    EXPECT_EQ(code("@a @ @_x[1]"), "agg:a agg: agg:_x p:[ int:1 p:] end");
    EXPECT_EQ(code("`max_pfn vmlinux`jiffies"), "id:`max_pfn id:vmlinux`jiffies end");
    EXPECT_EQ(code("\"a\\n\" 'b'"), "str:a\n int:98 end");
}

TEST(Lexer, IdentOrType) {
    // A type name is a type unless what follows makes it a variable.
    EXPECT_EQ(code("(uint64_t)x"), "p:( type:uint64_t p:) id:x end");
    EXPECT_EQ(code("uint64_t = 1"), "id:uint64_t p:= int:1 end");
    EXPECT_EQ(code("uint64_t == 1"), "type:uint64_t p:== int:1 end");
    EXPECT_EQ(code("uint64_t++"), "id:uint64_t p:++ end");
    EXPECT_EQ(code("uint64_t[0]"), "id:uint64_t p:[ int:0 p:] end");
    // After struct/union/enum, a tag name.
    EXPECT_EQ(code("struct foo"), "kw:struct type:foo end");
    Lexer lx("pid_t pid_t", opts());
    lx.setMode(Lexer::Mode::Code);
    EXPECT_EQ(show(lx.next()), "type:pid_t");
    lx.declTyped = true; // a type specifier was seen: the next one is a name
    EXPECT_EQ(show(lx.next()), "id:pid_t");
}

TEST(Lexer, PredicateSlash) {
    EXPECT_EQ(code("a / b/ {"), "id:a p:/ id:b epred p:{ end");
    EXPECT_EQ(code("a /\n;"), "id:a epred p:; end");
    EXPECT_EQ(code("a/"), "id:a epred end");
    EXPECT_EQ(code("a //* c */ {"), "id:a epred p:{ end");
    EXPECT_EQ(code("a /= 2"), "id:a p:/= int:2 end");
}

TEST(Lexer, Numbers) {
    EXPECT_EQ(
        code("0 7 010 0x1F 0XfF 1u 2L 3ul 4LL 5ull 6Ull"),
        "int:0 int:7 int:8 int:31 int:255 int:1u int:2l int:3ul int:4ll int:5ull int:6ull end");
    EXPECT_EQ(code("'a' 'ab' '\\0' '\\x41'"), "int:97 int:24930 int:0 int:65 end");
    EXPECT_EQ(error("1.5"), "[D_SYNTAX] 1: floating-point constants are not permitted");
    EXPECT_EQ(error("1e5"), "[D_SYNTAX] 1: floating-point constants are not permitted");
    EXPECT_EQ(error("10f"), "[D_SYNTAX] 1: floating-point constants are not permitted");
    EXPECT_EQ(error(".5"), "[D_SYNTAX] 1: floating-point constants are not permitted");
    EXPECT_EQ(error("09"), "[D_INT_DIGIT] 1: constant 09 contains invalid digit 9");
    EXPECT_EQ(error("99999999999999999999"),
              "[D_INT_OFLOW] 1: constant 99999999999999999999 results in integer overflow");
}

TEST(Lexer, Strings) {
    // A string's \\ stays two backslashes (DTrace's types/tst.stringconstants).
    EXPECT_EQ(code("\"\\t\\\\\\\"\\101\\x42\\q\""), "str:\t\\\\\"AB\\q end");
    EXPECT_EQ(code("\"ab\\0cd\""), "str:ab end");
    EXPECT_EQ(error("\"abc\n\""), "[D_STR_NL] 2: newline encountered in string literal");
    EXPECT_EQ(error("\"abc"), "[D_SYNTAX] 1: syntax error near \"\"\"");
    EXPECT_EQ(error("'a\n'"), "[D_CHR_NL] 2: newline encountered in character constant");
    EXPECT_EQ(error("''"), "[D_CHR_NULL] 1: empty character constant");
    EXPECT_EQ(error("'abcdefghi'"), "[D_CHR_OFLOW] 1: character constant is too long");
}

TEST(Lexer, Macros) {
    EXPECT_EQ(code("$1 $2 $3 $$1 $0 $pid $$pid"),
              "int:17 id:foo str:a b str:17 str:t.d int:99 str:99 end");
    EXPECT_EQ(error("$4"), "[D_MACRO_UNDEF] 1: macro argument $4 is not defined");
    EXPECT_EQ(error("$$4"), "[D_MACRO_UNDEF] 1: macro argument $$4 is not defined");
    EXPECT_EQ(error("$foo"), "[D_MACRO_UNDEF] 1: macro variable $foo is not defined");
    EXPECT_EQ(error("$$foo"), "[D_MACRO_UNDEF] 1: macro variable $$foo is not defined");
    EXPECT_EQ(error("$"), "[D_SYNTAX] 1: syntax error near \"$\"");
    EXPECT_EQ(code("$target"), "int:0 end");
    Lexer lx("$1 $3", opts());
    lx.setMode(Lexer::Mode::Code);
    lx.next();
    lx.next();
    EXPECT_EQ(lx.argReferenced(), (std::vector<bool>{false, true, false, true}));
}

TEST(Lexer, CommentsAndLines) {
    Lexer lx("/* a\n b */ x\n\n// c\ny \\\n z", opts());
    lx.setMode(Lexer::Mode::Code);
    Token t = lx.next();
    EXPECT_EQ(t.text, "x");
    EXPECT_EQ(t.line, 2);
    t = lx.next();
    EXPECT_EQ(t.text, "y");
    EXPECT_EQ(t.line, 5);
    t = lx.next();
    EXPECT_EQ(t.text, "z");
    EXPECT_EQ(t.line, 6);
    EXPECT_EQ(lx.next().kind, TokKind::End);
    EXPECT_EQ(error("/* x"), "[D_SYNTAX] 1: end-of-file encountered before matching */");
    EXPECT_EQ(error("/* /* */"), "[D_SYNTAX] 1: /* encountered inside a comment");
}

TEST(Lexer, ErrorTexts) {
    // yytext as DTrace shows it in "syntax error near ...".
    Lexer lx("foo bar;\n", opts());
    lx.setMode(Lexer::Mode::Code);
    EXPECT_EQ(lx.next().errText, "foo bar;"); // unknown word: peeked past
    EXPECT_EQ(lx.next().errText, "bar;");     // peeked too ("bar;" makes it a variable)
    Lexer l2("bar trace \"s\" 'c' 0x1f @a\n", opts());
    l2.setMode(Lexer::Mode::Code);
    l2.addGlobal("bar");
    EXPECT_EQ(l2.next().errText, "bar");   // a known variable
    EXPECT_EQ(l2.next().errText, "trace"); // a predefined identifier
    EXPECT_EQ(l2.next().errText, "\"s\"");
    EXPECT_EQ(l2.next().errText, "'c");
    EXPECT_EQ(l2.next().errText, "0x1f");
    EXPECT_EQ(l2.next().errText, "@a");
    EXPECT_EQ(error("a ) b"), "[D_SYNTAX] 1: extra ) in input stream");
    EXPECT_EQ(error("a ] b"), "[D_SYNTAX] 1: extra ] in input stream");
    EXPECT_EQ(error("a } b"), "[D_SYNTAX] 1: extra } in input stream");
    EXPECT_EQ(error("BEGIN ;", Lexer::Mode::Outer), "[D_SYNTAX] 1: syntax error near \";\"");
    EXPECT_EQ(error("a # b"), "[D_SYNTAX] 1: syntax error near \"#\"");
}

TEST(Lexer, ControlLines) {
    Lexer lx("#pragma D option quiet\n  #pragma D option flowindent\nx", opts());
    lx.setMode(Lexer::Mode::Code);
    Token t = lx.next();
    EXPECT_EQ(t.text, "x");
    EXPECT_EQ(t.line, 3);
    auto ps = lx.takePragmas();
    ASSERT_EQ(ps.size(), 2u);
    EXPECT_EQ(ps[0]->words, (std::vector<std::string>{"option", "quiet"}));
    EXPECT_EQ(ps[1]->loc.line, 2);
    EXPECT_TRUE(lx.takePragmas().empty());
    // "#" not at the start of a line is no control line.
    EXPECT_EQ(error("x #pragma"), "[D_SYNTAX] 1: syntax error near \"#\"");
    EXPECT_EQ(error("#pragma D option\"x\"\n"),
              "[D_PRAGMA_MALFORM] 1: malformed #pragma option <option>=<val>");
    EXPECT_EQ(error("#pragma D option x 0128\n"),
              "[D_INT_DIGIT] 1: constant 0128 contains invalid digit 8");
}

TEST(Lexer, Escapes) {
    EXPECT_EQ(decodeEscapes("a\\nb"), "a\nb");
    EXPECT_EQ(decodeEscapes("\\101\\1011"), "AA1");
    EXPECT_EQ(decodeEscapes("\\x414"), std::string(1, static_cast<char>(0x14)));
    EXPECT_EQ(decodeEscapes("\\z"), "\\z");
    EXPECT_EQ(decodeEscapes("\\'\\\"\\\\"), "'\"\\\\");
    // In character constants the other way round (types/tst.charconstants).
    EXPECT_EQ(decodeEscapes("\\'\\\"\\\\", true), "\\'\"\\");
    EXPECT_EQ(decodeEscapes("\\?"), "\\?");
}
