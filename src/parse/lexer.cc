// The D lexer: dt_lex.l's rules, written by hand (see lexer.h).
#include "parse/lexer.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace dt::parse {

namespace {

bool isIdentStart(char c) {
    return isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '`';
}
bool isIdentChar(char c) {
    return isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '`';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isXDigit(char c) {
    return isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool isWs(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
// Characters of a probe description (RGX_PSPEC).
bool isPSpecStart(char c) {
    return isalpha(static_cast<unsigned char>(c)) ||
           (c != '\0' && strchr("-$:_.?*\\[]!", c) != nullptr);
}
bool isPSpecChar(char c) {
    return isPSpecStart(c) || isDigit(c) || c == '`';
}

// Keywords in clause/expression context (S0).
const std::set<std::string_view> kCodeKeywords = {
    "auto",     "break",    "case",     "char",   "const",  "continue",   "counter", "default",
    "do",       "double",   "else",     "enum",   "extern", "float",      "for",     "goto",
    "if",       "import",   "inline",   "int",    "long",   "offsetof",   "probe",   "provider",
    "register", "restrict", "return",   "self",   "short",  "signed",     "sizeof",  "static",
    "string",   "stringof", "struct",   "switch", "this",   "translator", "typedef", "union",
    "unsigned", "void",     "volatile", "while",  "xlate",
};

// Keywords recognized at the top level (S2); each switches to code.
const std::set<std::string_view> kOuterKeywords = {
    "auto",     "char",       "const",   "counter", "double",   "enum",     "extern",
    "float",    "import",     "inline",  "int",     "long",     "provider", "register",
    "restrict", "self",       "short",   "signed",  "static",   "string",   "struct",
    "this",     "translator", "typedef", "union",   "unsigned", "void",     "volatile",
};

// DTrace's predefined global identifiers (variables, actions and
// subroutines): id_or_type() returns them as identifiers without peeking.
const std::set<std::string_view> kPredefined = {
    "arg0",
    "arg1",
    "arg2",
    "arg3",
    "arg4",
    "arg5",
    "arg6",
    "arg7",
    "arg8",
    "arg9",
    "args",
    "caller",
    "cpu",
    "curcpu",
    "curlwpsinfo",
    "curpsinfo",
    "curthread",
    "cwd",
    "epid",
    "errno",
    "execargs",
    "execname",
    "gid",
    "id",
    "ipl",
    "pid",
    "ppid",
    "probefunc",
    "probemod",
    "probename",
    "probeprov",
    "root",
    "stackdepth",
    "tid",
    "timestamp",
    "ucaller",
    "uid",
    "uregs",
    "ustackdepth",
    "vtimestamp",
    "walltimestamp",
    "alloca",
    "avg",
    "basename",
    "bcopy",
    "breakpoint",
    "chill",
    "cleanpath",
    "clear",
    "commit",
    "copyin",
    "copyinstr",
    "copyinto",
    "copyout",
    "copyoutstr",
    "count",
    "d_path",
    "denormalize",
    "dirname",
    "discard",
    "exit",
    "freopen",
    "ftruncate",
    "func",
    "getmajor",
    "getminor",
    "htonl",
    "htonll",
    "htons",
    "index",
    "inet_ntoa",
    "inet_ntoa6",
    "inet_ntop",
    "jstack",
    "link_ntop",
    "llquantize",
    "lltostr",
    "lquantize",
    "max",
    "min",
    "mod",
    "msgdsize",
    "msgsize",
    "mutex_owned",
    "mutex_owner",
    "mutex_type_adaptive",
    "mutex_type_spin",
    "normalize",
    "ntohl",
    "ntohll",
    "ntohs",
    "panic",
    "pcap",
    "print",
    "printa",
    "printf",
    "progenyof",
    "quantize",
    "raise",
    "rand",
    "rindex",
    "rw_iswriter",
    "rw_read_held",
    "rw_write_held",
    "setopt",
    "speculate",
    "speculation",
    "stack",
    "stddev",
    "stop",
    "strchr",
    "strjoin",
    "strlen",
    "strrchr",
    "strstr",
    "strtok",
    "substr",
    "sum",
    "sym",
    "system",
    "tolower",
    "toupper",
    "trace",
    "tracemem",
    "trunc",
    "uaddr",
    "ufunc",
    "umod",
    "usym",
    "ustack",
};

// DTrace's strbadidnum(): not an integer (as strtoull reads it) and not an
// identifier.
bool badIdentOrNumber(const std::string& s) {
    if (s.empty()) return true;
    errno = 0;
    char* end = nullptr;
    (void)strtoull(s.c_str(), &end, 0);
    if (errno == 0 && *end == '\0') return false;
    for (char c : s)
        if (!isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '`') return true;
    return false;
}

std::string lowerUL(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '\0' && strchr("uUlL", c))
            out += static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return out;
}

bool validAttributes(const std::string& s) {
    static const char* const stab[] = {"Internal", "Private",  "Obsolete", "External",
                                       "Unstable", "Evolving", "Stable",   "Standard"};
    static const char* const cls[] = {"Unknown", "CPU", "Platform", "Group", "ISA", "Common"};
    std::vector<std::string> parts;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find('/', i);
        if (j == std::string::npos) j = s.size();
        parts.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    if (parts.size() > 3) return false;
    for (size_t k = 0; k < parts.size(); k++) {
        bool ok = false;
        if (k < 2) {
            for (const char* n : stab)
                ok = ok || strcasecmp(n, parts[k].c_str()) == 0;
        } else {
            for (const char* n : cls)
                ok = ok || strcasecmp(n, parts[k].c_str()) == 0;
        }
        if (!ok) return false;
    }
    return true;
}

bool validVersion(const std::string& s) {
    int n[3] = {0, 0, 0};
    int i = 0;
    for (char c : s) {
        if (isDigit(c)) {
            n[i] = n[i] * 10 + (c - '0');
            if (n[i] > 0xfff) return false;
        } else if (c != '.' || i++ >= 2) {
            return false;
        }
    }
    return n[0] <= 0xff && n[1] <= 0xfff && n[2] <= 0xfff;
}

} // namespace

struct CtlItem {
    enum Kind { Ident, Int, Str } kind;
    std::string text; // identifier, decoded string, or the integer's spelling
    uint64_t value = 0;
};

std::string decodeEscapes(std::string_view s, bool charConstant) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        char c = s[i];
        if (c != '\\' || i + 1 >= s.size()) {
            if (c != '\\') out += c;
            continue;
        }
        c = s[++i];
        switch (c) {
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            int v = c - '0';
            for (int n = 1; n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; n++)
                v = v * 8 + (s[++i] - '0');
            out += static_cast<char>(v);
            break;
        }
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'v':
            out += '\v';
            break;
        case 'x': {
            // Only the low byte is kept; unsigned so that a long run of
            // digits wraps instead of overflowing (fuzz finding).
            unsigned v = 0;
            while (i + 1 < s.size() && isXDigit(s[i + 1])) {
                char h = s[++i];
                v = v * 16 + (isDigit(h) ? h - '0' : (tolower(h) - 'a' + 10));
            }
            out += static_cast<char>(v);
            break;
        }
        case '"':
            out += c;
            break;
        case '\\':
        case '\'':
            // As DTrace does (its test suite's expected output): in a
            // character constant \\ is one backslash and \' stays two
            // characters; in a string \' is a quote and \\ stays two.
            // \? is never an escape.
            if ((c == '\\') != charConstant) out += '\\';
            out += c;
            break;
        default:
            out += '\\';
            out += c;
        }
    }
    return out;
}

Lexer::Lexer(std::string_view text, const ParseOptions& opts) : src_(text), opts_(opts) {
    argRef_.assign(opts.macroArgs.size(), false);
    pspec_ = opts.pspec;
}

void Lexer::advance(size_t n) {
    for (size_t i = 0; i < n && pos_ < src_.size(); i++)
        if (src_[pos_++] == '\n') line_++;
}

bool Lexer::atLineStart(size_t p) const {
    while (p > 0) {
        char c = src_[p - 1];
        if (c == '\n') return true;
        if (c != ' ' && c != '\t' && c != '\f' && c != '\v') return false;
        p--;
    }
    return true;
}

std::string Lexer::restOfLine(size_t p) const {
    size_t e = src_.find('\n', p);
    if (e == std::string_view::npos) e = src_.size();
    return std::string(src_.substr(p, e - p));
}

void Lexer::lexError(std::string_view msg, int line) {
    fail(Tag::D_SYNTAX, Loc{line < 0 ? line_ : line}, "{}", msg);
}

bool Lexer::wordFollows(size_t p) const {
    while (!atEnd(p) && isWs(src_[p]))
        p++;
    char c = at(p);
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool Lexer::isType(const std::string& name) const {
    static const std::set<std::string_view> intrinsic = {
        "char", "short", "int", "long", "signed", "unsigned", "float", "double", "void", "string"};
    if (typedefs_.count(name) || intrinsic.count(name)) return true;
    // The program's own types also live in the "D" (and "C") module scopes.
    if ((name.rfind("D`", 0) == 0 || name.rfind("C`", 0) == 0) &&
        (typedefs_.count(name.substr(2)) || intrinsic.count(name.substr(2))))
        return true;
    return opts_.isTypeName && opts_.isTypeName(name);
}

std::vector<std::unique_ptr<ast::Pragma>> Lexer::takePragmas() {
    std::vector<std::unique_ptr<ast::Pragma>> out;
    out.swap(pragmas_);
    return out;
}

// ---------------------------------------------------------------- blanks

void Lexer::comment() {
    // pos_ at "/*"
    advance(2);
    for (;;) {
        if (atEnd(pos_)) {
            // yylineno at EOF
            lexError("end-of-file encountered before matching */");
        }
        if (at(pos_) == '*' && at(pos_ + 1) == '/') {
            advance(2);
            return;
        }
        if (at(pos_) == '/' && at(pos_ + 1) == '*') lexError("/* encountered inside a comment");
        advance();
    }
}

void Lexer::skipSpace() {
    for (;;) {
        if (atEnd(pos_)) return;
        char c = at(pos_);
        if (isWs(c)) {
            advance();
            continue;
        }
        if (c == '/' && at(pos_ + 1) == '*') {
            comment();
            continue;
        }
        // "//" comments (an extension; DTrace needs cpp for them): only
        // after a blank and not as "//*", so "/x/ /* c */" and "/x//*c*/"
        // still end a predicate.
        if (c == '/' && at(pos_ + 1) == '/' && at(pos_ + 2) != '*' &&
            (pos_ == 0 || isWs(src_[pos_ - 1]))) {
            while (!atEnd(pos_) && at(pos_) != '\n')
                advance();
            continue;
        }
        if (c == '#' && atLineStart(pos_)) {
            if (at(pos_ + 1) == '!') {
                while (!atEnd(pos_) && at(pos_) != '\n')
                    advance();
                continue;
            }
            controlLine();
            continue;
        }
        if (c == '\\' && at(pos_ + 1) == '\n' && mode_ == Mode::Code) {
            advance(2);
            continue;
        }
        return;
    }
}

// ---------------------------------------------------------------- control lines

void Lexer::controlLine() {
    int ctlLine = line_;
    advance(); // '#'
    std::vector<CtlItem> items;
    for (;;) {
        while (!atEnd(pos_) && strchr(" \t\f\v\r", at(pos_)) && at(pos_) != '\0')
            advance();
        if (atEnd(pos_)) lexError("end-of-file encountered before end of control line");
        char c = at(pos_);
        if (c == '\n') {
            advance();
            break;
        }
        if (c == '"') {
            size_t p = pos_ + 1;
            for (;;) {
                if (atEnd(p)) lexError("syntax error near \"\"\"");
                char d = src_[p];
                if (d == '"') break;
                if (d == '\n') {
                    advance(p - pos_ + 1);
                    fail(Tag::D_STR_NL, Loc{line_}, "newline encountered in string literal");
                }
                if (d == '\\') {
                    if (atEnd(p + 1) || src_[p + 1] == '\n') lexError("syntax error near \"\"\"");
                    p += 2;
                    continue;
                }
                p++;
            }
            std::string raw(src_.substr(pos_ + 1, p - pos_ - 1));
            std::string v = decodeEscapes(raw);
            if (size_t z = v.find('\0'); z != std::string::npos) v.resize(z);
            items.push_back({CtlItem::Str, v, 0});
            advance(p + 1 - pos_);
            continue;
        }
        size_t run = pos_;
        // (strchr finds the terminator too, so a NUL byte needs its own test)
        while (!atEnd(run) && (src_[run] == '\0' || !strchr(" \t\f\v\r\n\"", src_[run])))
            run++;
        size_t intEnd = pos_;
        if (at(pos_) == '0' && (at(pos_ + 1) == 'x' || at(pos_ + 1) == 'X') &&
            isXDigit(at(pos_ + 2))) {
            intEnd = pos_ + 2;
            while (isXDigit(at(intEnd)))
                intEnd++;
        } else {
            while (isDigit(at(intEnd)))
                intEnd++;
        }
        if (intEnd > pos_) {
            if (at(intEnd) == 'u' || at(intEnd) == 'U') intEnd++;
            if (at(intEnd) == 'l' || at(intEnd) == 'L') intEnd++;
            if (at(intEnd) == 'l' || at(intEnd) == 'L') intEnd++;
        }
        if (intEnd > pos_ && intEnd >= run) {
            size_t start = pos_;
            Token t = number(true);
            (void)start;
            items.push_back({CtlItem::Int, t.errText, t.value});
            continue;
        }
        items.push_back({CtlItem::Ident, std::string(src_.substr(pos_, run - pos_)), 0});
        advance(run - pos_);
    }
    applyControl(items.data(), items.size(), ctlLine);
}

void Lexer::applyControl(CtlItem* items, size_t n, int ctlLine) {
    enum { DIR, SUB, DCP } kind = DIR;
    auto lineDirective = [&](CtlItem* d, size_t cnt, int errLine) {
        bool ok = cnt >= 1 && d[0].kind == CtlItem::Int;
        if (ok && cnt >= 2 && d[1].kind != CtlItem::Str) ok = false;
        for (size_t i = 2; ok && i < cnt; i++)
            if (d[i].kind != CtlItem::Int) ok = false;
        if (!ok)
            fail(Tag::D_PRAGMA_MALFORM, Loc{errLine},
                 "malformed #line <line> [ [\"file\"] state ]");
        line_ = static_cast<int>(d[0].value);
    };
    for (size_t i = 0; i < n; i++) {
        CtlItem& it = items[i];
        if (it.kind == CtlItem::Int) {
            lineDirective(items + i, n - i, line_);
            return;
        }
        if (it.kind != CtlItem::Ident)
            fail(Tag::D_PRAGCTL_INVAL, Loc{line_}, "invalid control directive");
        if (kind == DIR && it.text == "pragma") {
            kind = SUB;
            continue;
        }
        if (kind == SUB && it.text == "D") {
            kind = DCP;
            continue;
        }
        CtlItem* rest = items + i + 1;
        size_t nrest = n - i - 1;
        Loc loc{ctlLine};
        const std::string& name = it.text;
        auto pragma = [&]() {
            auto p = std::make_unique<ast::Pragma>(loc);
            p->words.push_back(name);
            for (size_t k = 0; k < nrest; k++)
                p->words.push_back(rest[k].text);
            pragmas_.push_back(std::move(p));
        };
        if (kind == DCP && name == "attributes") {
            if (nrest < 2 || rest[0].kind != CtlItem::Ident || rest[1].kind != CtlItem::Ident)
                fail(Tag::D_PRAGMA_MALFORM, loc,
                     "malformed #pragma attributes <attributes> <ident>");
            if (!validAttributes(rest[0].text))
                fail(Tag::D_PRAGMA_INVAL, loc,
                     "invalid attributes specified by #pragma attributes");
            pragma();
        } else if (kind == DCP && name == "binding") {
            if (nrest < 2 || rest[0].kind != CtlItem::Str || rest[1].kind != CtlItem::Ident)
                fail(Tag::D_PRAGMA_MALFORM, loc, "malformed #pragma binding \"version\" <ident>");
            if (!validVersion(rest[0].text))
                fail(Tag::D_PRAGMA_INVAL, loc,
                     "invalid version string specified by #pragma binding");
            pragma();
        } else if (kind == DCP && name == "depends_on") {
            if (nrest < 2 || rest[0].kind != CtlItem::Ident || rest[1].kind != CtlItem::Ident)
                fail(Tag::D_PRAGMA_MALFORM, loc, "malformed #pragma depends_on <class> <name>");
            const std::string& cls = rest[0].text;
            if (cls != "provider" && cls != "module" && cls != "library")
                fail(Tag::D_PRAGMA_INVAL, loc, "invalid class {} specified by #pragma depends_on",
                     cls);
            if (cls == "library" && !opts_.library)
                fail(Tag::D_PRAGMA_DEPEND, loc,
                     "main program may not explicitly depend on a library");
            pragma();
        } else if (name == "error") {
            std::string msg;
            for (size_t k = 0; k < nrest; k++)
                if (rest[k].kind != CtlItem::Int) msg += rest[k].text + " ";
            fail(Tag::D_PRAGERR, loc, "#error: {}", msg);
        } else if (name == "ident") {
            // ignored
        } else if (name == "line") {
            lineDirective(rest, nrest, ctlLine);
            line_++;
        } else if (kind == DCP && name == "option") {
            if (nrest < 1 || rest[0].kind != CtlItem::Ident)
                fail(Tag::D_PRAGMA_MALFORM, loc, "malformed #pragma option <option>=<val>");
            if (nrest > 1)
                fail(Tag::D_PRAGMA_MALFORM, loc,
                     "superfluous arguments specified for #pragma option");
            if (rest[0].text == "pspec") pspec_ = true;
            pragma();
        } else if (kind == DIR) {
            fail(Tag::D_PRAGCTL_INVAL, loc, "invalid control directive: #{}", name);
        } else if (kind == DCP) {
            fail(Tag::D_PRAGMA_INVAL, loc, "invalid D pragma: {}", name);
        }
        return; // unknown "#pragma foo" is ignored (K&R A12.8)
    }
}

// ---------------------------------------------------------------- tokens

Token Lexer::next() {
    skipSpace();
    if (atEnd(pos_)) {
        Token t;
        t.kind = TokKind::End;
        t.pos = pos_;
        t.line = line_;
        sidentNext_ = false;
        return t;
    }
    Token t = mode_ == Mode::Outer ? outerToken() : codeToken();
    t.line = line_;
    return t;
}

Token Lexer::number(bool outer) {
    size_t p = pos_;
    size_t intEnd = p;
    if (at(p) == '0' && (at(p + 1) == 'x' || at(p + 1) == 'X') && isXDigit(at(p + 2))) {
        intEnd = p + 2;
        while (isXDigit(at(intEnd)))
            intEnd++;
    } else {
        while (isDigit(at(intEnd)))
            intEnd++;
    }
    if (intEnd > p) {
        if (at(intEnd) == 'u' || at(intEnd) == 'U') intEnd++;
        if (at(intEnd) == 'l' || at(intEnd) == 'L') intEnd++;
        if (at(intEnd) == 'l' || at(intEnd) == 'L') intEnd++;
    }
    if (!outer) {
        // RGX_FP: a longer floating-point match is an error.
        size_t f = p;
        if (isDigit(at(f))) {
            while (isDigit(at(f)))
                f++;
            if (at(f) == '.') f++;
            while (isDigit(at(f)))
                f++;
        } else if (at(f) == '.' && isDigit(at(f + 1))) {
            f++;
            while (isDigit(at(f)))
                f++;
        }
        if (f > p) {
            size_t e = f;
            if (at(e) == 'e' || at(e) == 'E') {
                e++;
                if (at(e) == '+' || at(e) == '-') e++;
                if (isDigit(at(e))) {
                    while (isDigit(at(e)))
                        e++;
                    f = e;
                }
            }
            if (strchr("fFlL", at(f)) && at(f) != '\0') f++;
        }
        if (f > intEnd) {
            advance(f - p);
            lexError("floating-point constants are not permitted");
        }
    }
    std::string text(src_.substr(p, intEnd - p));
    advance(intEnd - p);
    Token t;
    t.kind = TokKind::Int;
    t.pos = p;
    t.errText = text;
    errno = 0;
    char* end = nullptr;
    t.value = strtoull(text.c_str(), &end, 0);
    if (errno == ERANGE)
        fail(Tag::D_INT_OFLOW, Loc{line_}, "constant {} results in integer overflow", text);
    if (*end != '\0' && !strchr("uUlL", *end))
        fail(Tag::D_INT_DIGIT, Loc{line_}, "constant {} contains invalid digit {}", text, *end);
    t.suffix = lowerUL(end);
    t.isDecimal = text[0] != '0';
    return t;
}

Token Lexer::stringLit() {
    size_t start = pos_;
    size_t p = pos_ + 1;
    for (;;) {
        if (atEnd(p)) {
            advance();
            lexError("syntax error near \"\"\"");
        }
        char d = src_[p];
        if (d == '"') break;
        if (d == '\n') {
            advance(p - pos_ + 1);
            fail(Tag::D_STR_NL, Loc{line_}, "newline encountered in string literal");
        }
        if (d == '\\') {
            if (atEnd(p + 1) || src_[p + 1] == '\n') {
                advance();
                lexError("syntax error near \"\"\"");
            }
            p += 2;
            continue;
        }
        p++;
    }
    Token t;
    t.kind = TokKind::Str;
    t.pos = start;
    t.errText = std::string(src_.substr(start, p + 1 - start));
    t.text = decodeEscapes(src_.substr(start + 1, p - start - 1));
    if (size_t z = t.text.find('\0'); z != std::string::npos) t.text.resize(z);
    advance(p + 1 - start);
    return t;
}

Token Lexer::charLit() {
    size_t start = pos_;
    size_t p = pos_ + 1;
    for (;;) {
        if (atEnd(p)) {
            advance();
            lexError("syntax error near \"'\"");
        }
        char d = src_[p];
        if (d == '\'') break;
        if (d == '\n') {
            advance(p - pos_ + 1);
            fail(Tag::D_CHR_NL, Loc{line_}, "newline encountered in character constant");
        }
        if (d == '\\') {
            if (atEnd(p + 1) || src_[p + 1] == '\n') {
                advance();
                lexError("syntax error near \"'\"");
            }
            p += 2;
            continue;
        }
        p++;
    }
    advance(p + 1 - start);
    if (p == start + 1) fail(Tag::D_CHR_NULL, Loc{line_}, "empty character constant");
    std::string bytes = decodeEscapes(src_.substr(start + 1, p - start - 1), true);
    if (bytes.size() > 8) fail(Tag::D_CHR_OFLOW, Loc{line_}, "character constant is too long");
    Token t;
    t.kind = TokKind::Int;
    t.pos = start;
    for (unsigned char b : bytes)
        t.value = (t.value << 8) | b;
    t.isChar = bytes.size() == 1;
    t.isDecimal = true;
    std::string shown = bytes.substr(0, bytes.find('\0'));
    t.errText = "'" + shown;
    return t;
}

Token Lexer::outerToken() {
    size_t start = pos_;
    char c = at(pos_);
    Token t;
    t.pos = start;
    if (isDigit(c)) return number(true);
    if (isPSpecStart(c)) {
        size_t p = pos_;
        while (!atEnd(p) && isPSpecChar(src_[p]))
            p++;
        std::string word(src_.substr(start, p - start));
        if (kOuterKeywords.count(word)) {
            advance(p - start);
            t.kind = TokKind::Keyword;
            t.text = t.errText = word;
            mode_ = Mode::Code;
            if (word == "struct" || word == "union" || word == "enum") souType_ = true;
            return t;
        }
        if (!pspec_ && word.find_first_of(":-.?!`") == std::string::npos && word != "BEGIN" &&
            word != "END" && word != "ERROR") {
            size_t star = word.find('*');
            std::string pruned =
                star != std::string::npos && star > 0 ? word.substr(0, star) : word;
            if (isType(pruned) || (star == std::string::npos && wordFollows(p) &&
                                   opts_.isKernelTypeName && opts_.isKernelTypeName(pruned))) {
                advance(pruned.size());
                t.kind = TokKind::TypeName;
                t.text = t.errText = pruned;
                mode_ = Mode::Code;
                return t;
            }
        }
        advance(p - start);
        t.kind = TokKind::PSpec;
        t.text = t.errText = word;
        return t;
    }
    if (c == '/' || c == ',' || c == '{') {
        advance();
        if (c == '{') braces_++;
        t.kind = TokKind::Punct;
        t.text = t.errText = std::string(1, c);
        return t;
    }
    advance();
    lexError(format("syntax error near \"{}\"", c));
}

Token Lexer::identOrType(Token t, size_t start) {
    // t.text holds the whole word; split the backquote scope off.
    std::string word = t.text;
    size_t bq = word.rfind('`');
    if (bq != std::string::npos) {
        t.backquote = true;
        t.scope = word.substr(0, bq);
        t.text = word.substr(bq + 1);
    }
    t.kind = TokKind::Ident;
    if (souType_) {
        souType_ = false;
        t.kind = TokKind::TypeName;
        return t;
    }
    if (known_.count(word) || kPredefined.count(word)) return t;
    // DTrace peeks at the next character (which, through flex's unput,
    // leaves the rest of the line in yytext for error messages).
    t.errText = restOfLine(start);
    size_t p = pos_;
    while (!atEnd(p) && isWs(src_[p]))
        p++;
    char c0 = at(p), c1 = at(p + 1);
    bool ident = false;
    switch (c0) {
    case '+':
    case '-':
        ident = c1 == c0;
        break;
    case '=':
        ident = c1 != '=';
        break;
    case '[':
    case ';':
        ident = true;
        break;
    case ',':
        ident = parens_ == 0;
        break;
    case '>':
        ident = xlatorInput;
        break;
    default:
        break;
    }
    if (ident) {
        if (!declTypedef) known_.insert(word);
        return t;
    }
    // A kernel typedef is a type where a declaration or a cast has one:
    // before another word, or alone in parentheses ("(uint)-1", "(u32 *)p").
    size_t b = start;
    while (b > 0 && isWs(src_[b - 1]))
        b--;
    bool castLike = b > 0 && src_[b - 1] == '(' && (c0 == ')' || c0 == '*');
    bool kernelType = !declTyped && (wordFollows(pos_) || castLike) && opts_.isKernelTypeName &&
                      opts_.isKernelTypeName(word);
    if ((!isType(word) && !kernelType) || declTyped) return t;
    t.kind = TokKind::TypeName;
    return t;
}

Token Lexer::macro() {
    size_t start = pos_;
    Token t;
    t.pos = start;
    auto undefined = [&](const std::string& what, const std::string& yytext) {
        fail(Tag::D_MACRO_UNDEF, Loc{line_}, "macro {} {} is not defined", what, yytext);
    };
    auto named = [&](const std::string& name) -> std::optional<int64_t> {
        std::optional<std::string> v = opts_.namedMacro ? opts_.namedMacro(name) : std::nullopt;
        if (!v && name == "target") v = "0"; // $target is 0 without -c/-p
        if (!v) return std::nullopt;
        return static_cast<int64_t>(static_cast<int>(strtoll(v->c_str(), nullptr, 0)));
    };
    bool dd = at(pos_ + 1) == '$';
    size_t p = pos_ + (dd ? 2 : 1);
    if (isDigit(at(p))) {
        size_t e = p;
        while (isDigit(at(e)))
            e++;
        std::string yytext(src_.substr(start, e - start));
        advance(e - start);
        t.errText = yytext;
        unsigned long n = strtoul(yytext.c_str() + (dd ? 2 : 1), nullptr, 10);
        size_t argc = opts_.macroArgs.size();
        if (n >= argc && !opts_.defaultArgs) undefined("argument", yytext);
        std::string v;
        if (n < argc) {
            v = opts_.macroArgs[n];
            argRef_[n] = true;
        } else {
            v = dd ? "" : "0";
        }
        if (dd) {
            t.kind = TokKind::Str;
            t.text = decodeEscapes(v);
            if (size_t z = t.text.find('\0'); z != std::string::npos) t.text.resize(z);
            return t;
        }
        bool sident = sidentNext_;
        sidentNext_ = false;
        if (badIdentOrNumber(v)) {
            if (v.size() != 1 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            t.kind = TokKind::Str;
            t.text = decodeEscapes(v);
            if (size_t z = t.text.find('\0'); z != std::string::npos) t.text.resize(z);
            return t;
        }
        if (isDigit(v[0]) || v[0] == '-' || v[0] == '+') {
            std::string digits = v;
            if (!isDigit(v[0])) {
                t.sign = v[0];
                digits = v.substr(1);
            }
            errno = 0;
            char* end = nullptr;
            t.kind = TokKind::Int;
            t.value = strtoull(digits.c_str(), &end, 0);
            t.suffix = lowerUL(end);
            t.isDecimal = digits.empty() || digits[0] != '0';
            if (errno == ERANGE)
                fail(Tag::D_MACRO_OFLOW, Loc{line_},
                     "macro argument {} constant {} results in integer overflow", yytext, digits);
            return t;
        }
        t.text = v;
        if (sident) {
            size_t bq = v.rfind('`');
            t.kind = TokKind::Ident;
            if (bq != std::string::npos) {
                t.backquote = true;
                t.scope = v.substr(0, bq);
                t.text = v.substr(bq + 1);
            }
            return t;
        }
        return identOrType(t, start);
    }
    if (isIdentStart(at(p)) && at(p) != '`') {
        size_t e = p;
        while (isIdentChar(at(e)))
            e++;
        std::string yytext(src_.substr(start, e - start));
        std::string name(src_.substr(p, e - p));
        advance(e - start);
        sidentNext_ = false;
        t.errText = yytext;
        std::optional<int64_t> v = named(name);
        if (!v) undefined("variable", yytext);
        if (dd) {
            t.kind = TokKind::Str;
            t.text = std::to_string(static_cast<uint32_t>(*v));
            return t;
        }
        t.kind = TokKind::Int;
        t.value = static_cast<uint64_t>(*v);
        t.isDecimal = true;
        return t;
    }
    advance();
    lexError("syntax error near \"$\"");
}

Token Lexer::codeToken() {
    size_t start = pos_;
    char c = at(pos_);
    Token t;
    t.pos = start;
    bool sident = sidentNext_;
    if (c == '$') return macro();
    sidentNext_ = false;
    if (isIdentStart(c)) {
        size_t p = pos_;
        while (!atEnd(p) && isIdentChar(src_[p]))
            p++;
        std::string word(src_.substr(start, p - start));
        advance(p - start);
        t.text = t.errText = word;
        if (sident) {
            t.kind = TokKind::Ident;
            size_t bq = word.rfind('`');
            if (bq != std::string::npos) {
                t.backquote = true;
                t.scope = word.substr(0, bq);
                t.text = word.substr(bq + 1);
            }
            return t;
        }
        if (kCodeKeywords.count(word)) {
            t.kind = TokKind::Keyword;
            if (word == "struct" || word == "union" || word == "enum") souType_ = true;
            return t;
        }
        return identOrType(t, start);
    }
    if (c == '@') {
        size_t p = pos_ + 1;
        if (isalpha(static_cast<unsigned char>(at(p))) || at(p) == '_')
            while (!atEnd(p) && (isalnum(static_cast<unsigned char>(src_[p])) || src_[p] == '_'))
                p++;
        t.kind = TokKind::Agg;
        t.errText = std::string(src_.substr(start, p - start));
        t.text = t.errText.substr(1);
        advance(p - start);
        return t;
    }
    if (isDigit(c) || (c == '.' && isDigit(at(pos_ + 1)))) return number(false);
    if (c == '"') return stringLit();
    if (c == '\'') return charLit();

    static const char* const puncts[] = {
        "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
        "&&",  "||",  "^^",  "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "(",
        ")",   "[",   "]",   "{",  "}",  ",",  ";",  ":",  "?",  "=",  "+",  "-",
        "*",   "/",   "%",   "<",  ">",  "!",  "~",  "&",  "|",  "^",  ".",
    };
    for (const char* op : puncts) {
        size_t n = strlen(op);
        if (src_.substr(pos_, n) != op) continue;
        std::string s(op);
        t.kind = TokKind::Punct;
        t.text = t.errText = s;
        if (s == "/") {
            // A predicate ends at a '/' followed by ';', '{', '/' or the end.
            bool wsNext = isWs(at(pos_ + 1));
            advance();
            while (!atEnd(pos_) && isWs(at(pos_)))
                advance();
            char d = at(pos_);
            if (atEnd(pos_) || d == ';' || d == '{' || d == '/') {
                if (parens_ != 0) lexError("closing ) expected in predicate before /");
                if (brackets_ != 0) lexError("closing ] expected in predicate before /");
                t.kind = TokKind::EPred;
            }
            if (!wsNext) t.errText = restOfLine(start);
            return t;
        }
        advance(n);
        if (s == "(") {
            parens_++;
            souType_ = false;
        } else if (s == ")") {
            if (--parens_ < 0) lexError("extra ) in input stream");
            souType_ = false;
        } else if (s == "[") {
            brackets_++;
        } else if (s == "]") {
            if (--brackets_ < 0) lexError("extra ] in input stream");
        } else if (s == "{") {
            braces_++;
            souType_ = false;
        } else if (s == "}") {
            if (--braces_ < 0) lexError("extra } in input stream");
        } else if (s == "<" || s == ">") {
            souType_ = false;
        } else if (s == "." || s == "->") {
            sidentNext_ = true;
        }
        return t;
    }
    advance();
    if (c == '\0') lexError("syntax error near end-of-input");
    lexError(format("syntax error near \"{}\"", c));
}

} // namespace dt::parse
