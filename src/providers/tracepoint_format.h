// Tracefs event format files (events/CATEGORY/EVENT/format): the record's
// fields, and how they become a probe's typed arguments (sdt, syscall).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "program/probe.h"

namespace dt {

struct FormatField {
    std::string name;
    std::string type; // C spelling without the name: "const char *", "char [16]"
    uint16_t offset = 0, size = 0;
    bool isSigned = false;
    bool dataLoc = false; // __data_loc: a u32 (length << 16 | offset) to data in the record
};

// The fields after the common_* ones every event has, in record order.
std::vector<FormatField> parseTracepointFormat(std::string_view text);

// A field as args[i]: its type and how the trampoline copies it.  Char
// arrays and __data_loc data are passed by address (strings: char [N] and
// char *); other arrays by address too, typed as their element pointer.
void fieldArgument(const FormatField& f, ProbeArg& arg, TracepointField& copy);

} // namespace dt
