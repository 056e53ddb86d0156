#include <gtest/gtest.h>

#include <string>

#include "bpf/disasm.h"
#include "bpf/insn.h"

namespace dt::bpf {
namespace {

struct bpf_insn raw(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
    struct bpf_insn in {};
    in.code = code;
    in.dst_reg = dst;
    in.src_reg = src;
    in.off = off;
    in.imm = imm;
    return in;
}

std::string one(const struct bpf_insn& in, const struct bpf_insn* next = nullptr) {
    return disassembleOne(in, next);
}

TEST(Disasm, SmallProgramVerifierStyle) {
    Builder b;
    Label skip = b.newLabel(), back = b.newLabel(), fn = b.newLabel(), end = b.newLabel();
    b.nameLabel(fn, "fn");
    b.mov(R6, R1); // 0
    b.mov(R0, 0);  // 1
    b.bind(back);
    b.alu(Alu::Add, R1, -8);          // 2
    b.load(Size::DW, R2, R10, -8);    // 3
    b.store(Size::DW, R10, -16, R1);  // 4
    b.storeImm(Size::W, R10, -4, 0);  // 5
    b.loadMapFd(R1, 3);               // 6, 7
    b.call(BPF_FUNC_map_lookup_elem); // 8
    b.callLocal(fn);                  // 9
    b.jmp(Cond::Eq, R0, 0, end);      // 10
    b.jmp(Cond::Gt, R1, R2, back);    // 11
    b.jmp(skip);                      // 12
    b.exit();                         // 13
    b.bind(skip);
    b.atomicAdd(Size::DW, R1, 0, R2); // 14
    b.toBigEndian(R1, 16);            // 15
    b.alu32(Alu::Add, R1, 3);         // 16
    b.jmp32(Cond::Slt, R1, -1, end);  // 17
    b.jmp(Cond::Set, R1, 0x10, end);  // 18
    b.alu(Alu::Arsh, R3, R4);         // 19
    b.loadMapValue(R2, 1, 24);        // 20, 21
    b.loadImm(R3, 0x1234567890LL);    // 22, 23
    b.neg(R4);                        // 24
    b.load(Size::B, R5, R6, 7);       // 25
    b.bind(end);
    b.exit(); // 26
    b.bind(fn);
    b.mov(R0, 1); // 27
    b.exit();     // 28
    b.finish();

    EXPECT_EQ(disassemble(b.insns(), {}, [&](size_t pc) { return b.labelNameAt(pc); }),
              "   0: (bf) r6 = r1\n"
              "   1: (b7) r0 = 0\n"
              "   2: (07) r1 += -8\n"
              "   3: (79) r2 = *(u64 *)(r10 -8)\n"
              "   4: (7b) *(u64 *)(r10 -16) = r1\n"
              "   5: (62) *(u32 *)(r10 -4) = 0\n"
              "   6: (18) r1 = map[idx:3]\n"
              "   8: (85) call bpf_map_lookup_elem#1\n"
              "   9: (85) call pc+17\n"
              "  10: (15) if r0 == 0x0 goto pc+15\n"
              "  11: (2d) if r1 > r2 goto pc-10\n"
              "  12: (05) goto pc+1\n"
              "  13: (95) exit\n"
              "  14: (db) lock *(u64 *)(r1 +0) += r2\n"
              "  15: (dc) r1 = be16 r1\n"
              "  16: (04) w1 += 3\n"
              "  17: (c6) if w1 s< 0xffffffff goto pc+8\n"
              "  18: (45) if r1 & 0x10 goto pc+7\n"
              "  19: (cf) r3 s>>= r4\n"
              "  20: (18) r2 = map[idx:1]+24\n"
              "  22: (18) r3 = 0x1234567890\n"
              "  24: (87) r4 = -r4\n"
              "  25: (71) r5 = *(u8 *)(r6 +7)\n"
              "  26: (95) exit\n"
              "fn:\n"
              "  27: (b7) r0 = 1\n"
              "  28: (95) exit\n");
}

TEST(Disasm, MapNames) {
    Builder b;
    b.loadMapFd(R1, 0);
    b.loadMapValue(R2, 1, 8);
    b.loadMapFd(R3, 2);
    b.finish();
    auto name = [](int m) -> std::string { return m == 2 ? "" : "@m" + std::to_string(m); };
    EXPECT_EQ(disassemble(b.insns(), name), "   0: (18) r1 = map[@m0]\n"
                                            "   2: (18) r2 = map[@m1]+8\n"
                                            "   4: (18) r3 = map[idx:2]\n");
}

TEST(Disasm, RegisterForms) {
    EXPECT_EQ(one(raw(BPF_ALU | BPF_MOV | BPF_X, 0, 0, 0, 0)), "w0 = w0");
    EXPECT_EQ(one(raw(BPF_ALU | BPF_MOV | BPF_K, 2, 0, 0, -1)), "w2 = -1");
    EXPECT_EQ(one(raw(BPF_ALU | BPF_NEG, 3, 0, 0, 0)), "w3 = -w3");
    EXPECT_EQ(one(raw(BPF_ALU | BPF_ARSH | BPF_K, 1, 0, 0, 4)), "w1 s>>= 4");
    EXPECT_EQ(one(raw(BPF_ALU64 | BPF_RSH | BPF_K, 1, 0, 0, 4)), "r1 >>= 4");
    EXPECT_EQ(one(raw(BPF_ALU64 | BPF_LSH | BPF_X, 1, 2, 0, 0)), "r1 <<= r2");
    EXPECT_EQ(one(raw(BPF_ALU64 | BPF_MOD | BPF_X, 1, 2, 0, 0)), "r1 %= r2");
    EXPECT_EQ(one(raw(BPF_ALU64 | BPF_DIV | BPF_K, 1, 0, 1, 3)), "r1 s/= 3");
    EXPECT_EQ(one(raw(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0)), "r1 = (s8)r2");
    EXPECT_EQ(one(raw(BPF_ALU | BPF_END | BPF_TO_LE, 4, 0, 0, 32)), "r4 = le32 r4");
    EXPECT_EQ(one(raw(BPF_ALU64 | BPF_END, 4, 0, 0, 64)), "r4 = bswap64 r4");
}

TEST(Disasm, JumpForms) {
    EXPECT_EQ(one(raw(BPF_JMP32 | BPF_JEQ | BPF_X, 1, 2, -4, 0)), "if w1 == w2 goto pc-4");
    EXPECT_EQ(one(raw(BPF_JMP | BPF_JSGE | BPF_K, 1, 0, 2, 5)), "if r1 s>= 0x5 goto pc+2");
    EXPECT_EQ(one(raw(BPF_JMP | BPF_JSLE | BPF_X, 1, 9, 0, 0)), "if r1 s<= r9 goto pc+0");
    EXPECT_EQ(one(raw(BPF_JMP | BPF_JNE | BPF_K, 7, 0, 1, 0)), "if r7 != 0x0 goto pc+1");
    EXPECT_EQ(one(raw(BPF_JMP32 | BPF_JSET | BPF_X, 1, 2, 3, 0)), "if w1 & w2 goto pc+3");
    EXPECT_EQ(one(raw(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_reserve)),
              "call bpf_ringbuf_reserve#131");
    EXPECT_EQ(one(raw(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -7)), "call pc-7");
}

TEST(Disasm, MemoryForms) {
    EXPECT_EQ(one(raw(BPF_LDX | BPF_H | BPF_MEM, 1, 2, 0, 0)), "r1 = *(u16 *)(r2 +0)");
    EXPECT_EQ(one(raw(BPF_ST | BPF_B | BPF_MEM, 10, 0, -1, 255)), "*(u8 *)(r10 -1) = 255");
    EXPECT_EQ(one(raw(BPF_STX | BPF_W | BPF_ATOMIC, 1, 2, 4, BPF_ADD)),
              "lock *(u32 *)(r1 +4) += r2");
    EXPECT_EQ(one(raw(BPF_STX | BPF_DW | BPF_ATOMIC, 1, 2, 0, BPF_ADD | BPF_FETCH)),
              "r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)");
    EXPECT_EQ(one(raw(BPF_STX | BPF_DW | BPF_ATOMIC, 1, 2, 0, BPF_CMPXCHG)),
              "r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)");
}

TEST(Disasm, LdImm64) {
    auto lo = raw(BPF_LD | BPF_DW | BPF_IMM, 1, 0, 0, static_cast<int32_t>(0xdeadbeef));
    auto hi = raw(0, 0, 0, 0, 0x12);
    EXPECT_EQ(one(lo, &hi), "r1 = 0x12deadbeef");
    EXPECT_EQ(one(lo), "r1 = 0xdeadbeef");
    auto big = raw(0, 0, 0, 0, -1);
    EXPECT_EQ(one(lo, &big), "r1 = 0xffffffffdeadbeef");
}

TEST(Disasm, Labels) {
    Builder b;
    Label l = b.newLabel();
    b.jmp(l);
    b.bind(l);
    b.exit();
    b.finish();
    auto at = [](size_t pc) { return pc == 1 ? std::string("out") : std::string(); };
    EXPECT_EQ(disassemble(b.insns(), {}, at), "   0: (05) goto pc+0\n"
                                              "out:\n"
                                              "   1: (95) exit\n");
}

TEST(Disasm, HelperNames) {
    EXPECT_STREQ(helperName(BPF_FUNC_unspec), "unspec");
    EXPECT_STREQ(helperName(BPF_FUNC_map_lookup_elem), "map_lookup_elem");
    EXPECT_STREQ(helperName(BPF_FUNC_probe_read_user_str), "probe_read_user_str");
    EXPECT_STREQ(helperName(BPF_FUNC_ringbuf_reserve), "ringbuf_reserve");
    EXPECT_STRNE(helperName(__BPF_FUNC_MAX_ID - 1), "unknown");
    EXPECT_STREQ(helperName(__BPF_FUNC_MAX_ID), "unknown");
    EXPECT_STREQ(helperName(-1), "unknown");
}

} // namespace
} // namespace dt::bpf
