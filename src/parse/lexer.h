// The D lexer.  D's lexical rules depend on where the parser is, so the
// parser drives the lexer's state the way DTrace's grammar actions drive
// dt_lex.l's start conditions:
//
//   Outer (dt_lex.l's S2): the program's top level.  A probe description is
//       one token made of characters that are operators elsewhere
//       ("syscall::read:entry", "tick-1s", "pid$target:::entry"); the
//       keywords that start declarations and known type names switch to Code.
//   Code (S0): expressions, statements and declarations.  A '/' followed by
//       ';', '{', '/' or the end of input ends a predicate; an identifier is
//       classified as an identifier or a type name as DTrace's id_or_type()
//       does (so casts parse without a symbol table); after '.' or '->' any
//       word is a member name (SIDENT).
//
// Comments, "#!" lines and control lines (#pragma, #line, # N "file") are
// handled here in every state; control lines become ast::Pragma nodes (for
// "#pragma D ...") or adjust line numbers.  Errors are thrown as
// CompileError with DTrace's tags and texts.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "parse/parser.h"

namespace dt::parse {

enum class TokKind {
    End,      // end of input
    PSpec,    // a probe description (Outer only)
    Ident,    // identifier, possibly scoped ("vmlinux`x", "`x")
    TypeName, // an identifier that names a type (DTrace's DT_TOK_TNAME)
    Keyword,  // text is the keyword
    Int,      // integer or character constant
    Str,      // string literal (value decoded)
    Agg,      // @name or @ (text is the name without '@')
    Punct,    // operator or punctuator; text is its spelling
    EPred,    // the '/' that ends a predicate
};

struct Token {
    TokKind kind = TokKind::End;
    std::string text;  // identifier/keyword/punct spelling, decoded string, pspec
    std::string scope; // identifiers: module before the backquote
    bool backquote = false;
    uint64_t value = 0;  // Int
    std::string suffix;  // Int: lower-cased u/l suffix
    bool isChar = false; // Int: a one-character constant
    bool isDecimal = true;
    char sign = 0;       // Int from a macro argument written with '+' or '-'
    std::string errText; // what "syntax error near ..." shows (DTrace's yytext)
    int line = 0;        // the lexer's line once the token was read
    size_t pos = 0;      // offset of the token in the text

    bool is(TokKind k, std::string_view t) const { return kind == k && text == t; }
    bool punct(std::string_view t) const { return kind == TokKind::Punct && text == t; }
    bool keyword(std::string_view t) const { return kind == TokKind::Keyword && text == t; }
    // "mod`name" for scoped identifiers.
    std::string fullName() const { return backquote ? scope + "`" + text : text; }
};

class Lexer {
  public:
    enum class Mode { Outer, Code };

    Lexer(std::string_view text, const ParseOptions& opts);

    // Reads the next token in the current mode.
    Token next();

    Mode mode() const { return mode_; }
    void setMode(Mode m) { mode_ = m; }
    // The current line (DTrace's yylineno): the line the lexer has read up to.
    int line() const { return line_; }

    // Parser-maintained context that DTrace's id_or_type() consults.
    // A type specifier has been seen in the declaration being parsed, so a
    // following type name is a declarator's identifier instead.
    bool declTyped = false;
    // The declaration being parsed is a typedef (identifiers are not
    // remembered as variables).
    bool declTypedef = false;
    // Inside a translator's input declaration: '>' follows an identifier.
    bool xlatorInput = false;

    // Names the program declares.
    void addTypedef(const std::string& name) { typedefs_.insert(name); }
    void addGlobal(const std::string& name) { known_.insert(name); }
    bool isType(const std::string& name) const;
    // Whether the word ending at p is followed by another word (a declarator).
    bool wordFollows(size_t p) const;

    // "#pragma D ..." nodes read since the last call.
    std::vector<std::unique_ptr<ast::Pragma>> takePragmas();

    const std::vector<bool>& argReferenced() const { return argRef_; }
    void markArgReferenced(size_t n) {
        if (n < argRef_.size()) argRef_[n] = true;
    }

    // Whether the text came from a file (line numbers, bodyless clauses).
    const ParseOptions& options() const { return opts_; }

  private:
    // Characters.
    bool atEnd(size_t p) const { return p >= src_.size(); }
    char at(size_t p) const { return p < src_.size() ? src_[p] : '\0'; }
    void advance(size_t n = 1);
    bool atLineStart(size_t p) const;
    std::string restOfLine(size_t p) const;

    // Skips blanks, comments, "#!" lines and control lines.  Returns false
    // at the end of input.
    void skipSpace();
    void comment();
    void controlLine();
    void applyControl(struct CtlItem* items, size_t n, int ctlLine);

    Token outerToken();
    Token codeToken();
    Token number(bool outer);
    Token stringLit();
    Token charLit();
    Token macro();
    Token identOrType(Token t, size_t start);
    Token classify(const std::string& word, size_t start, bool viaMacro);
    Token intFromText(const std::string& v, size_t start, const std::string& yytext);
    [[noreturn]] void lexError(std::string_view msg, int line = -1);

    std::string_view src_;
    ParseOptions opts_; // a copy: callers may pass a temporary
    size_t pos_ = 0;
    int line_ = 1;
    Mode mode_ = Mode::Outer;
    bool pspec_ = false;
    bool sidentNext_ = false; // after '.' or '->'
    bool souType_ = false;    // after struct/union/enum
    int parens_ = 0, brackets_ = 0, braces_ = 0;
    std::set<std::string> typedefs_;
    std::set<std::string> known_; // globals and identifiers seen as variables
    std::vector<bool> argRef_;
    std::vector<std::unique_ptr<ast::Pragma>> pragmas_;
};

// Decodes C escapes the way DTrace's stresc2chr() does.
std::string decodeEscapes(std::string_view s, bool charConstant = false);

} // namespace dt::parse
