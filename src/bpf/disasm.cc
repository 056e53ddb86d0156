#include "bpf/disasm.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>

namespace dt::bpf {

// Newer encodings that older uapi headers do not name.
#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80
#endif

namespace {

#define DT_HELPER_NAME(x, ...) #x // the mapper puts the commas
constexpr const char* kHelperNames[] = {__BPF_FUNC_MAPPER(DT_HELPER_NAME)};
#undef DT_HELPER_NAME
// The table is indexed by position: the mapper lists every helper in id order.
static_assert(sizeof kHelperNames / sizeof kHelperNames[0] == __BPF_FUNC_MAX_ID);

const char* aluOp(uint8_t op) {
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

const char* jmpOp(uint8_t op) {
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

const char* sizeName(uint8_t sz, bool sign = false) {
    switch (sz) {
    case BPF_B:
        return sign ? "s8" : "u8";
    case BPF_H:
        return sign ? "s16" : "u16";
    case BPF_W:
        return sign ? "s32" : "u32";
    default:
        return sign ? "s64" : "u64";
    }
}

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    if (n < 0) return "";
    if (static_cast<size_t>(n) < sizeof buf) return std::string(buf, static_cast<size_t>(n));
    std::string out(static_cast<size_t>(n) + 1, '\0');
    va_start(ap, f);
    vsnprintf(out.data(), out.size(), f, ap);
    va_end(ap);
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string alu(const struct bpf_insn& in) {
    uint8_t cls = BPF_CLASS(in.code), op = BPF_OP(in.code);
    char r = cls == BPF_ALU ? 'w' : 'r';
    if (op == BPF_END) {
        if (cls == BPF_ALU64) // unconditional byte swap
            return fmt("r%d = bswap%d r%d", in.dst_reg, in.imm, in.dst_reg);
        return fmt("r%d = %s%d r%d", in.dst_reg, BPF_SRC(in.code) == BPF_TO_BE ? "be" : "le",
                   in.imm, in.dst_reg);
    }
    if (op == BPF_NEG) return fmt("%c%d = -%c%d", r, in.dst_reg, r, in.dst_reg);
    if (op == BPF_MOV && BPF_SRC(in.code) == BPF_X && in.off != 0) // movsx
        return fmt("%c%d = (s%d)%c%d", r, in.dst_reg, in.off, r, in.src_reg);
    const char* o = aluOp(op);
    if ((op == BPF_DIV || op == BPF_MOD) && in.off == 1) o = op == BPF_DIV ? "s/=" : "s%=";
    if (BPF_SRC(in.code) == BPF_X) return fmt("%c%d %s %c%d", r, in.dst_reg, o, r, in.src_reg);
    return fmt("%c%d %s %d", r, in.dst_reg, o, in.imm);
}

std::string atomic(const struct bpf_insn& in) {
    uint8_t sz = BPF_SIZE(in.code);
    const char* bits = sz == BPF_DW ? "64" : "";
    int op = in.imm & ~BPF_FETCH;
    bool fetch = in.imm & BPF_FETCH;
    if (in.imm == BPF_CMPXCHG)
        return fmt("r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)", bits, sizeName(sz),
                   in.dst_reg, in.off, in.src_reg);
    if (in.imm == BPF_XCHG)
        return fmt("r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)", in.src_reg, bits, sizeName(sz),
                   in.dst_reg, in.off, in.src_reg);
    if (op == BPF_ADD || op == BPF_AND || op == BPF_OR || op == BPF_XOR) {
        if (!fetch)
            return fmt("lock *(%s *)(r%d %+d) %s r%d", sizeName(sz), in.dst_reg, in.off, aluOp(op),
                       in.src_reg);
        const char* name = op == BPF_ADD   ? "add"
                           : op == BPF_AND ? "and"
                           : op == BPF_OR  ? "or"
                                           : "xor";
        return fmt("r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)", in.src_reg, bits, name,
                   sizeName(sz), in.dst_reg, in.off, in.src_reg);
    }
    return fmt("(unknown atomic 0x%x)", static_cast<unsigned>(in.imm));
}

std::string ldImm64(const struct bpf_insn& in, const struct bpf_insn* next,
                    const std::function<std::string(int)>& mapName) {
    uint64_t hi = next ? static_cast<uint32_t>(next->imm) : 0;
    switch (in.src_reg) {
    case BPF_PSEUDO_MAP_FD:
    case BPF_PSEUDO_MAP_VALUE:
    case BPF_PSEUDO_MAP_IDX:
    case BPF_PSEUDO_MAP_IDX_VALUE: {
        std::string name = mapName ? mapName(in.imm) : "";
        std::string m = name.empty() ? fmt("map[idx:%d]", in.imm) : "map[" + name + "]";
        if (in.src_reg == BPF_PSEUDO_MAP_VALUE || in.src_reg == BPF_PSEUDO_MAP_IDX_VALUE)
            m += fmt("+%" PRIu64, hi);
        return fmt("r%d = ", in.dst_reg) + m;
    }
    case BPF_PSEUDO_FUNC:
        return fmt("r%d = func pc%+d", in.dst_reg, in.imm);
    default:
        return fmt("r%d = 0x%" PRIx64, in.dst_reg, static_cast<uint32_t>(in.imm) | (hi << 32));
    }
}

std::string jump(const struct bpf_insn& in) {
    uint8_t cls = BPF_CLASS(in.code), op = BPF_OP(in.code);
    if (op == BPF_CALL) {
        if (in.src_reg == BPF_PSEUDO_CALL) return fmt("call pc%+d", in.imm);
        if (in.src_reg == BPF_PSEUDO_KFUNC_CALL) return fmt("call kfunc#%d", in.imm);
        return fmt("call bpf_%s#%d", helperName(in.imm), in.imm);
    }
    if (op == BPF_EXIT) return "exit";
    if (op == BPF_JA) {
        if (cls == BPF_JMP32) return fmt("gotol pc%+d", in.imm);
        return fmt("goto pc%+d", in.off);
    }
    char r = cls == BPF_JMP32 ? 'w' : 'r';
    if (BPF_SRC(in.code) == BPF_X)
        return fmt("if %c%d %s %c%d goto pc%+d", r, in.dst_reg, jmpOp(op), r, in.src_reg, in.off);
    return fmt("if %c%d %s 0x%x goto pc%+d", r, in.dst_reg, jmpOp(op),
               static_cast<unsigned>(in.imm), in.off);
}

} // namespace

const char* helperName(int id) {
    if (id < 0 || static_cast<size_t>(id) >= sizeof kHelperNames / sizeof kHelperNames[0])
        return "unknown";
    return kHelperNames[id];
}

std::string disassembleOne(const struct bpf_insn& in, const struct bpf_insn* next,
                           const std::function<std::string(int)>& mapName) {
    uint8_t sz = BPF_SIZE(in.code), mode = BPF_MODE(in.code);
    switch (BPF_CLASS(in.code)) {
    case BPF_ALU:
    case BPF_ALU64:
        return alu(in);
    case BPF_LDX:
        return fmt("r%d = *(%s *)(r%d %+d)", in.dst_reg, sizeName(sz, mode == BPF_MEMSX),
                   in.src_reg, in.off);
    case BPF_STX:
        if (mode == BPF_ATOMIC) return atomic(in);
        return fmt("*(%s *)(r%d %+d) = r%d", sizeName(sz), in.dst_reg, in.off, in.src_reg);
    case BPF_ST:
        return fmt("*(%s *)(r%d %+d) = %d", sizeName(sz), in.dst_reg, in.off, in.imm);
    case BPF_LD:
        if (in.code == (BPF_LD | BPF_DW | BPF_IMM)) return ldImm64(in, next, mapName);
        if (mode == BPF_ABS) return fmt("r0 = *(%s *)skb[%d]", sizeName(sz), in.imm);
        if (mode == BPF_IND)
            return fmt("r0 = *(%s *)skb[r%d + %d]", sizeName(sz), in.src_reg, in.imm);
        return "(unknown ld)";
    case BPF_JMP:
    case BPF_JMP32:
        return jump(in);
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
        out += fmt("%4zu: (%02x) ", i, insns[i].code);
        out += disassembleOne(insns[i], next, mapName);
        out += '\n';
        if (insns[i].code == (BPF_LD | BPF_DW | BPF_IMM)) i++; // its second half
    }
    return out;
}

} // namespace dt::bpf
