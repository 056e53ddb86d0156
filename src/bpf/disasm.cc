#include "bpf/disasm.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>

namespace dt::bpf {

const char* helperName(int id) {
    static const char* const names[] = {
#define DT_HELPER_NAME(x, ...) #x
        __BPF_FUNC_MAPPER(DT_HELPER_NAME)
#undef DT_HELPER_NAME
    };
    if (id < 0 || static_cast<size_t>(id) >= sizeof names / sizeof names[0]) return "unknown";
    return names[id];
}

static const char* aluOp(uint8_t op) {
    switch (op) {
    case BPF_ADD:
        return "+=";
    case BPF_SUB:
        return "-=";
    case BPF_MUL:
        return "*=";
    case BPF_DIV:
        return "/=";
    case BPF_OR:
        return "|=";
    case BPF_AND:
        return "&=";
    case BPF_LSH:
        return "<<=";
    case BPF_RSH:
        return ">>=";
    case BPF_MOD:
        return "%=";
    case BPF_XOR:
        return "^=";
    case BPF_MOV:
        return "=";
    case BPF_ARSH:
        return "s>>=";
    }
    return "?=";
}

static const char* jmpOp(uint8_t op) {
    switch (op) {
    case BPF_JEQ:
        return "==";
    case BPF_JGT:
        return ">";
    case BPF_JGE:
        return ">=";
    case BPF_JSET:
        return "&";
    case BPF_JNE:
        return "!=";
    case BPF_JSGT:
        return "s>";
    case BPF_JSGE:
        return "s>=";
    case BPF_JLT:
        return "<";
    case BPF_JLE:
        return "<=";
    case BPF_JSLT:
        return "s<";
    case BPF_JSLE:
        return "s<=";
    }
    return "?";
}

static const char* sizeName(uint8_t sz) {
    switch (sz) {
    case BPF_B:
        return "u8";
    case BPF_H:
        return "u16";
    case BPF_W:
        return "u32";
    default:
        return "u64";
    }
}

static std::string printf_(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
static std::string printf_(const char* fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

std::string disassembleOne(const struct bpf_insn& in, const struct bpf_insn* next,
                           const std::function<std::string(int)>& mapName) {
    uint8_t cls = BPF_CLASS(in.code);
    char r = 'r';
    switch (cls) {
    case BPF_ALU:
        r = 'w';
        [[fallthrough]];
    case BPF_ALU64: {
        uint8_t op = BPF_OP(in.code);
        if (op == BPF_END)
            return printf_("r%d = %s%d r%d", in.dst_reg,
                           BPF_SRC(in.code) == BPF_TO_BE ? "be" : "le", in.imm, in.dst_reg);
        if (op == BPF_NEG) return printf_("%c%d = -%c%d", r, in.dst_reg, r, in.dst_reg);
        const char* o = aluOp(op);
        if ((op == BPF_DIV || op == BPF_MOD) && in.off == 1) o = op == BPF_DIV ? "s/=" : "s%=";
        if (BPF_SRC(in.code) == BPF_X)
            return printf_("%c%d %s %c%d", r, in.dst_reg, o, r, in.src_reg);
        return printf_("%c%d %s %d", r, in.dst_reg, o, in.imm);
    }
    case BPF_LDX:
        return printf_("r%d = *(%s *)(r%d %+d)", in.dst_reg, sizeName(BPF_SIZE(in.code)),
                       in.src_reg, in.off);
    case BPF_STX:
        if (BPF_MODE(in.code) == BPF_ATOMIC)
            return printf_("lock *(%s *)(r%d %+d) += r%d", sizeName(BPF_SIZE(in.code)), in.dst_reg,
                           in.off, in.src_reg);
        return printf_("*(%s *)(r%d %+d) = r%d", sizeName(BPF_SIZE(in.code)), in.dst_reg, in.off,
                       in.src_reg);
    case BPF_ST:
        return printf_("*(%s *)(r%d %+d) = %d", sizeName(BPF_SIZE(in.code)), in.dst_reg, in.off,
                       in.imm);
    case BPF_LD:
        if (in.code == (BPF_LD | BPF_DW | BPF_IMM)) {
            uint64_t hi = next ? static_cast<uint32_t>(next->imm) : 0;
            if (in.src_reg == BPF_PSEUDO_MAP_FD || in.src_reg == BPF_PSEUDO_MAP_VALUE) {
                std::string name = mapName ? mapName(in.imm) : "";
                std::string m = name.empty() ? printf_("map[idx:%d]", in.imm) : "map[" + name + "]";
                if (in.src_reg == BPF_PSEUDO_MAP_VALUE) m += printf_("+%" PRIu64, hi);
                return printf_("r%d = %s", in.dst_reg, m.c_str());
            }
            uint64_t v = static_cast<uint32_t>(in.imm) | (hi << 32);
            return printf_("r%d = 0x%" PRIx64, in.dst_reg, v);
        }
        return "(unknown ld)";
    case BPF_JMP:
    case BPF_JMP32: {
        uint8_t op = BPF_OP(in.code);
        if (op == BPF_CALL) {
            if (in.src_reg == BPF_PSEUDO_CALL) return printf_("call pc%+d", in.imm);
            return printf_("call bpf_%s#%d", helperName(in.imm), in.imm);
        }
        if (op == BPF_EXIT) return "exit";
        if (op == BPF_JA) return printf_("goto pc%+d", in.off);
        char rr = cls == BPF_JMP32 ? 'w' : 'r';
        if (BPF_SRC(in.code) == BPF_X)
            return printf_("if %c%d %s %c%d goto pc%+d", rr, in.dst_reg, jmpOp(op), rr, in.src_reg,
                           in.off);
        return printf_("if %c%d %s 0x%x goto pc%+d", rr, in.dst_reg, jmpOp(op),
                       static_cast<unsigned>(in.imm), in.off);
    }
    }
    return "(unknown)";
}

std::string disassemble(const std::vector<struct bpf_insn>& insns,
                        const std::function<std::string(int)>& mapName,
                        const std::function<std::string(size_t)>& labelAt) {
    std::string out;
    for (size_t i = 0; i < insns.size(); i++) {
        if (labelAt) {
            std::string l = labelAt(i);
            if (!l.empty()) out += l + ":\n";
        }
        const bpf_insn* next = i + 1 < insns.size() ? &insns[i + 1] : nullptr;
        out += printf_("%4zu: (%02x) ", i, insns[i].code);
        out += disassembleOne(insns[i], next, mapName);
        out += "\n";
        if (insns[i].code == (BPF_LD | BPF_DW | BPF_IMM)) i++;
    }
    return out;
}

} // namespace dt::bpf
