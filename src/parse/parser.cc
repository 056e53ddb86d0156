// A recursive-descent parser for D, following DTrace's grammar
// (dt_grammar.y) rule for rule so that errors are reported at the same token
// with the same text.  Expressions use C's precedence plus D's "^^".
//
// Node locations follow DTrace's convention: a node's line is the lexer's
// line when the node is built, i.e. once the token after it has been read
// when the grammar needs that token to end the construct.
#include "parse/parser.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

#include "parse/lexer.h"
#include "util/strutil.h"

namespace dt::parse {

using namespace ast;

namespace {

bool isStorageWord(std::string_view w) {
    return w == "auto" || w == "register" || w == "static" || w == "extern" || w == "typedef";
}
bool isQualifierWord(std::string_view w) {
    return w == "const" || w == "volatile" || w == "restrict";
}
bool isTypeWord(std::string_view w) {
    return w == "void" || w == "char" || w == "short" || w == "int" || w == "long" ||
           w == "float" || w == "double" || w == "signed" || w == "unsigned" || w == "string";
}
// Words that name a type by themselves (DTrace's dt_decl_spec(), as opposed
// to the attributes short/long/signed/unsigned).
bool namesType(std::string_view w) {
    return w == "void" || w == "char" || w == "int" || w == "float" || w == "double" ||
           w == "string";
}

class Parser {
  public:
    Parser(std::string_view text, const ParseOptions& o) : lex_(text, o), opts_(o) {}

    ParseResult run() {
        auto prog = std::make_unique<Program>();
        for (;;) {
            lex_.setMode(Lexer::Mode::Outer);
            resetDecl();
            const Token& t = peek();
            flush(*prog);
            if (t.kind == TokKind::End) break;
            std::unique_ptr<TopLevel> item = external();
            if (opts_.declared && (item->kind == TopKind::Decl || item->kind == TopKind::Inline ||
                                   item->kind == TopKind::Translator))
                opts_.declared(*item);
            flush(*prog);
            prog->items.push_back(std::move(item));
        }
        ParseResult r;
        r.program = std::move(prog);
        r.argReferenced = lex_.argReferenced();
        return r;
    }

  private:
    // ------------------------------------------------------------ tokens

    const Token& peek() {
        if (!peeked_) {
            tok_ = lex_.next();
            peeked_ = true;
        }
        return tok_;
    }
    Token take() {
        peek();
        peeked_ = false;
        return tok_;
    }
    Loc cur() const { return Loc{lex_.line()}; }

    [[noreturn]] void syntaxError(const Token& t) {
        if (t.kind == TokKind::End)
            fail(Tag::D_SYNTAX, Loc{t.line}, "syntax error near end of input");
        std::string s = t.errText;
        if (size_t nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
        if (s.empty()) fail(Tag::D_SYNTAX, Loc{t.line}, "syntax error near end of input");
        fail(Tag::D_SYNTAX, Loc{t.line}, "syntax error near \"{}\"", s);
    }
    bool isPunct(std::string_view p) { return peek().punct(p); }
    bool isKeyword(std::string_view k) { return peek().keyword(k); }
    bool accept(std::string_view p) {
        if (!isPunct(p)) return false;
        take();
        return true;
    }
    Token expect(std::string_view p) {
        if (!isPunct(p)) syntaxError(peek());
        return take();
    }

    // Nesting limits, so that deep input fails with an error instead of
    // exhausting the stack here or in the passes that recurse over the AST
    // (fuzz finding: 2,000 nested parentheses).
    static constexpr int kMaxNesting = 256;
    static constexpr int kMaxChain = 1000;
    struct Nest {
        Parser& p;
        Nest(Parser& parser) : p(parser) {
            if (++p.depth_ > kMaxNesting)
                fail(Tag::D_SYNTAX, Loc{p.lex_.line()}, "program is nested too deeply");
        }
        ~Nest() { p.depth_--; }
    };

    void flush(Program& prog) {
        for (auto& p : lex_.takePragmas())
            prog.items.push_back(std::move(p));
    }

    void resetDecl() {
        lex_.declTyped = false;
        lex_.declTypedef = false;
        lex_.xlatorInput = false;
    }

    // ------------------------------------------------------------ top level

    std::unique_ptr<TopLevel> external() {
        const Token& t = peek();
        if (t.keyword("inline")) return inlineDef();
        if (t.keyword("translator")) return translatorDef();
        if (t.keyword("provider")) return providerDef();
        if (t.kind == TokKind::Keyword || t.kind == TokKind::TypeName) return declaration();
        if (t.kind == TokKind::PSpec || t.kind == TokKind::Int) return clause();
        syntaxError(t);
    }

    std::unique_ptr<TopLevel> declaration() {
        auto decl = std::make_unique<Declaration>(cur());
        decl->spec = declSpecifiers(true, true);
        if (!accept(";")) {
            for (;;) {
                auto d = declarator(DeclMode::Named);
                registerDeclarator(*decl->spec, *d);
                decl->declarators.push_back(std::move(d));
                if (accept(",")) continue;
                break;
            }
            expect(";");
        }
        decl->loc = decl->declarators.empty() ? decl->spec->loc : decl->declarators[0]->loc;
        return decl;
    }

    void registerDeclarator(const DeclSpecifiers& spec, const Declarator& d) {
        if (d.name.empty()) return;
        if (spec.storage == StorageClass::Typedef)
            lex_.addTypedef(d.name);
        else if (spec.storage != StorageClass::Self && spec.storage != StorageClass::This)
            lex_.addGlobal(d.name);
    }

    std::unique_ptr<TopLevel> inlineDef() {
        Token kw = take();
        auto in = std::make_unique<InlineDef>(Loc{kw.line});
        in->spec = declSpecifiers(true, true);
        in->decl = declarator(DeclMode::Named);
        in->loc = in->decl->loc;
        lex_.addGlobal(in->decl->name);
        if (!isPunct("=")) syntaxError(peek());
        take();
        resetDecl(); // DTrace pushes a new declaration scope here
        in->value = assignment();
        expect(";");
        return in;
    }

    std::unique_ptr<TopLevel> translatorDef() {
        Token kw = take();
        auto tr = std::make_unique<TranslatorDef>(Loc{kw.line});
        tr->output = typeName();
        expect("<");
        lex_.xlatorInput = true;
        tr->input = typeName();
        Token n = peek();
        if (n.kind != TokKind::Ident) syntaxError(n);
        take();
        tr->inputName = n.fullName();
        expect(">");
        lex_.xlatorInput = false;
        expect("{");
        if (isPunct("}")) {
            take();
        } else {
            do {
                Token m = peek();
                if (m.kind != TokKind::Ident) syntaxError(m);
                take();
                TranslatorMember tm;
                tm.member = m.text;
                expect("=");
                tm.value = assignment();
                expect(";");
                tm.loc = cur();
                tr->members.push_back(std::move(tm));
            } while (!isPunct("}"));
            take();
        }
        expect(";");
        tr->loc = cur();
        return tr;
    }

    std::vector<std::unique_ptr<ParamDecl>> probeParams() {
        expect("(");
        Derived f;
        paramList(f, ")");
        expect(")");
        return std::move(f.params);
    }

    std::unique_ptr<TopLevel> providerDef() {
        Token kw = take();
        auto pv = std::make_unique<ProviderDef>(Loc{kw.line});
        Token n = peek();
        if (n.kind != TokKind::Ident) syntaxError(n);
        take();
        pv->name = n.text;
        expect("{");
        if (isPunct("}")) {
            take();
        } else {
            do {
                Token p = peek();
                if (!p.keyword("probe")) syntaxError(p);
                take();
                ProviderProbe pp;
                pp.loc = Loc{p.line};
                Token pn = peek();
                if (pn.kind != TokKind::Ident) syntaxError(pn);
                take();
                pp.name = pn.text;
                pp.args = probeParams();
                if (accept(":")) pp.xargs = probeParams();
                expect(";");
                pv->probes.push_back(std::move(pp));
            } while (!isPunct("}"));
            take();
        }
        expect(";");
        return pv;
    }

    // ------------------------------------------------------------ declarations

    // Does `t` start declaration specifiers (of a parameter: no self/this)?
    static bool startsSpecifiers(const Token& t, bool dstorage) {
        if (t.kind == TokKind::TypeName) return true;
        if (t.kind != TokKind::Keyword) return false;
        const std::string& w = t.text;
        return isStorageWord(w) || isQualifierWord(w) || isTypeWord(w) || w == "struct" ||
               w == "union" || w == "enum" || (dstorage && (w == "self" || w == "this"));
    }
    // Does `t` start a type name (specifier-qualifier list)?
    static bool startsTypeName(const Token& t) {
        if (t.kind == TokKind::TypeName) return true;
        if (t.kind != TokKind::Keyword) return false;
        const std::string& w = t.text;
        return isQualifierWord(w) || isTypeWord(w) || w == "struct" || w == "union" || w == "enum";
    }

    // declaration_specifiers (storage: auto..typedef; dstorage: self/this) or
    // specifier_qualifier_list (neither).  At least one is required.
    std::unique_ptr<DeclSpecifiers> declSpecifiers(bool storage, bool dstorage) {
        auto spec = std::make_unique<DeclSpecifiers>();
        spec->loc = cur();
        bool any = false;
        for (;;) {
            const Token& t = peek();
            if (t.kind == TokKind::TypeName) {
                checkCombination(*spec, t.fullName(), t.line);
                spec->words.push_back(t.fullName());
                take();
                lex_.declTyped = true;
                any = true;
                continue;
            }
            if (t.kind != TokKind::Keyword) break;
            std::string w = t.text;
            StorageClass sc = StorageClass::None;
            if (storage && w == "auto")
                sc = StorageClass::Auto;
            else if (storage && w == "register")
                sc = StorageClass::Register;
            else if (storage && w == "static")
                sc = StorageClass::Static;
            else if (storage && w == "extern")
                sc = StorageClass::Extern;
            else if (storage && w == "typedef")
                sc = StorageClass::Typedef;
            else if (dstorage && w == "self")
                sc = StorageClass::Self;
            else if (dstorage && w == "this")
                sc = StorageClass::This;
            if (sc != StorageClass::None) {
                Token k = take();
                if (spec->storage != StorageClass::None)
                    fail(Tag::D_DECL_CLASS, Loc{k.line},
                         "only a single storage class may be specified in a declaration");
                spec->storage = sc;
                if (sc == StorageClass::Typedef) lex_.declTypedef = true;
                any = true;
                continue;
            }
            if (isQualifierWord(w)) {
                take();
                if (w == "const") spec->isConst = true;
                if (w == "volatile") spec->isVolatile = true;
                if (w == "restrict") spec->isRestrict = true;
                any = true;
                continue;
            }
            if (isTypeWord(w)) {
                Token k = take();
                checkCombination(*spec, w, k.line);
                spec->words.push_back(w);
                if (namesType(w)) lex_.declTyped = true;
                any = true;
                continue;
            }
            if (w == "struct" || w == "union" || w == "enum") {
                take();
                tagSpecifier(*spec, w);
                lex_.declTyped = true;
                any = true;
                continue;
            }
            break;
        }
        if (!any) syntaxError(peek());
        return spec;
    }

    // DTrace's checks as each type specifier word is added to a declaration
    // (dt_decl_attr/dt_decl_spec): the attributes short, long, signed and
    // unsigned only go with the types they can modify, and one declaration
    // names one type.  `w` is the new word (a keyword, a typedef name, or
    // struct/union/enum).
    static void checkCombination(const DeclSpecifiers& spec, const std::string& w, int line) {
        auto has = [&](std::string_view x) {
            return std::find(spec.words.begin(), spec.words.end(), x) != spec.words.end();
        };
        std::string base; // the word naming the type so far, if any
        for (const auto& x : spec.words)
            if (x != "short" && x != "long" && x != "signed" && x != "unsigned") base = x;
        if (!spec.tagKind.empty()) base = spec.tagKind;
        bool sign = has("signed") || has("unsigned");
        bool shortOrLong = has("short") || has("long");
        bool isTag = w == "struct" || w == "union" || w == "enum";
        bool isAttr = w == "short" || w == "long" || w == "signed" || w == "unsigned";
        Loc loc{line};
        if (isAttr) {
            if (base == "void")
                fail(Tag::D_DECL_VOIDATTR, loc,
                     "invalid type declaration: attributes may not be used with void type");
            if ((w == "short" || w == "long") && base == "char")
                fail(Tag::D_DECL_CHARATTR, loc,
                     "invalid type declaration: short and long may not be used with char type");
            if ((w == "signed" || w == "unsigned") && !base.empty() && base != "char" &&
                base != "int")
                fail(Tag::D_DECL_SIGNINT, loc,
                     "invalid type declaration: signed and unsigned may only be used with "
                     "integer type");
            if (w == "long" && !base.empty() && base != "int" && base != "double")
                fail(Tag::D_DECL_LONGINT, loc,
                     "invalid type declaration: long and long long may only be used with integer "
                     "or floating-point type");
            if (w == "short" && !base.empty() && base != "int")
                fail(Tag::D_DECL_SHORTINT, loc,
                     "invalid type declaration: short may only be used with integer type");
            return;
        }
        if (!base.empty()) fail(Tag::D_DECL_COMBO, loc, "invalid type combination");
        if (w == "void" && (sign || shortOrLong))
            fail(Tag::D_DECL_VOIDATTR, loc,
                 "invalid type declaration: attributes may not be used with void type");
        if (w == "char" && shortOrLong)
            fail(Tag::D_DECL_CHARATTR, loc,
                 "invalid type declaration: short and long may not be used with char type");
        if (sign && w != "char" && w != "int")
            fail(Tag::D_DECL_SIGNINT, loc,
                 "invalid type declaration: signed and unsigned may only be used with integer "
                 "type");
        if (has("long") && w != "int" && w != "double")
            fail(Tag::D_DECL_LONGINT, loc,
                 "invalid type declaration: long and long long may only be used with integer or "
                 "floating-point type");
        if (has("short") && w != "int")
            fail(Tag::D_DECL_SHORTINT, loc,
                 "invalid type declaration: short may only be used with integer type");
        (void)isTag;
    }

    void tagSpecifier(DeclSpecifiers& spec, const std::string& kind) {
        Nest nest(*this);
        const Token& n = peek();
        // DTrace checks the specifier combination once it has read the
        // token after the tag (its line is the one reported).
        if (n.kind == TokKind::TypeName || n.kind == TokKind::Ident) {
            std::string name = n.fullName();
            take();
            checkCombination(spec, kind, peek().line);
            spec.tagKind = kind;
            spec.tagName = name;
            if (!isPunct("{")) return;
        } else if (!n.punct("{")) {
            syntaxError(n);
        } else {
            checkCombination(spec, kind, n.line);
            spec.tagKind = kind;
        }
        Token brace = take(); // '{'
        spec.hasBody = true;
        if (!spec.tagName.empty() && !definedTags_.insert(kind + " " + spec.tagName).second)
            fail(Tag::D_DECL_TYPERED, Loc{brace.line}, "type redeclared: {} {}", kind,
                 spec.tagName);
        bool savedTyped = lex_.declTyped, savedTypedef = lex_.declTypedef;
        if (kind == "enum") {
            lex_.declTyped = lex_.declTypedef = false;
            for (;;) {
                Token e = peek();
                if (e.kind != TokKind::Ident) syntaxError(e);
                take();
                Enumerator en;
                en.name = e.text;
                if (accept("=")) en.value = assignment();
                en.loc = cur();
                spec.enumerators.push_back(std::move(en));
                if (accept(",")) continue;
                break;
            }
            expect("}");
        } else {
            do {
                lex_.declTyped = lex_.declTypedef = false;
                MemberDecl m;
                m.loc = cur();
                m.spec = declSpecifiers(false, false);
                bool anonymous =
                    isPunct(";") && (m.spec->tagKind == "struct" || m.spec->tagKind == "union");
                if (anonymous) {
                    // An anonymous struct/union member: its members are the
                    // enclosing type's.
                    auto d = std::make_unique<Declarator>();
                    d->loc = cur();
                    m.declarators.push_back(std::move(d));
                }
                while (!anonymous) {
                    std::unique_ptr<Declarator> d;
                    if (isPunct(":")) {
                        d = std::make_unique<Declarator>();
                        d->loc = cur();
                    } else {
                        d = declarator(DeclMode::Named);
                    }
                    if (accept(":")) d->bitWidth = conditional();
                    m.declarators.push_back(std::move(d));
                    if (accept(",")) continue;
                    break;
                }
                expect(";");
                spec.members.push_back(std::move(m));
                lex_.declTyped = lex_.declTypedef = false; // before reading the next token
            } while (!isPunct("}"));
            take();
        }
        lex_.declTyped = savedTyped;
        lex_.declTypedef = savedTypedef;
    }

    enum class DeclMode { Named, Abstract, Either };

    // Parameters inside "( )" or "[ ]" (parameter_type_list), up to `close`.
    void paramList(Derived& f, std::string_view close) {
        if (isPunct(close)) return;
        bool savedTyped = lex_.declTyped, savedTypedef = lex_.declTypedef;
        for (;;) {
            if (accept("...")) {
                f.varargs = true;
                break;
            }
            lex_.declTyped = lex_.declTypedef = false;
            auto p = std::make_unique<ParamDecl>();
            p->loc = cur();
            p->spec = declSpecifiers(true, false);
            p->decl = declarator(DeclMode::Either);
            f.params.push_back(std::move(p));
            if (!accept(",")) break;
        }
        lex_.declTyped = savedTyped;
        lex_.declTypedef = savedTypedef;
        if (f.params.size() == 1 && !f.varargs && f.params[0]->spec->words.size() == 1 &&
            f.params[0]->spec->words[0] == "void" && f.params[0]->spec->tagKind.empty() &&
            f.params[0]->decl->derived.empty() && f.params[0]->decl->name.empty())
            f.params.clear();
    }

    // declarator / abstract_declarator (Either: a parameter's, which may be
    // both).  `derived` is in English order (see ast.h).
    std::unique_ptr<Declarator> declarator(DeclMode mode) {
        Nest nest(*this);
        auto d = std::make_unique<Declarator>();
        d->loc = cur();
        std::vector<Derived> ptrs;
        while (isPunct("*")) {
            take();
            Derived p;
            p.kind = Derived::Kind::Pointer;
            for (;;) {
                const Token& q = peek();
                if (q.keyword("const"))
                    p.isConst = true;
                else if (q.keyword("volatile"))
                    p.isVolatile = true;
                else if (q.keyword("restrict"))
                    p.isRestrict = true;
                else
                    break;
                take();
            }
            ptrs.push_back(std::move(p));
        }
        std::unique_ptr<Declarator> inner;
        std::vector<Derived> suffixes;
        bool direct = false; // a name or a parenthesized declarator was read
        const Token& t = peek();
        if (t.kind == TokKind::Ident && mode != DeclMode::Abstract) {
            if (t.backquote)
                fail(Tag::D_DECL_SCOPE, Loc{t.line},
                     "D scoping operator may not be used in a declaration name ({})", t.fullName());
            d->name = t.text;
            take();
            direct = true;
        } else if (t.punct("(")) {
            take();
            const Token& u = peek();
            bool nested;
            if (mode == DeclMode::Named)
                nested = true;
            else if (u.punct("*") || u.punct("(") || u.punct("["))
                nested = true;
            else
                nested = mode == DeclMode::Either && u.kind == TokKind::Ident;
            if (nested) {
                DeclMode im = mode;
                if (mode == DeclMode::Either && u.kind == TokKind::Ident) im = DeclMode::Named;
                inner = declarator(im);
                expect(")");
            } else {
                Derived f;
                f.kind = Derived::Kind::Function;
                functionParams(f);
                suffixes.push_back(std::move(f));
            }
            direct = true;
        }
        if (mode == DeclMode::Named && !direct) syntaxError(peek());
        for (;;) {
            if (isPunct("[")) {
                take();
                Derived a;
                a.kind = Derived::Kind::Array;
                bool savedTyped = lex_.declTyped, savedTypedef = lex_.declTypedef;
                lex_.declTyped = lex_.declTypedef = false;
                if (!isPunct("]")) {
                    if (startsSpecifiers(peek(), false) || isPunct("...")) {
                        Derived keys;
                        paramList(keys, "]");
                        for (auto& p : keys.params) {
                            auto tn = std::make_unique<TypeName>();
                            tn->loc = p->loc;
                            tn->spec = std::move(p->spec);
                            tn->decl = std::move(p->decl);
                            a.keyTypes.push_back(std::move(tn));
                        }
                        a.varargs = keys.varargs;
                    } else {
                        a.size = conditional();
                    }
                }
                lex_.declTyped = savedTyped;
                lex_.declTypedef = savedTypedef;
                expect("]");
                suffixes.push_back(std::move(a));
            } else if (isPunct("(") && (direct || !suffixes.empty())) {
                take();
                Derived f;
                f.kind = Derived::Kind::Function;
                functionParams(f);
                suffixes.push_back(std::move(f));
            } else {
                break;
            }
        }
        if (inner) {
            d->name = inner->name;
            for (auto& x : inner->derived)
                d->derived.push_back(std::move(x));
        }
        for (auto& x : suffixes)
            d->derived.push_back(std::move(x));
        for (auto it = ptrs.rbegin(); it != ptrs.rend(); ++it)
            d->derived.push_back(std::move(*it));
        return d;
    }

    // After '(' of a function declarator: parameters and ')'.
    void functionParams(Derived& f) {
        paramList(f, ")");
        expect(")");
    }

    std::unique_ptr<TypeName> typeName() {
        bool savedTyped = lex_.declTyped, savedTypedef = lex_.declTypedef;
        lex_.declTyped = lex_.declTypedef = false;
        auto tn = std::make_unique<TypeName>();
        tn->loc = cur();
        tn->spec = declSpecifiers(false, false);
        tn->decl = declarator(DeclMode::Abstract);
        lex_.declTyped = savedTyped;
        lex_.declTypedef = savedTypedef;
        return tn;
    }

    // ------------------------------------------------------------ clauses

    ProbeDesc descByName(const Token& t) {
        ProbeDesc d;
        d.loc = Loc{t.line};
        const std::string& spec = t.text;
        std::vector<std::string> fields = split(spec, ':');
        auto invalid = [&](const char* why) {
            fail(Tag::D_PDESC_INVAL, d.loc, "invalid probe description \"{}\": {}", spec, why);
        };
        std::string* slots[] = {&d.provider, &d.module, &d.function, &d.name};
        int slot = 3;
        for (size_t k = fields.size(); k-- > 0; slot--) {
            std::string f = fields[k];
            size_t v = f.find('$');
            if (v != std::string::npos) {
                std::string var = f.substr(v);
                std::string out = f.substr(0, v);
                if (var.size() > 2 && var[1] == '$') var = var.substr(1);
                if (var.size() > 1 && isdigit(static_cast<unsigned char>(var[1]))) {
                    char* end = nullptr;
                    errno = 0;
                    long i = strtol(var.c_str() + 1, &end, 10);
                    if (i < 0 || errno != 0 || static_cast<size_t>(i) >= opts_.macroArgs.size())
                        invalid("Undefined macro variable in probe description");
                    lex_.markArgReferenced(static_cast<size_t>(i));
                    out += opts_.macroArgs[static_cast<size_t>(i)] + end;
                } else if (var.size() > 1) {
                    std::string name = var.substr(1);
                    std::optional<std::string> val =
                        opts_.namedMacro ? opts_.namedMacro(name) : std::nullopt;
                    if (!val && name == "target") val = "0";
                    if (!val) invalid("Undefined macro variable in probe description");
                    out += std::to_string(static_cast<int>(strtoll(val->c_str(), nullptr, 0)));
                } else {
                    invalid("Undefined macro variable in probe description");
                }
                f = out;
            }
            if (slot < 0) invalid("Overspecified probe description");
            *slots[slot] = f;
        }
        // The text as written, with macros expanded.
        std::string text;
        size_t nf = fields.size();
        for (size_t i = 4 - nf; i < 4; i++) {
            if (i > 4 - nf) text += ":";
            text += *slots[i];
        }
        d.text = text;
        return d;
    }

    std::unique_ptr<TopLevel> clause() {
        auto c = std::make_unique<Clause>(Loc{peek().line});
        for (;;) {
            Token t = take();
            if (t.kind == TokKind::Int) {
                if (t.value > 0xffffffffULL)
                    fail(Tag::D_PDESC_INVAL, Loc{t.line}, "identifier {} exceeds maximum probe id",
                         t.value);
                ProbeDesc d;
                d.loc = Loc{t.line};
                d.id = static_cast<uint32_t>(t.value);
                d.text = std::to_string(t.value);
                c->descs.push_back(std::move(d));
            } else if (t.kind == TokKind::PSpec) {
                c->descs.push_back(descByName(t));
            } else {
                syntaxError(t);
            }
            if (!isPunct(",")) break;
            take();
        }
        c->loc = c->descs[0].loc;
        const Token& t = peek();
        if (t.punct("/")) {
            take();
            lex_.setMode(Lexer::Mode::Code);
            c->predicate = expression();
            if (peek().kind != TokKind::EPred) syntaxError(peek());
            take();
            if (!isPunct("{"))
                fail(Tag::D_SYNTAX, c->predicate->loc,
                     "expected actions {{ }} following probe description and predicate");
        } else if (!t.punct("{")) {
            if (opts_.fromFile)
                fail(Tag::D_SYNTAX, c->descs[0].loc,
                     "expected predicate and/or actions following probe description");
            return c;
        }
        take(); // '{'
        lex_.setMode(Lexer::Mode::Code);
        statementList(c->body);
        c->end = Loc{peek().line};
        expect("}");
        return c;
    }

    // ------------------------------------------------------------ statements

    void statementList(std::vector<StmtPtr>& out) {
        for (;;) {
            const Token& t = peek();
            if (t.punct("}")) return;
            if (t.punct(";")) {
                take();
                continue;
            }
            if (t.keyword("if")) {
                out.push_back(ifStatement());
                continue;
            }
            ExprPtr e = expression();
            if (isPunct(";")) {
                take();
                out.push_back(std::make_unique<ExprStmt>(cur(), std::move(e)));
                continue;
            }
            if (isPunct("}")) {
                out.push_back(std::make_unique<ExprStmt>(cur(), std::move(e)));
                return;
            }
            syntaxError(peek());
        }
    }

    StmtPtr ifStatement() {
        Token kw = take();
        auto s = std::make_unique<IfStmt>(Loc{kw.line});
        expect("(");
        s->cond = expression();
        expect(")");
        s->then = statementOrBlock();
        if (isKeyword("else")) {
            take();
            s->otherwise = statementOrBlock();
        }
        return s;
    }

    StmtPtr statementOrBlock() {
        Nest nest(*this);
        const Token& t = peek();
        if (t.punct("{")) {
            auto b = std::make_unique<Block>(Loc{t.line});
            take();
            statementList(b->stmts);
            expect("}");
            return b;
        }
        if (t.punct(";")) {
            auto e = std::make_unique<EmptyStmt>(Loc{t.line});
            take();
            return e;
        }
        if (t.keyword("if")) return ifStatement();
        ExprPtr e = expression();
        expect(";");
        return std::make_unique<ExprStmt>(cur(), std::move(e));
    }

    // ------------------------------------------------------------ expressions

    ExprPtr expression() {
        ExprPtr e = assignment();
        while (isPunct(",")) {
            take();
            ExprPtr r = assignment();
            e = std::make_unique<Binary>(cur(), BinaryOp::Comma, std::move(e), std::move(r));
        }
        return e;
    }

    ExprPtr assignment() {
        Nest nest(*this);
        ExprPtr lhs = conditional();
        const Token& t = peek();
        if (t.kind != TokKind::Punct) return lhs;
        static const std::pair<const char*, std::optional<BinaryOp>> ops[] = {
            {"=", std::nullopt},      {"+=", BinaryOp::Add},   {"-=", BinaryOp::Sub},
            {"*=", BinaryOp::Mul},    {"/=", BinaryOp::Div},   {"%=", BinaryOp::Mod},
            {"&=", BinaryOp::BitAnd}, {"|=", BinaryOp::BitOr}, {"^=", BinaryOp::BitXor},
            {"<<=", BinaryOp::Shl},   {">>=", BinaryOp::Shr},
        };
        for (const auto& [text, op] : ops) {
            if (t.text != text) continue;
            // Only a unary_expression may be assigned to.
            if (lhs.get() != lastUnary_) syntaxError(t);
            take();
            ExprPtr rhs = assignment();
            return std::make_unique<Assign>(cur(), op, std::move(lhs), std::move(rhs));
        }
        return lhs;
    }

    ExprPtr conditional() {
        ExprPtr c = binary(1);
        if (!isPunct("?")) return c;
        take();
        auto e = std::make_unique<Ternary>(Loc{});
        e->cond = std::move(c);
        e->then = expression();
        expect(":");
        e->otherwise = conditional();
        e->loc = cur();
        return e;
    }

    static int precedence(const Token& t, BinaryOp& op) {
        if (t.kind != TokKind::Punct) return 0;
        static const struct {
            const char* text;
            BinaryOp op;
            int prec;
        } ops[] = {
            {"||", BinaryOp::LogOr, 1}, {"^^", BinaryOp::LogXor, 2}, {"&&", BinaryOp::LogAnd, 3},
            {"|", BinaryOp::BitOr, 4},  {"^", BinaryOp::BitXor, 5},  {"&", BinaryOp::BitAnd, 6},
            {"==", BinaryOp::Eq, 7},    {"!=", BinaryOp::Ne, 7},     {"<", BinaryOp::Lt, 8},
            {">", BinaryOp::Gt, 8},     {"<=", BinaryOp::Le, 8},     {">=", BinaryOp::Ge, 8},
            {"<<", BinaryOp::Shl, 9},   {">>", BinaryOp::Shr, 9},    {"+", BinaryOp::Add, 10},
            {"-", BinaryOp::Sub, 10},   {"*", BinaryOp::Mul, 11},    {"/", BinaryOp::Div, 11},
            {"%", BinaryOp::Mod, 11},
        };
        for (const auto& o : ops)
            if (t.text == o.text) {
                op = o.op;
                return o.prec;
            }
        return 0;
    }

    ExprPtr binary(int minPrec) {
        ExprPtr lhs = castExpr();
        for (int links = 0;; links++) {
            BinaryOp op{};
            int prec = precedence(peek(), op);
            if (prec == 0 || prec < minPrec) return lhs;
            if (links == kMaxChain)
                fail(Tag::D_SYNTAX, Loc{lex_.line()}, "expression has too many operators");
            take();
            ExprPtr rhs = binary(prec + 1);
            lhs = std::make_unique<Binary>(cur(), op, std::move(lhs), std::move(rhs));
        }
    }

    ExprPtr castExpr() { return unaryExpr(true); }

    ExprPtr unaryExpr(bool allowCast) {
        Nest nest(*this);
        const Token& t = peek();
        ExprPtr e;
        if (t.kind == TokKind::Punct) {
            static const std::pair<const char*, UnaryOp> castOps[] = {
                {"&", UnaryOp::AddrOf}, {"*", UnaryOp::Deref},  {"+", UnaryOp::Plus},
                {"-", UnaryOp::Neg},    {"~", UnaryOp::BitNot}, {"!", UnaryOp::LogNot},
            };
            if (t.text == "++" || t.text == "--") {
                UnaryOp op = t.text == "++" ? UnaryOp::PreInc : UnaryOp::PreDec;
                take();
                ExprPtr operand = unaryExpr(false);
                e = std::make_unique<Unary>(cur(), op, std::move(operand));
                lastUnary_ = e.get();
                return e;
            }
            for (const auto& [text, op] : castOps) {
                if (t.text != text) continue;
                take();
                ExprPtr operand = castExpr();
                e = std::make_unique<Unary>(cur(), op, std::move(operand));
                lastUnary_ = e.get();
                return e;
            }
        }
        if (t.keyword("sizeof")) {
            take();
            if (isPunct("(")) {
                take();
                if (startsTypeName(peek())) {
                    auto s = std::make_unique<SizeofType>(Loc{});
                    s->typeName = typeName();
                    expect(")");
                    s->loc = cur();
                    lastUnary_ = s.get();
                    return s;
                }
                ExprPtr inner = expression();
                expect(")");
                inner = postfix(std::move(inner));
                e = std::make_unique<Unary>(cur(), UnaryOp::Sizeof, std::move(inner));
            } else {
                ExprPtr operand = unaryExpr(false);
                e = std::make_unique<Unary>(cur(), UnaryOp::Sizeof, std::move(operand));
            }
            lastUnary_ = e.get();
            return e;
        }
        if (t.keyword("stringof")) {
            take();
            ExprPtr operand = unaryExpr(false);
            e = std::make_unique<Unary>(cur(), UnaryOp::Stringof, std::move(operand));
            lastUnary_ = e.get();
            return e;
        }
        if (t.punct("(")) {
            take();
            if (startsTypeName(peek())) {
                if (!allowCast) syntaxError(peek());
                auto c = std::make_unique<Cast>(Loc{});
                c->typeName = typeName();
                expect(")");
                c->operand = castExpr();
                c->loc = cur();
                return c; // a cast_expression, not a unary_expression
            }
            ExprPtr inner = expression();
            expect(")");
            e = postfix(std::move(inner));
        } else {
            e = postfix(primary());
        }
        lastUnary_ = e.get();
        return e;
    }

    ExprPtr postfix(ExprPtr e) {
        for (;;) {
            const Token& t = peek();
            if (t.kind != TokKind::Punct) return e;
            if (t.text == "[") {
                take();
                auto ix = std::make_unique<Index>(Loc{});
                ix->base = std::move(e);
                do {
                    ix->keys.push_back(assignment());
                } while (accept(","));
                expect("]");
                ix->loc = cur();
                e = std::move(ix);
            } else if (t.text == "(") {
                take();
                std::vector<ExprPtr> args;
                if (!isPunct(")")) {
                    do {
                        args.push_back(assignment());
                    } while (accept(","));
                }
                expect(")");
                if (e->kind != ExprKind::Ident)
                    fail(Tag::D_FUNC_IDENT, cur(), "function designator is not of function type");
                auto call = std::make_unique<Call>(cur());
                const auto& id = as<Ident>(*e);
                call->func = id.backquote ? id.scope + "`" + id.name : id.name;
                call->args = std::move(args);
                e = std::move(call);
            } else if (t.text == "." || t.text == "->") {
                bool arrow = t.text == "->";
                take();
                Token m = peek();
                if (m.kind != TokKind::Ident && m.kind != TokKind::TypeName &&
                    m.kind != TokKind::Keyword)
                    syntaxError(m);
                take();
                auto mem = std::make_unique<Member>(cur());
                mem->base = std::move(e);
                mem->member = m.text;
                mem->arrow = arrow;
                e = std::move(mem);
            } else if (t.text == "++" || t.text == "--") {
                UnaryOp op = t.text == "++" ? UnaryOp::PostInc : UnaryOp::PostDec;
                take();
                e = std::make_unique<Unary>(cur(), op, std::move(e));
            } else {
                return e;
            }
        }
    }

    ExprPtr intLiteral(const Token& t) {
        // DTrace's dt_node_int(): the constant must fit one of the types its
        // suffix and base allow.
        int i = 0;
        for (char ch : t.suffix)
            i += ch == 'u' ? 1 : 2;
        int n = (t.isDecimal || (!t.suffix.empty() && t.suffix[0] == 'u')) ? 2 : 1;
        static const uint64_t limits[] = {0x7fffffffULL,         0xffffffffULL,
                                          0x7fffffffffffffffULL, 0xffffffffffffffffULL,
                                          0x7fffffffffffffffULL, 0xffffffffffffffffULL};
        bool fits = false;
        for (; i < 6; i += n)
            if (t.value <= limits[i]) {
                fits = true;
                break;
            }
        if (!fits)
            fail(Tag::D_INT_OFLOW, cur(),
                 "integer constant 0x{} cannot be represented by any intrinsic integral type",
                 hexDigits(t.value));
        auto e = std::make_unique<IntLit>(cur());
        e->value = t.value;
        e->suffix = t.suffix;
        e->isChar = t.isChar;
        e->isDecimal = t.isDecimal;
        if (t.sign == '-') return std::make_unique<Unary>(cur(), UnaryOp::Neg, std::move(e));
        if (t.sign == '+') return std::make_unique<Unary>(cur(), UnaryOp::Plus, std::move(e));
        return e;
    }

    static std::string hexDigits(uint64_t v) {
        static const char* d = "0123456789abcdef";
        std::string s;
        do {
            s.insert(s.begin(), d[v & 15]);
            v >>= 4;
        } while (v);
        return s;
    }

    ExprPtr primary() {
        Token t = peek();
        switch (t.kind) {
        case TokKind::Int:
            take();
            return intLiteral(t);
        case TokKind::Str: {
            take();
            auto e = std::make_unique<StrLit>(cur());
            e->value = t.text;
            return e;
        }
        case TokKind::Ident: {
            take();
            auto e = std::make_unique<Ident>(cur());
            e->name = t.text;
            e->scope = t.scope;
            e->backquote = t.backquote;
            return e;
        }
        case TokKind::Agg: {
            take();
            auto e = std::make_unique<AggRef>(cur());
            e->name = t.text;
            return e;
        }
        case TokKind::Keyword:
            if (t.text == "self" || t.text == "this") {
                take();
                auto e = std::make_unique<Ident>(cur());
                e->name = t.text;
                return e;
            }
            if (t.text == "offsetof") {
                take();
                auto e = std::make_unique<Offsetof>(Loc{});
                expect("(");
                e->typeName = typeName();
                expect(",");
                Token m = peek();
                if (m.kind != TokKind::Ident && m.kind != TokKind::TypeName &&
                    m.kind != TokKind::Keyword)
                    syntaxError(m);
                take();
                e->member = m.text;
                expect(")");
                e->loc = cur();
                return e;
            }
            if (t.text == "xlate") {
                take();
                auto e = std::make_unique<Xlate>(Loc{});
                expect("<");
                e->typeName = typeName();
                expect(">");
                expect("(");
                e->operand = expression();
                expect(")");
                e->loc = cur();
                return e;
            }
            syntaxError(t);
        default:
            syntaxError(t);
        }
    }

    Lexer lex_;
    std::set<std::string> definedTags_;
    int depth_ =
        0; // current recursion depth (Nest) // "struct foo": tags given a body in this program
    const ParseOptions& opts_;
    Token tok_;
    bool peeked_ = false;
    const Expr* lastUnary_ = nullptr;
};

} // namespace

ParseResult parseProgram(std::string_view text, const ParseOptions& opts) {
    Parser p(text, opts);
    return p.run();
}

} // namespace dt::parse
