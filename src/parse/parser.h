// The D front end's first stage: text to AST.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"

namespace dt::parse {

// What the parser needs to know from outside.
struct ParseOptions {
    // Script arguments: macroArgs[0] is $0 (the script or "dtrace"),
    // macroArgs[1..] are $1.. .
    std::vector<std::string> macroArgs;
    // Named macro variables: $target, $pid, $ppid, $uid, $gid, $sid, $pgid,
    // $projid, $taskid.  Returns nullopt if the name is not defined.
    std::function<std::optional<std::string>(std::string_view)> namedMacro;
    // -xdefaultargs: an undefined $N is 0 (or "" for $$N) instead of an error.
    bool defaultArgs = false;
    // Is `name` (possibly "module`name") a type name (a typedef or a D
    // intrinsic like int or string)?  The parser also remembers typedefs
    // that the program itself declares, so this only covers predefined ones.
    std::function<bool(std::string_view)> isTypeName;
    // Is `name` one of the kernel's typedefs or base types (__u8, bool...)?
    // Asked only where a word is followed by another word, as in a
    // declaration, so that expressions never pay for loading kernel types.
    std::function<bool(std::string_view)> isKernelTypeName;
    // The program text came from a file (-s): as in DTrace, a probe
    // description with neither predicate nor actions is then an error
    // ("dtrace -n BEGIN" is fine).
    bool fromFile = false;
    // -xpspec: at the top level a word is always a probe description, never
    // a type name ("#pragma D option pspec" in the program sets it too).
    bool pspec = false;
    // Called with each declaration, inline and translator definition as soon
    // as it is parsed, before the rest of the program: as in DTrace, a
    // declaration's semantic errors come before later syntax errors, and
    // the types it defines are known to what follows.
    std::function<void(ast::TopLevel&)> declared;
    // Compiling a D library file: only there may "#pragma D depends_on
    // library" appear.
    bool library = false;
};

// Which macro arguments ($N / $$N) the program referenced, for the
// "extraneous argument" check (D_MACRO_UNUSED).
struct ParseResult {
    std::unique_ptr<ast::Program> program;
    std::vector<bool> argReferenced; // indexed like macroArgs
};

// Parses a whole D program.  Throws CompileError (D_SYNTAX and the lexer's
// tags) with the line of the offending token.
ParseResult parseProgram(std::string_view text, const ParseOptions& opts);

} // namespace dt::parse
