// Text of stacks and symbol values (program/symbols.h) in records and
// aggregation keys, as DTrace prints them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "output/printf.h"
#include "program/symbols.h"

namespace dt::output {

// A stack's frames ("module`function+0xoff"), innermost first.
std::vector<std::string> stackFrames(SymbolKind k, const uint8_t* p, uint32_t frames);
// A newline, then each frame on a line of its own after `indent` spaces.
// A symbol value as printf's argument (a stack keeps its frames apart).
Value symbolValue(SymbolKind k, const uint8_t* p, uint32_t frames);
std::string stackText(SymbolKind k, const uint8_t* p, uint32_t frames, int indent = 14);
// sym(), usym(), umod(), uaddr(), ... values: "module`function", "module", ...
std::string symbolText(SymbolKind k, const uint8_t* p);
// Either of the above, as trace() and aggregation keys print it.
std::string symbolValueText(SymbolKind k, const uint8_t* p, uint32_t frames);

} // namespace dt::output
