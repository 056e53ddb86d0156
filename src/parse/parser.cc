// A hand-written lexer and recursive-descent parser for D.  The lexer runs
// on demand because D's lexical rules depend on where the parser is: at the
// top level a probe description is one token made of characters that are
// operators elsewhere, and inside a predicate an unparenthesized '/' ends it.
#include "parse/parser.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <set>

#include "util/strutil.h"

namespace dt::parse {

using namespace ast;

namespace {

enum class T {
    End, Ident, Int, Str, Punct, Keyword, Agg, PredEnd,
};

struct Token {
    T kind = T::End;
    std::string text; // identifier/keyword/punct text; decoded string value
    uint64_t value = 0;
    std::string suffix;
    bool isChar = false, isDecimal = true;
    std::string scope;      // for `a`b identifiers
    bool backquote = false;
    int line = 1;
    size_t pos = 0;
};

const std::set<std::string> kKeywords = {
    "auto", "break", "case", "char", "const", "continue", "counter", "default", "do", "double",
    "else", "enum", "extern", "float", "for", "goto", "if", "import", "inline", "int", "long",
    "offsetof", "probe", "provider", "register", "restrict", "return", "self", "short", "signed",
    "sizeof", "static", "string", "stringof", "struct", "switch", "this", "translator", "typedef",
    "union", "unsigned", "userland", "void", "volatile", "while", "xlate",
};

const std::set<std::string> kTypeWords = {"char", "short", "int", "long", "signed", "unsigned",
                                          "float", "double", "void", "string"};

// Punctuators, longest first.
const char* const kPuncts[] = {
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "^^",
    "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "(", ")", "[", "]", "{", "}", ",", ";", ":",
    "?", "=", "+", "-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^", ".", "`", "#",
};

class Parser {
  public:
    Parser(std::string_view text, const ParseOptions& o) : src_(text), opts_(o) {
        argRef_.assign(o.macroArgs.size(), false);
    }

    ParseResult run() {
        auto prog = std::make_unique<Program>();
        // A leading "#!" interpreter line is ignored.
        if (startsWith(src_, "#!")) {
            while (pos_ < src_.size() && src_[pos_] != '\n') pos_++;
        }
        for (;;) {
            skipSpace(true);
            if (pos_ >= src_.size()) break;
            if (src_[pos_] == '#') {
                controlLine(*prog);
                continue;
            }
            if (src_[pos_] == ';') {
                pos_++;
                continue;
            }
            if (startsDeclaration()) {
                declaration(*prog);
                continue;
            }
            prog->items.push_back(clause());
        }
        ParseResult r;
        r.program = std::move(prog);
        r.argReferenced = argRef_;
        return r;
    }

  private:
    // ------------------------------------------------------------ characters

    int lineAt(size_t pos) const {
        int line = lineBase_;
        for (size_t i = lineFrom_; i < pos && i < src_.size(); i++)
            if (src_[i] == '\n') line++;
        return line;
    }
    Loc here() { return Loc{lineAt(pos_)}; }

    // Skips blanks and comments; `newlines` false stops at a newline (for
    // control lines).
    void skipSpace(bool newlines = true) {
        for (;;) {
            while (pos_ < src_.size() && (src_[pos_] == ' ' || src_[pos_] == '\t' ||
                                          src_[pos_] == '\r' || src_[pos_] == '\f' ||
                                          src_[pos_] == '\v' || (newlines && src_[pos_] == '\n')))
                pos_++;
            if (src_.substr(pos_, 2) == "/*") {
                size_t end = src_.find("*/", pos_ + 2);
                if (end == std::string_view::npos)
                    fail(Tag::D_SYNTAX, here(), "end-of-file encountered before matching */");
                size_t nested = src_.find("/*", pos_ + 2);
                if (nested != std::string_view::npos && nested < end)
                    fail(Tag::D_COMM_COMM, Loc{lineAt(nested)}, "/* encountered inside a comment");
                pos_ = end + 2;
                continue;
            }
            if (src_.substr(pos_, 2) == "//") {
                while (pos_ < src_.size() && src_[pos_] != '\n') pos_++;
                continue;
            }
            break;
        }
    }

    // ------------------------------------------------------------ control lines

    void controlLine(Program& prog) {
        Loc loc = here();
        size_t eol = src_.find('\n', pos_);
        if (eol == std::string_view::npos) eol = src_.size();
        std::string line(src_.substr(pos_ + 1, eol - pos_ - 1));
        pos_ = eol;
        std::vector<std::string> words;
        for (auto& w : split(trim(line), ' '))
            if (!trim(w).empty()) words.push_back(trim(w));
        if (words.empty()) return;
        if (words[0] == "pragma") {
            if (words.size() >= 2 && words[1] == "D") {
                auto p = std::make_unique<Pragma>(loc);
                p->words.assign(words.begin() + 2, words.end());
                if (p->words.empty())
                    fail(Tag::D_PRAGMA_MALFORM, loc, "malformed #pragma D directive");
                prog.items.push_back(std::move(p));
            }
            return; // #pragma ident and others are ignored
        }
        if (words[0] == "line" || isdigit(static_cast<unsigned char>(words[0][0]))) {
            size_t i = words[0] == "line" ? 1 : 0;
            if (i < words.size()) {
                lineBase_ = atoi(words[i].c_str()) - 1;
                lineFrom_ = pos_;
            }
            return;
        }
        if (words[0] == "error")
            fail(Tag::D_PRAGERR, loc, "#error {}", line.size() > 6 ? trim(line.substr(6)) : "");
        fail(Tag::D_SYNTAX, loc, "invalid control directive: #{}", words[0]);
    }

    // ------------------------------------------------------------ macros

    // Expands a macro variable at pos_ (pointing at '$'); returns the
    // replacement and whether it was $$ (always a string).
    bool macro(std::string& out, bool& dollarDollar, Loc loc) {
        size_t p = pos_ + 1;
        dollarDollar = false;
        if (p < src_.size() && src_[p] == '$') {
            dollarDollar = true;
            p++;
        }
        size_t start = p;
        if (p < src_.size() && isdigit(static_cast<unsigned char>(src_[p]))) {
            while (p < src_.size() && isdigit(static_cast<unsigned char>(src_[p]))) p++;
            size_t n = std::strtoul(std::string(src_.substr(start, p - start)).c_str(), nullptr, 10);
            pos_ = p;
            if (n < opts_.macroArgs.size()) {
                argRef_[n] = true;
                out = opts_.macroArgs[n];
                return true;
            }
            if (opts_.defaultArgs) {
                out = dollarDollar ? "" : "0";
                return true;
            }
            fail(Tag::D_MACRO_UNDEF, loc, "macro argument ${} is not defined", n);
        }
        while (p < src_.size() && (isalnum(static_cast<unsigned char>(src_[p])) || src_[p] == '_')) p++;
        std::string name(src_.substr(start, p - start));
        if (name.empty()) fail(Tag::D_SYNTAX, loc, "syntax error near \"$\"");
        pos_ = p;
        std::optional<std::string> v = opts_.namedMacro ? opts_.namedMacro(name) : std::nullopt;
        if (!v) {
            if (opts_.defaultArgs && name == "target") {
                out = "0";
                return true;
            }
            fail(Tag::D_MACRO_UNDEF, loc, "macro variable ${} is not defined", name);
        }
        out = *v;
        return true;
    }

    // ------------------------------------------------------------ tokens

    Token peek() {
        if (!peeked_) {
            size_t save = pos_;
            tok_ = lex();
            after_ = pos_;
            pos_ = save;
            peeked_ = true;
        }
        return tok_;
    }
    Token next() {
        Token t = peek();
        pos_ = after_;
        peeked_ = false;
        if (t.kind == T::Punct && (t.text == "(" || t.text == "[")) parenDepth_++;
        if (t.kind == T::Punct && (t.text == ")" || t.text == "]")) parenDepth_--;
        return t;
    }
    void unpeek() { peeked_ = false; }
    bool isPunct(const char* p) {
        Token t = peek();
        return t.kind == T::Punct && t.text == p;
    }
    bool accept(const char* p) {
        if (isPunct(p)) {
            next();
            return true;
        }
        return false;
    }
    [[noreturn]] void syntaxError(const Token& t) {
        if (t.kind == T::End) fail(Tag::D_SYNTAX, Loc{t.line}, "syntax error near end of input");
        std::string text = t.text;
        if (t.kind == T::Int || t.kind == T::Str)
            text = std::string(src_.substr(t.pos, after_ - t.pos));
        fail(Tag::D_SYNTAX, Loc{t.line}, "syntax error near \"{}\"", text);
    }
    void expect(const char* p) {
        Token t = peek();
        if (t.kind != T::Punct || t.text != p) syntaxError(t);
        next();
    }

    static int hexval(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // Decodes one escape after a backslash at src_[pos_] (pointing past '\').
    char escape() {
        char c = src_[pos_++];
        switch (c) {
        case 'n': return '\n';
        case 't': return '\t';
        case 'r': return '\r';
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'v': return '\v';
        case 'x': {
            int v = 0, n = 0;
            while (pos_ < src_.size() && n < 2 && hexval(src_[pos_]) >= 0) {
                v = v * 16 + hexval(src_[pos_++]);
                n++;
            }
            return static_cast<char>(v);
        }
        default:
            if (c >= '0' && c <= '7') {
                int v = c - '0', n = 1;
                while (pos_ < src_.size() && n < 3 && src_[pos_] >= '0' && src_[pos_] <= '7') {
                    v = v * 8 + (src_[pos_++] - '0');
                    n++;
                }
                return static_cast<char>(v);
            }
            return c;
        }
    }

    Token number(Loc loc, std::string_view text, size_t& i) {
        Token t;
        t.kind = T::Int;
        t.line = loc.line;
        uint64_t v = 0;
        bool overflow = false;
        size_t begin = i;
        if (text.substr(i, 2) == "0x" || text.substr(i, 2) == "0X") {
            i += 2;
            t.isDecimal = false;
            size_t s = i;
            while (i < text.size() && hexval(text[i]) >= 0) {
                if (v >> 60) overflow = true;
                v = v * 16 + hexval(text[i++]);
            }
            if (i == s) fail(Tag::D_SYNTAX, loc, "syntax error near \"0x\"");
        } else if (text[i] == '0') {
            t.isDecimal = false;
            while (i < text.size() && isdigit(static_cast<unsigned char>(text[i]))) {
                if (text[i] > '7') fail(Tag::D_SYNTAX, loc, "invalid digit in octal constant");
                if (v >> 61) overflow = true;
                v = v * 8 + (text[i++] - '0');
            }
        } else {
            while (i < text.size() && isdigit(static_cast<unsigned char>(text[i]))) {
                uint64_t d = static_cast<uint64_t>(text[i++] - '0');
                if (v > (UINT64_MAX - d) / 10) overflow = true;
                v = v * 10 + d;
            }
        }
        while (i < text.size() && strchr("uUlL", text[i]))
            t.suffix += static_cast<char>(tolower(text[i++]));
        if (i < text.size() && (isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
            fail(Tag::D_SYNTAX, loc, "syntax error near \"{}\"", std::string(1, text[i]));
        if (overflow)
            fail(Tag::D_INT_OFLOW, loc, "integer constant {} cannot be represented by any D type",
                 std::string(text.substr(begin, i - begin)));
        t.value = v;
        return t;
    }

    Token lex() {
        skipSpace();
        Token t;
        t.pos = pos_;
        t.line = lineAt(pos_);
        Loc loc{t.line};
        if (pos_ >= src_.size()) return t;
        char c = src_[pos_];
        if (c == '$') {
            std::string val;
            bool dd;
            macro(val, dd, loc);
            if (dd) {
                t.kind = T::Str;
                t.text = val;
                return t;
            }
            std::string tv = trim(val);
            if (!tv.empty() && (isdigit(static_cast<unsigned char>(tv[0])) || tv[0] == '-')) {
                size_t i = tv[0] == '-' ? 1 : 0;
                size_t j = i;
                Token n = number(loc, tv, j);
                if (j == tv.size()) {
                    if (i == 1) {
                        // A negative argument: an int literal of the negated value.
                        n.value = static_cast<uint64_t>(-static_cast<int64_t>(n.value));
                        n.suffix = "l";
                    }
                    n.pos = t.pos;
                    return n;
                }
            }
            t.kind = T::Ident;
            t.text = tv;
            return t;
        }
        if (isdigit(static_cast<unsigned char>(c))) {
            size_t i = pos_;
            Token n = number(loc, src_, i);
            n.pos = pos_;
            pos_ = i;
            return n;
        }
        if (isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '`') {
            size_t s = pos_;
            while (pos_ < src_.size() &&
                   (isalnum(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '_' ||
                    src_[pos_] == '`'))
                pos_++;
            std::string w(src_.substr(s, pos_ - s));
            size_t bq = w.rfind('`');
            if (bq != std::string::npos) {
                t.kind = T::Ident;
                t.backquote = true;
                t.scope = w.substr(0, bq);
                t.text = w.substr(bq + 1);
                if (t.text.empty()) syntaxError(t);
                return t;
            }
            t.text = w;
            t.kind = kKeywords.count(w) ? T::Keyword : T::Ident;
            return t;
        }
        if (c == '@') {
            size_t s = ++pos_;
            while (pos_ < src_.size() &&
                   (isalnum(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '_'))
                pos_++;
            t.kind = T::Agg;
            t.text = std::string(src_.substr(s, pos_ - s));
            return t;
        }
        if (c == '"') {
            pos_++;
            std::string v;
            for (;;) {
                if (pos_ >= src_.size())
                    fail(Tag::D_SYNTAX, loc, "end-of-file encountered before matching \"");
                char ch = src_[pos_];
                if (ch == '"') {
                    pos_++;
                    break;
                }
                if (ch == '\n') fail(Tag::D_STR_NL, loc, "newline encountered in string literal");
                pos_++;
                if (ch == '\\' && pos_ < src_.size()) {
                    if (src_[pos_] == '\n') {
                        pos_++;
                        continue;
                    }
                    v += escape();
                } else {
                    v += ch;
                }
            }
            t.kind = T::Str;
            t.text = v;
            return t;
        }
        if (c == '\'') {
            pos_++;
            uint64_t v = 0;
            int n = 0;
            for (;;) {
                if (pos_ >= src_.size()) fail(Tag::D_SYNTAX, loc, "end-of-file encountered before matching '");
                char ch = src_[pos_];
                if (ch == '\'') {
                    pos_++;
                    break;
                }
                if (ch == '\n') fail(Tag::D_CHR_NL, loc, "newline encountered in character constant");
                pos_++;
                if (ch == '\\') ch = escape();
                v = (v << 8) | static_cast<unsigned char>(ch);
                n++;
            }
            if (n == 0) fail(Tag::D_CHR_NULL, loc, "empty character constant");
            if (n > 8) fail(Tag::D_CHR_OFLOW, loc, "character constant is too long");
            t.kind = T::Int;
            t.value = n == 1 ? static_cast<uint64_t>(static_cast<signed char>(v)) : v;
            t.isChar = n == 1;
            return t;
        }
        for (const char* p : kPuncts) {
            size_t n = strlen(p);
            if (src_.substr(pos_, n) == p) {
                if (predDepth_ >= 0 && std::strcmp(p, "/") == 0 && parenDepth_ == predDepth_) {
                    pos_ += n;
                    t.kind = T::PredEnd;
                    t.text = "/";
                    return t;
                }
                pos_ += n;
                t.kind = T::Punct;
                t.text = p;
                return t;
            }
        }
        pos_++;
        t.kind = T::Punct;
        t.text = std::string(1, c);
        syntaxError(t);
    }

    // ------------------------------------------------------------ top level

    bool isTypeStart(const Token& t) {
        if (t.kind == T::Keyword)
            return kTypeWords.count(t.text) || t.text == "struct" || t.text == "union" ||
                   t.text == "enum" || t.text == "const" || t.text == "volatile" ||
                   t.text == "userland" || t.text == "restrict";
        if (t.kind == T::Ident) {
            std::string n = t.backquote ? t.scope + "`" + t.text : t.text;
            return typedefs_.count(n) || (opts_.isTypeName && opts_.isTypeName(n));
        }
        return false;
    }

    bool startsDeclaration() {
        size_t save = pos_;
        Token t = lex();
        pos_ = save;
        if (t.kind == T::Keyword) {
            static const std::set<std::string> declWords = {
                "typedef", "inline", "translator", "provider", "self", "this", "extern",
                "static", "register", "auto", "struct", "union", "enum", "const", "volatile"};
            return declWords.count(t.text) || kTypeWords.count(t.text);
        }
        if (t.kind == T::Ident && isTypeStart(t)) {
            // "int_t x;" vs. a probe named like a type: a declaration has an
            // identifier or '*' next.
            size_t s2 = pos_;
            lex();
            Token u = lex();
            pos_ = s2;
            return u.kind == T::Ident || (u.kind == T::Punct && u.text == "*");
        }
        return false;
    }

    std::unique_ptr<DeclSpecifiers> declSpecifiers() {
        auto spec = std::make_unique<DeclSpecifiers>();
        spec->loc = here();
        bool any = false;
        for (;;) {
            Token t = peek();
            if (t.kind == T::Keyword) {
                const std::string& w = t.text;
                if (w == "typedef") spec->storage = StorageClass::Typedef;
                else if (w == "extern") spec->storage = StorageClass::Extern;
                else if (w == "static") spec->storage = StorageClass::Static;
                else if (w == "register") spec->storage = StorageClass::Register;
                else if (w == "auto") spec->storage = StorageClass::Auto;
                else if (w == "self") spec->storage = StorageClass::Self;
                else if (w == "this") spec->storage = StorageClass::This;
                else if (w == "const") spec->isConst = true;
                else if (w == "volatile") spec->isVolatile = true;
                else if (w == "restrict") spec->isRestrict = true;
                else if (w == "userland") {}
                else if (kTypeWords.count(w)) {
                    spec->words.push_back(w);
                    any = true;
                } else if (w == "struct" || w == "union" || w == "enum") {
                    next();
                    spec->tagKind = w;
                    Token n = peek();
                    if (n.kind == T::Ident) {
                        next();
                        spec->tagName = n.backquote ? n.scope + "`" + n.text : n.text;
                    }
                    if (isPunct("{")) tagBody(*spec);
                    else if (spec->tagName.empty()) syntaxError(peek());
                    any = true;
                    continue;
                } else {
                    break;
                }
                next();
                continue;
            }
            if (t.kind == T::Ident && !any && spec->tagKind.empty() && isTypeStart(t)) {
                next();
                spec->words.push_back(t.backquote ? t.scope + "`" + t.text : t.text);
                any = true;
                continue;
            }
            break;
        }
        return spec;
    }

    void tagBody(DeclSpecifiers& spec) {
        expect("{");
        spec.hasBody = true;
        if (spec.tagKind == "enum") {
            while (!isPunct("}")) {
                Token n = next();
                if (n.kind != T::Ident) syntaxError(n);
                Enumerator e;
                e.loc = Loc{n.line};
                e.name = n.text;
                if (accept("=")) e.value = assignment();
                spec.enumerators.push_back(std::move(e));
                if (!accept(",")) break;
            }
            expect("}");
            return;
        }
        while (!isPunct("}")) {
            MemberDecl m;
            m.loc = here();
            m.spec = declSpecifiers();
            do {
                auto d = declarator(false);
                if (accept(":")) d->bitWidth = ternary();
                m.declarators.push_back(std::move(d));
            } while (accept(","));
            expect(";");
            spec.members.push_back(std::move(m));
        }
        expect("}");
    }

    // Declarator (abstract if `abstract`): pointers, a name or a
    // parenthesized declarator, then array/function suffixes.
    std::unique_ptr<Declarator> declarator(bool abstract) {
        auto d = std::make_unique<Declarator>();
        d->loc = here();
        std::vector<Derived> ptrs;
        while (accept("*")) {
            Derived p;
            p.kind = Derived::Kind::Pointer;
            for (;;) {
                Token q = peek();
                if (q.kind == T::Keyword && q.text == "const") p.isConst = true;
                else if (q.kind == T::Keyword && q.text == "volatile") p.isVolatile = true;
                else if (q.kind == T::Keyword && q.text == "restrict") p.isRestrict = true;
                else break;
                next();
            }
            ptrs.push_back(std::move(p));
        }
        std::unique_ptr<Declarator> inner;
        Token t = peek();
        if (t.kind == T::Ident && !abstract) {
            next();
            d->name = t.text;
        } else if (t.kind == T::Punct && t.text == "(") {
            // A parenthesized declarator, unless it is a parameter list.
            size_t save = pos_;
            int depth = parenDepth_;
            next();
            Token u = peek();
            if ((u.kind == T::Punct && (u.text == "*" || u.text == "(")) ||
                (u.kind == T::Ident && !isTypeStart(u) && !abstract)) {
                inner = declarator(abstract);
                expect(")");
            } else {
                unpeek();
                pos_ = save;
                parenDepth_ = depth;
            }
        }
        std::vector<Derived> suffixes;
        for (;;) {
            if (accept("[")) {
                Derived a;
                a.kind = Derived::Kind::Array;
                if (!isPunct("]")) {
                    if (isTypeStart(peek())) {
                        do {
                            a.keyTypes.push_back(typeName());
                        } while (accept(","));
                    } else {
                        a.size = expression();
                    }
                }
                expect("]");
                suffixes.push_back(std::move(a));
            } else if (isPunct("(")) {
                next();
                Derived f;
                f.kind = Derived::Kind::Function;
                if (!isPunct(")")) {
                    for (;;) {
                        if (accept("...")) {
                            f.varargs = true;
                            break;
                        }
                        auto p = std::make_unique<ParamDecl>();
                        p->loc = here();
                        p->spec = declSpecifiers();
                        p->decl = declarator(false);
                        f.params.push_back(std::move(p));
                        if (!accept(",")) break;
                    }
                }
                expect(")");
                if (f.params.size() == 1 && f.params[0]->spec->words.size() == 1 &&
                    f.params[0]->spec->words[0] == "void" && f.params[0]->decl->derived.empty())
                    f.params.clear();
                suffixes.push_back(std::move(f));
            } else {
                break;
            }
        }
        // English order: inner derivations, then suffixes, then pointers
        // (nearest the base type last).
        if (inner) {
            d->name = inner->name;
            for (auto& x : inner->derived) d->derived.push_back(std::move(x));
        }
        for (auto& x : suffixes) d->derived.push_back(std::move(x));
        for (auto it = ptrs.rbegin(); it != ptrs.rend(); ++it) d->derived.push_back(std::move(*it));
        return d;
    }

    std::unique_ptr<TypeName> typeName() {
        auto tn = std::make_unique<TypeName>();
        tn->loc = here();
        tn->spec = declSpecifiers();
        if (tn->spec->words.empty() && tn->spec->tagKind.empty()) syntaxError(peek());
        tn->decl = declarator(true);
        return tn;
    }

    void declaration(Program& prog) {
        Loc loc = here();
        Token t = peek();
        if (t.kind == T::Keyword && t.text == "inline") {
            next();
            auto in = std::make_unique<InlineDef>(loc);
            in->spec = declSpecifiers();
            in->decl = declarator(false);
            expect("=");
            in->value = expression();
            expect(";");
            prog.items.push_back(std::move(in));
            return;
        }
        if (t.kind == T::Keyword && t.text == "translator") {
            next();
            auto tr = std::make_unique<TranslatorDef>(loc);
            tr->output = typeName();
            expect("<");
            tr->input = std::make_unique<TypeName>();
            tr->input->loc = here();
            tr->input->spec = declSpecifiers();
            auto d = declarator(false);
            tr->inputName = d->name;
            tr->input->decl = std::move(d);
            expect(">");
            expect("{");
            while (!isPunct("}")) {
                Token m = next();
                if (m.kind != T::Ident) syntaxError(m);
                TranslatorMember tm;
                tm.loc = Loc{m.line};
                tm.member = m.text;
                expect("=");
                tm.value = assignment();
                expect(";");
                tr->members.push_back(std::move(tm));
            }
            expect("}");
            expect(";");
            prog.items.push_back(std::move(tr));
            return;
        }
        if (t.kind == T::Keyword && t.text == "provider") {
            next();
            auto pv = std::make_unique<ProviderDef>(loc);
            Token n = next();
            if (n.kind != T::Ident) syntaxError(n);
            pv->name = n.text;
            expect("{");
            while (!isPunct("}")) {
                Token kw = next();
                if (kw.kind != T::Keyword || kw.text != "probe") syntaxError(kw);
                ProviderProbe pp;
                pp.loc = Loc{kw.line};
                Token pn = next();
                if (pn.kind != T::Ident) syntaxError(pn);
                pp.name = pn.text;
                auto params = [&](std::vector<std::unique_ptr<ParamDecl>>& out) {
                    expect("(");
                    if (!isPunct(")")) {
                        do {
                            auto p = std::make_unique<ParamDecl>();
                            p->loc = here();
                            p->spec = declSpecifiers();
                            p->decl = declarator(false);
                            out.push_back(std::move(p));
                        } while (accept(","));
                    }
                    expect(")");
                };
                params(pp.args);
                if (accept(":")) params(pp.xargs);
                expect(";");
                pv->probes.push_back(std::move(pp));
            }
            expect("}");
            expect(";");
            prog.items.push_back(std::move(pv));
            return;
        }
        auto decl = std::make_unique<Declaration>(loc);
        decl->spec = declSpecifiers();
        if (!isPunct(";")) {
            do {
                auto d = declarator(false);
                if (d->name.empty()) syntaxError(peek());
                if (decl->spec->storage == StorageClass::Typedef) typedefs_.insert(d->name);
                decl->declarators.push_back(std::move(d));
            } while (accept(","));
        }
        expect(";");
        prog.items.push_back(std::move(decl));
    }

    // ------------------------------------------------------------ clauses

    // Reads one probe description token at pos_ (expanding macros).
    ProbeDesc probeDesc() {
        skipSpace();
        ProbeDesc d;
        d.loc = here();
        std::string text;
        while (pos_ < src_.size()) {
            char c = src_[pos_];
            if (c == '$') {
                std::string v;
                bool dd;
                macro(v, dd, d.loc);
                text += v;
                continue;
            }
            if (isalnum(static_cast<unsigned char>(c)) || strchr("_-.*?[]!:`\\+", c)) {
                if (c == '\\' && pos_ + 1 < src_.size()) text += src_[pos_++];
                text += c;
                pos_++;
                continue;
            }
            break;
        }
        if (text.empty()) {
            Token t = peek();
            syntaxError(t);
        }
        d.text = text;
        std::vector<std::string> f = split(text, ':');
        if (f.size() > 4)
            fail(Tag::D_PDESC_INVAL, d.loc, "invalid probe description \"{}\": Overspecified probe description", text);
        std::string* fields[] = {&d.provider, &d.module, &d.function, &d.name};
        size_t n = f.size();
        for (size_t i = 0; i < n; i++) *fields[4 - n + i] = f[i];
        return d;
    }

    std::unique_ptr<Clause> clause() {
        auto c = std::make_unique<Clause>(here());
        for (;;) {
            c->descs.push_back(probeDesc());
            skipSpace();
            if (pos_ < src_.size() && src_[pos_] == ',') {
                pos_++;
                continue;
            }
            break;
        }
        skipSpace();
        if (pos_ < src_.size() && src_[pos_] == '/') {
            pos_++;
            peeked_ = false;
            predDepth_ = parenDepth_ = 0;
            c->predicate = expression();
            Token t = next();
            predDepth_ = -1;
            if (t.kind != T::PredEnd) {
                if (t.kind == T::Punct && t.text == ")")
                    fail(Tag::D_SYNTAX, Loc{t.line}, "syntax error near \")\"");
                syntaxError(t);
            }
        }
        skipSpace();
        if (pos_ < src_.size() && src_[pos_] == '{') {
            peeked_ = false;
            expect("{");
            statements(c->body);
            expect("}");
        } else if (pos_ < src_.size() && src_[pos_] != ';' && src_[pos_] != '#') {
            // A description list without a body must end the clause.
            size_t save = pos_;
            Token t = lex();
            pos_ = save;
            if (t.kind != T::End && !(t.kind == T::Ident || t.kind == T::Keyword)) syntaxError(t);
            if (t.kind != T::End) syntaxError(t);
        }
        return c;
    }

    void statements(std::vector<StmtPtr>& out) {
        for (;;) {
            while (accept(";")) {}
            if (isPunct("}") || peek().kind == T::End) return;
            StmtPtr s = statement();
            bool isCompound = s->kind == StmtKind::If || s->kind == StmtKind::Block;
            out.push_back(std::move(s));
            if (isCompound) continue;
            if (isPunct("}")) return;
            if (!isPunct(";")) syntaxError(peek());
        }
    }

    StmtPtr statement() {
        Token t = peek();
        Loc loc{t.line};
        if (t.kind == T::Keyword && t.text == "if") {
            next();
            auto s = std::make_unique<IfStmt>(loc);
            expect("(");
            s->cond = expression();
            expect(")");
            s->then = branch();
            Token e = peek();
            if (e.kind == T::Keyword && e.text == "else") {
                next();
                s->otherwise = branch();
            }
            return s;
        }
        if (t.kind == T::Punct && t.text == "{") {
            next();
            auto b = std::make_unique<Block>(loc);
            statements(b->stmts);
            expect("}");
            return b;
        }
        return std::make_unique<ExprStmt>(loc, expression());
    }

    StmtPtr branch() {
        if (isPunct("{")) return statement();
        StmtPtr s = statement();
        if (s->kind == StmtKind::Expr) accept(";");
        return s;
    }

    // ------------------------------------------------------------ expressions

    ExprPtr expression() {
        ExprPtr e = assignment();
        while (isPunct(",")) {
            Token t = next();
            e = std::make_unique<Binary>(Loc{t.line}, BinaryOp::Comma, std::move(e), assignment());
        }
        return e;
    }

    ExprPtr assignment() {
        ExprPtr lhs = ternary();
        Token t = peek();
        if (t.kind != T::Punct) return lhs;
        static const std::pair<const char*, std::optional<BinaryOp>> ops[] = {
            {"=", std::nullopt},         {"+=", BinaryOp::Add},    {"-=", BinaryOp::Sub},
            {"*=", BinaryOp::Mul},       {"/=", BinaryOp::Div},    {"%=", BinaryOp::Mod},
            {"&=", BinaryOp::BitAnd},    {"|=", BinaryOp::BitOr},  {"^=", BinaryOp::BitXor},
            {"<<=", BinaryOp::Shl},      {">>=", BinaryOp::Shr},
        };
        for (const auto& [text, op] : ops) {
            if (t.text == text) {
                next();
                ExprPtr rhs = assignment();
                return std::make_unique<Assign>(Loc{t.line}, op, std::move(lhs), std::move(rhs));
            }
        }
        return lhs;
    }

    ExprPtr ternary() {
        ExprPtr c = binary(0);
        if (!isPunct("?")) return c;
        Token t = next();
        auto e = std::make_unique<Ternary>(Loc{t.line});
        e->cond = std::move(c);
        e->then = assignment();
        expect(":");
        e->otherwise = ternary();
        return e;
    }

    struct BinOpInfo {
        const char* text;
        BinaryOp op;
        int prec;
    };

    ExprPtr binary(int minPrec) {
        static const BinOpInfo ops[] = {
            {"||", BinaryOp::LogOr, 1},   {"^^", BinaryOp::LogXor, 2}, {"&&", BinaryOp::LogAnd, 3},
            {"|", BinaryOp::BitOr, 4},    {"^", BinaryOp::BitXor, 5},  {"&", BinaryOp::BitAnd, 6},
            {"==", BinaryOp::Eq, 7},      {"!=", BinaryOp::Ne, 7},     {"<", BinaryOp::Lt, 8},
            {">", BinaryOp::Gt, 8},       {"<=", BinaryOp::Le, 8},     {">=", BinaryOp::Ge, 8},
            {"<<", BinaryOp::Shl, 9},     {">>", BinaryOp::Shr, 9},    {"+", BinaryOp::Add, 10},
            {"-", BinaryOp::Sub, 10},     {"*", BinaryOp::Mul, 11},    {"/", BinaryOp::Div, 11},
            {"%", BinaryOp::Mod, 11},
        };
        ExprPtr lhs = unary();
        for (;;) {
            Token t = peek();
            if (t.kind != T::Punct) return lhs;
            const BinOpInfo* found = nullptr;
            for (const auto& o : ops)
                if (t.text == o.text) found = &o;
            if (!found || found->prec <= minPrec - 1 || found->prec < minPrec) return lhs;
            next();
            ExprPtr rhs = binary(found->prec + 1);
            lhs = std::make_unique<Binary>(Loc{t.line}, found->op, std::move(lhs), std::move(rhs));
        }
    }

    ExprPtr unary() {
        Token t = peek();
        Loc loc{t.line};
        if (t.kind == T::Punct) {
            static const std::pair<const char*, UnaryOp> ops[] = {
                {"++", UnaryOp::PreInc}, {"--", UnaryOp::PreDec}, {"-", UnaryOp::Neg},
                {"+", UnaryOp::Plus},    {"!", UnaryOp::LogNot},  {"~", UnaryOp::BitNot},
                {"*", UnaryOp::Deref},   {"&", UnaryOp::AddrOf},
            };
            for (const auto& [text, op] : ops)
                if (t.text == text) {
                    next();
                    return std::make_unique<Unary>(loc, op, unary());
                }
            if (t.text == "(") {
                // A cast if a type name follows.
                size_t save = pos_;
                int depth = parenDepth_;
                next();
                Token u = peek();
                if (isTypeStart(u)) {
                    auto c = std::make_unique<Cast>(loc);
                    c->typeName = typeName();
                    expect(")");
                    c->operand = unary();
                    return c;
                }
                unpeek();
                pos_ = save;
                parenDepth_ = depth;
            }
        }
        if (t.kind == T::Keyword && (t.text == "sizeof" || t.text == "stringof")) {
            next();
            bool isSizeof = t.text == "sizeof";
            if (isSizeof && isPunct("(")) {
                size_t save = pos_;
                int depth = parenDepth_;
                next();
                if (isTypeStart(peek())) {
                    auto s = std::make_unique<SizeofType>(loc);
                    s->typeName = typeName();
                    expect(")");
                    return s;
                }
                unpeek();
                pos_ = save;
                parenDepth_ = depth;
            }
            return std::make_unique<Unary>(loc, isSizeof ? UnaryOp::Sizeof : UnaryOp::Stringof,
                                           unary());
        }
        return postfix(primary());
    }

    ExprPtr postfix(ExprPtr e) {
        for (;;) {
            Token t = peek();
            if (t.kind != T::Punct) return e;
            Loc loc{t.line};
            if (t.text == "[") {
                next();
                auto ix = std::make_unique<Index>(loc);
                ix->base = std::move(e);
                if (!isPunct("]")) {
                    do {
                        ix->keys.push_back(assignment());
                    } while (accept(","));
                }
                expect("]");
                e = std::move(ix);
            } else if (t.text == "(") {
                if (e->kind != ExprKind::Ident) syntaxError(t);
                next();
                auto call = std::make_unique<Call>(e->loc);
                call->func = as<Ident>(*e).name;
                if (!isPunct(")")) {
                    do {
                        call->args.push_back(assignment());
                    } while (accept(","));
                }
                expect(")");
                e = std::move(call);
            } else if (t.text == "." || t.text == "->") {
                next();
                Token m = next();
                if (m.kind != T::Ident && m.kind != T::Keyword) syntaxError(m);
                auto mem = std::make_unique<Member>(loc);
                mem->base = std::move(e);
                mem->member = m.text;
                mem->arrow = t.text == "->";
                e = std::move(mem);
            } else if (t.text == "++" || t.text == "--") {
                next();
                e = std::make_unique<Unary>(loc, t.text == "++" ? UnaryOp::PostInc : UnaryOp::PostDec,
                                            std::move(e));
            } else {
                return e;
            }
        }
    }

    ExprPtr primary() {
        Token t = next();
        Loc loc{t.line};
        switch (t.kind) {
        case T::Int: {
            auto e = std::make_unique<IntLit>(loc);
            e->value = t.value;
            e->suffix = t.suffix;
            e->isChar = t.isChar;
            e->isDecimal = t.isDecimal;
            return e;
        }
        case T::Str: {
            auto e = std::make_unique<StrLit>(loc);
            e->value = t.text;
            // Adjacent literals concatenate.
            while (peek().kind == T::Str) e->value += next().text;
            return e;
        }
        case T::Ident: {
            auto e = std::make_unique<Ident>(loc);
            e->name = t.text;
            e->scope = t.scope;
            e->backquote = t.backquote;
            return e;
        }
        case T::Agg: {
            auto e = std::make_unique<AggRef>(loc);
            e->name = t.text;
            return e;
        }
        case T::Keyword:
            if (t.text == "self" || t.text == "this") {
                auto e = std::make_unique<Ident>(loc);
                e->name = t.text;
                return e;
            }
            if (t.text == "offsetof") {
                auto e = std::make_unique<Offsetof>(loc);
                expect("(");
                e->typeName = typeName();
                expect(",");
                Token m = next();
                if (m.kind != T::Ident) syntaxError(m);
                e->member = m.text;
                while (accept(".")) {
                    Token n = next();
                    if (n.kind != T::Ident) syntaxError(n);
                    e->member += "." + n.text;
                }
                expect(")");
                return e;
            }
            if (t.text == "xlate") {
                auto e = std::make_unique<Xlate>(loc);
                expect("<");
                e->typeName = typeName();
                expect(">");
                expect("(");
                e->operand = expression();
                expect(")");
                return e;
            }
            syntaxError(t);
        case T::Punct:
            if (t.text == "(") {
                ExprPtr e = expression();
                Token c = peek();
                if (c.kind == T::PredEnd || (c.kind == T::End))
                    fail(Tag::D_SYNTAX, Loc{c.line}, "closing ) expected in predicate before /");
                expect(")");
                return e;
            }
            syntaxError(t);
        case T::PredEnd:
        case T::End: syntaxError(t);
        }
        syntaxError(t);
    }

    std::string_view src_;
    const ParseOptions& opts_;
    size_t pos_ = 0;
    bool peeked_ = false;
    Token tok_;
    size_t after_ = 0;
    int lineBase_ = 1;
    size_t lineFrom_ = 0;
    int predDepth_ = -1;
    int parenDepth_ = 0;
    std::set<std::string> typedefs_;
    std::vector<bool> argRef_;
};

} // namespace

ParseResult parseProgram(std::string_view text, const ParseOptions& opts) {
    Parser p(text, opts);
    return p.run();
}

} // namespace dt::parse
