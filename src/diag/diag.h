// The diagnostics facility: DTrace error tags and the one error type every
// stage throws.  Messages are written at the raise site with dt::format so
// the text sits next to the condition that produces it; the tag names come
// from tags.def only.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "util/format.h"

namespace dt {

enum class Tag {
#define TAG(name) name,
#include "diag/tags.def"
#undef TAG
};

std::string_view tagName(Tag t);

// A position in the program text.  line 0 means "no line known".
struct Loc {
    int line = 0;
};

// A compile-time error: tag, location and DTrace's message text (without the
// "dtrace: failed to compile script" prefix, which the command line adds).
class CompileError : public std::runtime_error {
  public:
    CompileError(Tag tag, Loc loc, std::string msg)
        : std::runtime_error(msg), tag_(tag), loc_(loc) {}
    Tag tag() const { return tag_; }
    Loc loc() const { return loc_; }
    // "[TAG] line N: msg" (tag only if withTag, line only if known).
    std::string render(bool withTag) const;

  private:
    Tag tag_;
    Loc loc_;
};

template <typename... Args>
[[noreturn]] void fail(Tag tag, Loc loc, std::string_view fmt, const Args&... args) {
    throw CompileError(tag, loc, format(fmt, args...));
}

// A run-time or environment error (no tag): "dtrace: <msg>".
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

} // namespace dt
