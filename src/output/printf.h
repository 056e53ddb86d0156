// DTrace's printf engine: parses a format string once at compile time,
// checks the argument types against each conversion with DTrace's
// diagnostics, and renders recorded values at run time.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.h"

namespace dt::output {

// The compile-time class of an argument, as far as printf cares.
struct ArgType {
    enum class Kind { Int, Pointer, String, Float, Struct, Other } kind = Kind::Int;
    unsigned size = 8;    // bytes (Int, Pointer, Float)
    bool isSigned = true; // Int
    bool isChar = false;  // Int: char-typed (for %c and %s on char arrays)
    std::string name;     // the type's D name for messages: "int", "char *", "string"
};

// A value recorded by the probe, as the consumer decodes it.
struct Value {
    enum class Kind { Int, String } kind = Kind::Int;
    uint64_t bits = 0; // raw integer bits (zero-extended from `size`)
    unsigned size = 8;
    bool isSigned = true;
    std::string str; // String
    // A stack (String too, str its default text): %k sets each frame in
    // the conversion's width, one frame a line.
    bool isStack = false;
    std::vector<std::string> frames;
    static Value integer(uint64_t bits, unsigned size = 8, bool isSigned = true);
    static Value string(std::string s);
    static Value stack(std::vector<std::string> frames);
};

struct Conversion {
    std::string flags;          // any of "-+ #0'"
    int width = -1;             // -1: none
    bool widthStar = false;     // '*': taken from an argument
    int precision = -1;         // -1: none
    bool precisionStar = false; // '.*'
    std::string length;         // "", "h", "hh", "l", "ll", "L", "z", "j", "t"
    char conv = 0;              // 'd', 'i', 'u', 'x', 'X', 'o', 'c', 's', 'p', ... , '%'
    bool aggValue = false;      // %@d etc. (printa)
    std::string text;           // the conversion as written, e.g. "%-8.3s"
};

struct Segment {
    std::string literal;            // text before the conversion (with %% folded)
    std::optional<Conversion> conv; // none for the trailing literal
};

class Format {
  public:
    // Parses `fmt`; `func` is the action name for messages ("printf").
    // Throws CompileError (D_PRINTF_* tags) for malformed conversions.
    static Format parse(std::string_view fmt, std::string_view func, Loc loc);

    // Checks the argument list (excluding the format string itself; for
    // star widths/precisions the int arguments are included in order).
    // `firstArgNo` is the 1-based position of args[0] in the call, for
    // messages ("argument #2").  Throws D_PRINTF_ARG_TYPE, D_PRINTF_ARG_PROTO,
    // D_PRINTF_ARG_EXTRA, D_PRINTF_DYN_TYPE, D_PRINTF_DYN_PROTO.
    void check(const std::vector<ArgType>& args, int firstArgNo, Loc loc) const;

    // printa: the keys feed the conversions other than %@ in order (a
    // format may use fewer than there are keys, not more).  Throws
    // D_PRINTF_ARG_TYPE, D_PRINTA_AGGKEY... as DTrace.
    void checkPrinta(const std::vector<ArgType>& keys, Loc loc) const;

    // Number of value arguments (including '*' ones) the format consumes.
    size_t argCount() const;

    // Renders with run-time values (same order as check's args).
    // printa: `agg` is the aggregation's value for %@ conversions, or
    // `aggText` its pre-drawn text (histograms), printed verbatim.
    std::string render(const std::vector<Value>& values, const Value* agg = nullptr,
                       const std::string* aggText = nullptr) const;
    // printa of several aggregations: the n-th %@ conversion prints the
    // n-th aggregation's value (the last one's when there are fewer), or
    // its drawn text when that is not empty (histograms).
    std::string render(const std::vector<Value>& values, const std::vector<Value>& aggs,
                       const std::vector<std::string>& aggTexts) const;

    const std::vector<Segment>& segments() const { return segments_; }
    const std::string& source() const { return source_; }

  private:
    std::string func_;
    std::string source_;
    std::vector<Segment> segments_;
};

} // namespace dt::output
