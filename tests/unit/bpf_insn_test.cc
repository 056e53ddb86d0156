#include <bpf/bpf.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "bpf/disasm.h"
#include "bpf/insn.h"

namespace dt::bpf {
namespace {

TEST(Builder, EncodesAluAndMemory) {
    Builder b;
    b.mov(R1, R9);
    b.alu(Alu::Add, R1, -8);
    b.alu32(Alu::Mov, R0, R0);
    b.load(Size::DW, R2, R10, -8);
    b.store(Size::W, R10, -16, R1);
    b.storeImm(Size::H, R8, 4, 0xffff);
    b.atomicAdd(Size::DW, R0, 8, R1);
    b.exit();
    b.finish();
    const auto& in = b.insns();
    ASSERT_EQ(in.size(), 8u);
    EXPECT_EQ(in[0].code, BPF_ALU64 | BPF_MOV | BPF_X);
    EXPECT_EQ(in[0].dst_reg, 1);
    EXPECT_EQ(in[0].src_reg, 9);
    EXPECT_EQ(in[1].code, BPF_ALU64 | BPF_ADD | BPF_K);
    EXPECT_EQ(in[1].imm, -8);
    EXPECT_EQ(in[2].code, BPF_ALU | BPF_MOV | BPF_X);
    EXPECT_EQ(in[3].code, BPF_LDX | BPF_DW | BPF_MEM);
    EXPECT_EQ(in[3].off, -8);
    EXPECT_EQ(in[4].code, BPF_STX | BPF_W | BPF_MEM);
    EXPECT_EQ(in[5].code, BPF_ST | BPF_H | BPF_MEM);
    EXPECT_EQ(in[6].code, BPF_STX | BPF_DW | BPF_ATOMIC);
    EXPECT_EQ(in[6].imm, BPF_ADD);
    EXPECT_EQ(in[7].code, BPF_JMP | BPF_EXIT);
}

TEST(Builder, LoadImmUsesMovWhenItFits) {
    Builder b;
    b.loadImm(R1, -5);
    b.loadImm(R2, 0x123456789LL);
    b.finish();
    ASSERT_EQ(b.insns().size(), 3u);
    EXPECT_EQ(b.insns()[0].code, BPF_ALU64 | BPF_MOV | BPF_K);
    EXPECT_EQ(b.insns()[1].code, BPF_LD | BPF_DW | BPF_IMM);
    EXPECT_EQ(static_cast<uint32_t>(b.insns()[1].imm), 0x23456789u);
    EXPECT_EQ(b.insns()[2].imm, 1);
}

TEST(Builder, LabelsForwardAndBackward) {
    Builder b;
    Label top = b.newLabel(), out = b.newLabel();
    b.bind(top);
    b.alu(Alu::Add, R1, 1);
    b.jmp(Cond::Gt, R1, 10, out);
    b.jmp(top);
    b.bind(out);
    b.exit();
    b.finish();
    EXPECT_EQ(b.insns()[1].off, 1);  // to exit
    EXPECT_EQ(b.insns()[2].off, -3); // back to the add
}

TEST(Builder, UnboundLabelAndFarJumpThrow) {
    Builder b;
    Label l = b.newLabel();
    b.jmp(l);
    EXPECT_THROW(b.finish(), std::logic_error);
    Builder far;
    Label end = far.newLabel();
    far.jmp(end);
    for (int i = 0; i < 40000; i++)
        far.mov(R0, 0);
    far.bind(end);
    far.exit();
    EXPECT_THROW(far.finish(), std::logic_error);
}

TEST(Builder, MapRelocsAndCalls) {
    Builder b;
    Label fn = b.newLabel();
    b.loadMapFd(R1, 2);
    b.loadMapValue(R2, 3, 16);
    b.callLocal(fn);
    b.exit();
    b.bind(fn);
    b.mov(R0, 7);
    b.exit();
    b.finish();
    ASSERT_EQ(b.relocs().size(), 2u);
    EXPECT_EQ(b.relocs()[0].insn, 0u);
    EXPECT_EQ(b.relocs()[0].map, 2);
    EXPECT_EQ(b.insns()[0].src_reg, BPF_PSEUDO_MAP_FD);
    EXPECT_EQ(b.relocs()[1].kind, MapReloc::Kind::Value);
    EXPECT_EQ(b.insns()[3].imm, 16);
    EXPECT_EQ(b.insns()[4].src_reg, BPF_PSEUDO_CALL);
    EXPECT_EQ(b.insns()[4].imm, 1);
    auto starts = b.functionStarts();
    ASSERT_EQ(starts.size(), 2u);
    EXPECT_EQ(starts[1], 6u);
}

TEST(Disasm, VerifierStyle) {
    Builder b;
    Label l = b.newLabel();
    b.mov(R6, R1);
    b.load(Size::DW, R2, R10, -8);
    b.jmp(Cond::Eq, R0, 0, l);
    b.call(BPF_FUNC_map_lookup_elem);
    b.bind(l);
    b.alu32(Alu::Mov, R0, R0);
    b.exit();
    b.finish();
    EXPECT_EQ(disassemble(b.insns()), "   0: (bf) r6 = r1\n"
                                      "   1: (79) r2 = *(u64 *)(r10 -8)\n"
                                      "   2: (15) if r0 == 0x0 goto pc+1\n"
                                      "   3: (85) call bpf_map_lookup_elem#1\n"
                                      "   4: (bc) w0 = w0\n"
                                      "   5: (95) exit\n");
}

// The encodings are what the kernel accepts: load and run a program with a
// BPF-to-BPF call and a direct map value access.
TEST(Kernel, LoadsAndRunsBuilderOutput) {
    int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "dt_test", 4, 16, 1, nullptr);
    if (map < 0) GTEST_SKIP() << "no BPF (not root?)";
    Builder b;
    Label fn = b.newLabel();
    b.mov(R1, 20);
    b.callLocal(fn);
    b.loadMapValue(R1, 0, 8);
    b.store(Size::DW, R1, 0, R0);
    b.exit();
    b.bind(fn);
    b.mov(R0, R1);
    b.alu(Alu::Add, R0, 22);
    b.exit();
    b.finish();
    auto insns = b.insns();
    for (const auto& r : b.relocs())
        insns[r.insn].imm = map;
    int prog = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "dt_test", "GPL", insns.data(),
                             insns.size(), nullptr);
    ASSERT_GE(prog, 0) << "verifier refused the program";
    uint64_t args[2] = {};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof args);
    ASSERT_EQ(bpf_prog_test_run_opts(prog, &opts), 0);
    EXPECT_EQ(opts.retval, 42u);
    uint32_t key = 0;
    uint64_t val[2] = {};
    ASSERT_EQ(bpf_map_lookup_elem(map, &key, val), 0);
    EXPECT_EQ(val[1], 42u);
    close(prog);
    close(map);
}

} // namespace
} // namespace dt::bpf
