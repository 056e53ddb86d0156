// -C: runs the C preprocessor over a script before the lexer sees it, with
// DTrace's predefined macros and the -D/-U/-I/-H arguments.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace dt::cli {

// The preprocessed text, or nullopt if cpp failed (its diagnostics have gone
// to stderr already, as DTrace leaves them).  cpp reads the program as
// /dev/stdin, so its messages name "/dev/stdin:N" like DTrace's.
std::optional<std::string> preprocess(const std::string& text,
                                      const std::vector<std::string>& cppArgs);

// A script's first line "#!..." (interpreter files) becomes an empty line,
// keeping line numbers; cpp would reject it as a directive.
std::string blankInterpreterLine(const std::string& text);

} // namespace dt::cli
