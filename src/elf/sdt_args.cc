#include "elf/sdt_args.h"

#include <cstdlib>
#include <cstring>

#include "util/strutil.h"

namespace dt::elf {

namespace {

// x86-64 struct pt_regs offsets, for every name of each register.
int regsOffset(std::string r) {
    struct Reg {
        const char* names[4];
        int offset;
    };
    static const Reg kRegs[] = {
        {{"rax", "eax", "ax", "al"}, 80},
        {{"rbx", "ebx", "bx", "bl"}, 40},
        {{"rcx", "ecx", "cx", "cl"}, 88},
        {{"rdx", "edx", "dx", "dl"}, 96},
        {{"rsi", "esi", "si", "sil"}, 104},
        {{"rdi", "edi", "di", "dil"}, 112},
        {{"rbp", "ebp", "bp", "bpl"}, 32},
        {{"rsp", "esp", "sp", "spl"}, 152},
        {{"r8", "r8d", "r8w", "r8b"}, 72},
        {{"r9", "r9d", "r9w", "r9b"}, 64},
        {{"r10", "r10d", "r10w", "r10b"}, 56},
        {{"r11", "r11d", "r11w", "r11b"}, 48},
        {{"r12", "r12d", "r12w", "r12b"}, 24},
        {{"r13", "r13d", "r13w", "r13b"}, 16},
        {{"r14", "r14d", "r14w", "r14b"}, 8},
        {{"r15", "r15d", "r15w", "r15b"}, 0},
        {{"ah", "", "", ""}, -1},
        {{"rip", "eip", "", ""}, 128},
    };
    if (!r.empty() && r[0] == '%') r = r.substr(1);
    for (const Reg& reg : kRegs)
        for (const char* n : reg.names)
            if (*n && r == n) return reg.offset;
    return -1;
}

SdtArg parseOne(const std::string& op) {
    SdtArg a;
    size_t at = op.find('@');
    std::string loc = op;
    if (at != std::string::npos) {
        int size = atoi(op.substr(0, at).c_str());
        a.isSigned = size < 0;
        a.size = std::abs(size);
        loc = op.substr(at + 1);
    }
    if (a.size != 1 && a.size != 2 && a.size != 4 && a.size != 8) a.size = 8;
    if (loc.empty()) return a;
    if (loc[0] == '$') {
        char* end = nullptr;
        long long v = strtoll(loc.c_str() + 1, &end, 0);
        if (*end == '\0') {
            a.kind = SdtArg::Kind::Immediate;
            a.value = v;
        }
        return a;
    }
    if (loc[0] == '%') {
        a.regsOffset = regsOffset(loc);
        if (a.regsOffset >= 0 && a.regsOffset != 128) a.kind = SdtArg::Kind::Register;
        return a;
    }
    // disp(%reg): a memory operand (index registers and symbols unsupported).
    size_t open = loc.find('(');
    if (open == std::string::npos || loc.back() != ')') return a;
    std::string reg = loc.substr(open + 1, loc.size() - open - 2);
    if (reg.find(',') != std::string::npos) return a;
    char* end = nullptr;
    std::string disp = loc.substr(0, open);
    long long d = disp.empty() ? 0 : strtoll(disp.c_str(), &end, 0);
    if (!disp.empty() && *end != '\0') return a;
    a.regsOffset = regsOffset(reg);
    if (a.regsOffset < 0 || a.regsOffset == 128) return a;
    a.kind = SdtArg::Kind::Memory;
    a.value = d;
    return a;
}

} // namespace

std::vector<SdtArg> parseSdtArgs(const std::string& spec) {
    std::vector<SdtArg> out;
    for (const std::string& op : split(spec, ' '))
        if (!trim(op).empty()) out.push_back(parseOne(trim(op)));
    return out;
}

} // namespace dt::elf
