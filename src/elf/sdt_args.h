// The argument operands of a SystemTap SDT note ("-4@%edi 8@-16(%rbp)
// 8@$42"), decoded into where each argument lives at the probe site.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dt::elf {

struct SdtArg {
    enum class Kind { Register, Memory, Immediate, Unsupported } kind = Kind::Unsupported;
    int size = 8;          // bytes: 1, 2, 4 or 8
    bool isSigned = false; // a negative size in the note
    int regsOffset = -1;   // Register/Memory: offset of the register in x86-64 pt_regs
    int64_t value = 0;     // Memory: displacement; Immediate: the value
};

// Decodes an operand string; operands it cannot express are Unsupported
// (their argument reads as 0).
std::vector<SdtArg> parseSdtArgs(const std::string& spec);

} // namespace dt::elf
