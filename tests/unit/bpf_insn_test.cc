#include <bpf/bpf.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "bpf/disasm.h"
#include "bpf/insn.h"

namespace dt::bpf {
namespace {

// Checks every field of one instruction.
void expectInsn(const struct bpf_insn& in, uint8_t code, uint8_t dst, uint8_t src, int16_t off,
                int32_t imm) {
    EXPECT_EQ(in.code, code) << "code";
    EXPECT_EQ(in.dst_reg, dst) << "dst_reg";
    EXPECT_EQ(in.src_reg, src) << "src_reg";
    EXPECT_EQ(in.off, off) << "off";
    EXPECT_EQ(in.imm, imm) << "imm";
}

TEST(Builder, SizeFor) {
    EXPECT_EQ(sizeFor(1), Size::B);
    EXPECT_EQ(sizeFor(2), Size::H);
    EXPECT_EQ(sizeFor(4), Size::W);
    EXPECT_EQ(sizeFor(8), Size::DW);
}

TEST(Builder, EncodesAlu) {
    Builder b;
    b.mov(R1, R9);
    b.mov(R2, -7);
    b.alu(Alu::Add, R1, -8);
    b.alu(Alu::Xor, R3, R4);
    b.alu32(Alu::Mov, R0, R5);
    b.alu32(Alu::Lsh, R6, 3);
    b.alu(Alu::Arsh, R7, 63);
    b.neg(R8);
    b.toBigEndian(R1, 16);
    b.toBigEndian(R2, 64);
    b.finish();
    const auto& in = b.insns();
    ASSERT_EQ(in.size(), 10u);
    expectInsn(in[0], BPF_ALU64 | BPF_MOV | BPF_X, 1, 9, 0, 0);
    expectInsn(in[1], BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, -7);
    expectInsn(in[2], BPF_ALU64 | BPF_ADD | BPF_K, 1, 0, 0, -8);
    expectInsn(in[3], BPF_ALU64 | BPF_XOR | BPF_X, 3, 4, 0, 0);
    expectInsn(in[4], BPF_ALU | BPF_MOV | BPF_X, 0, 5, 0, 0);
    expectInsn(in[5], BPF_ALU | BPF_LSH | BPF_K, 6, 0, 0, 3);
    expectInsn(in[6], BPF_ALU64 | BPF_ARSH | BPF_K, 7, 0, 0, 63);
    expectInsn(in[7], BPF_ALU64 | BPF_NEG | BPF_K, 8, 0, 0, 0);
    expectInsn(in[8], BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 16);
    expectInsn(in[9], BPF_ALU | BPF_END | BPF_TO_BE, 2, 0, 0, 64);
    EXPECT_THROW(b.toBigEndian(R1, 8), std::logic_error);
}

TEST(Builder, EncodesMemory) {
    Builder b;
    b.load(Size::DW, R2, R10, -8);
    b.load(Size::B, R3, R1, 5);
    b.store(Size::W, R10, -16, R1);
    b.storeImm(Size::H, R8, 4, 0xffff);
    b.atomicAdd(Size::DW, R0, 8, R1);
    b.atomicAdd(Size::W, R6, -4, R2);
    b.finish();
    const auto& in = b.insns();
    ASSERT_EQ(in.size(), 6u);
    expectInsn(in[0], BPF_LDX | BPF_DW | BPF_MEM, 2, 10, -8, 0);
    expectInsn(in[1], BPF_LDX | BPF_B | BPF_MEM, 3, 1, 5, 0);
    expectInsn(in[2], BPF_STX | BPF_W | BPF_MEM, 10, 1, -16, 0);
    expectInsn(in[3], BPF_ST | BPF_H | BPF_MEM, 8, 0, 4, 0xffff);
    expectInsn(in[4], BPF_STX | BPF_DW | BPF_ATOMIC, 0, 1, 8, BPF_ADD);
    expectInsn(in[5], BPF_STX | BPF_W | BPF_ATOMIC, 6, 2, -4, BPF_ADD);
    EXPECT_THROW(b.atomicAdd(Size::B, R0, 0, R1), std::logic_error);
}

TEST(Builder, LoadImm) {
    Builder b;
    b.loadImm(R1, -5);
    b.loadImm(R2, 0x123456789LL);
    b.loadImm(R3, INT32_MAX);
    b.loadImm(R4, INT32_MIN);
    b.loadImm(R5, static_cast<int64_t>(INT32_MAX) + 1);
    b.loadImm(R6, -1LL << 40);
    b.finish();
    const auto& in = b.insns();
    ASSERT_EQ(in.size(), 9u);
    expectInsn(in[0], BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, -5);
    expectInsn(in[1], BPF_LD | BPF_DW | BPF_IMM, 2, 0, 0, 0x23456789);
    expectInsn(in[2], 0, 0, 0, 0, 1);
    expectInsn(in[3], BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, INT32_MAX);
    expectInsn(in[4], BPF_ALU64 | BPF_MOV | BPF_K, 4, 0, 0, INT32_MIN);
    expectInsn(in[5], BPF_LD | BPF_DW | BPF_IMM, 5, 0, 0, INT32_MIN); // low half 0x80000000
    expectInsn(in[6], 0, 0, 0, 0, 0);
    expectInsn(in[7], BPF_LD | BPF_DW | BPF_IMM, 6, 0, 0, 0);
    expectInsn(in[8], 0, 0, 0, 0, static_cast<int32_t>(0xffffff00u));
}

TEST(Builder, Jumps) {
    Builder b;
    Label t = b.newLabel();
    b.jmp(t);                        // 0
    b.jmp(Cond::Eq, R1, R2, t);      // 1
    b.jmp(Cond::Sgt, R3, -1, t);     // 2
    b.jmp32(Cond::Set, R4, 0x80, t); // 3
    b.jmp32(Cond::Lt, R5, R6, t);    // 4
    b.bind(t);
    b.exit(); // 5
    b.finish();
    const auto& in = b.insns();
    expectInsn(in[0], BPF_JMP | BPF_JA, 0, 0, 4, 0);
    expectInsn(in[1], BPF_JMP | BPF_JEQ | BPF_X, 1, 2, 3, 0);
    expectInsn(in[2], BPF_JMP | BPF_JSGT | BPF_K, 3, 0, 2, -1);
    expectInsn(in[3], BPF_JMP32 | BPF_JSET | BPF_K, 4, 0, 1, 0x80);
    expectInsn(in[4], BPF_JMP32 | BPF_JLT | BPF_X, 5, 6, 0, 0);
    expectInsn(in[5], BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

TEST(Builder, LabelsForwardAndBackward) {
    Builder b;
    Label top = b.newLabel(), out = b.newLabel();
    b.mov(R1, 0);
    b.bind(top);
    b.alu(Alu::Add, R1, 1);       // 1
    b.jmp(Cond::Gt, R1, 10, out); // 2
    b.jmp(top);                   // 3
    b.bind(out);
    b.exit(); // 4
    b.finish();
    EXPECT_EQ(b.insns()[2].off, 1);  // to exit
    EXPECT_EQ(b.insns()[3].off, -3); // back to the add
}

TEST(Builder, JumpOverLdImm64CountsBothHalves) {
    Builder b;
    Label l = b.newLabel();
    b.jmp(Cond::Ne, R1, 0, l);
    b.loadImm(R2, 1LL << 33);
    b.bind(l);
    b.exit();
    b.finish();
    EXPECT_EQ(b.insns()[0].off, 2);
}

TEST(Builder, JumpRangeLimits) {
    // Exactly INT16_MAX forward and INT16_MIN backward fit.
    Builder ok;
    Label fwd = ok.newLabel(), back = ok.newLabel();
    ok.jmp(fwd); // 0
    ok.bind(back);
    for (int i = 0; i < INT16_MAX; i++) // 1 .. INT16_MAX
        ok.mov(R0, 0);
    ok.bind(fwd);
    ok.jmp(back); // INT16_MAX + 1
    ok.exit();
    EXPECT_NO_THROW(ok.finish());
    EXPECT_EQ(ok.insns()[0].off, INT16_MAX);
    EXPECT_EQ(ok.insns()[INT16_MAX + 1].off, INT16_MIN);

    // One more backward is a gotol, in place.
    Builder far;
    Label top = far.newLabel();
    far.bind(top);
    for (int i = 0; i <= INT16_MAX; i++)
        far.mov(R0, 0);
    far.jmp(top);
    far.exit();
    far.finish();
    ASSERT_EQ(far.insns().size(), INT16_MAX + 3u);
    expectInsn(far.insns()[INT16_MAX + 1], BPF_JMP32 | BPF_JA, 0, 0, 0, INT16_MIN - 1);
}

TEST(Builder, FarUnconditionalJumpIsGotol) {
    Builder b;
    Label end = b.newLabel(), near = b.newLabel();
    b.jmp(end);  // 0
    b.jmp(near); // 1
    b.bind(near);
    for (int i = 0; i < 40000; i++) // 2 .. 40001
        b.mov(R0, 0);
    b.bind(end);
    b.exit(); // 40002
    b.finish();
    ASSERT_EQ(b.insns().size(), 40003u); // nothing inserted
    expectInsn(b.insns()[0], BPF_JMP32 | BPF_JA, 0, 0, 0, 40001);
    expectInsn(b.insns()[1], BPF_JMP | BPF_JA, 0, 0, 0, 0);
}

// A far conditional jump becomes the inverted condition over a gotol (a
// JSET, which has no inverse, jumps to the gotol with a goto past it):
// what comes after the insertions moves, and every jump, call, relocation,
// label and storePc that spans or follows them still points where it did.
TEST(Builder, FarConditionalJumpInvertsOverGotol) {
    Builder b;
    Label far = b.newLabel(), near = b.newLabel(), back = b.newLabel(), fn = b.newLabel();
    b.nameLabel(fn, "fn");
    b.loadMapFd(R1, 1); // 0, 1
    b.bind(back);
    b.jmp(Cond::Eq, R1, 0, near);      // 2: near, over an insertion
    b.jmp(Cond::Gt, R1, 7, far);       // 3 -> 3, 4
    b.bind(near);                      //
    b.jmp32(Cond::Lt, R2, R3, far);    // 4 -> 5, 6
    b.jmp32(Cond::Set, R4, 0x10, far); // 5 -> 7, 8, 9
    b.storePc(Size::DW, R10, -8);      // 6 -> 10
    b.callLocal(fn);                   // 7 -> 11
    b.loadMapValue(R2, 2, 8);          // 8, 9 -> 12, 13
    b.jmp(back);                       // 10 -> 14
    for (int i = 0; i < 40000; i++)    // 11 .. 40010 -> 15 .. 40014
        b.mov(R0, 0);
    b.bind(far);
    b.exit(); // 40011 -> 40015
    b.bind(fn);
    b.mov(R0, 1); // 40012 -> 40016
    b.exit();     // 40013 -> 40017
    b.finish();
    const auto& in = b.insns();
    ASSERT_EQ(in.size(), 40018u);
    expectInsn(in[2], BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 2, 0);
    expectInsn(in[3], BPF_JMP | BPF_JLE | BPF_K, 1, 0, 1, 7);
    expectInsn(in[4], BPF_JMP32 | BPF_JA, 0, 0, 0, 40015 - 5);
    expectInsn(in[5], BPF_JMP32 | BPF_JGE | BPF_X, 2, 3, 1, 0);
    expectInsn(in[6], BPF_JMP32 | BPF_JA, 0, 0, 0, 40015 - 7);
    expectInsn(in[7], BPF_JMP32 | BPF_JSET | BPF_K, 4, 0, 1, 0x10);
    expectInsn(in[8], BPF_JMP | BPF_JA, 0, 0, 1, 0);
    expectInsn(in[9], BPF_JMP32 | BPF_JA, 0, 0, 0, 40015 - 10);
    expectInsn(in[10], BPF_ST | BPF_DW | BPF_MEM, 10, 0, -8, 10);
    expectInsn(in[11], BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 40016 - 12);
    expectInsn(in[12], BPF_LD | BPF_DW | BPF_IMM, 2, BPF_PSEUDO_MAP_VALUE, 0, 2);
    expectInsn(in[13], 0, 0, 0, 0, 8);
    expectInsn(in[14], BPF_JMP | BPF_JA, 0, 0, 2 - 15, 0);
    expectInsn(in[40015], BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
    ASSERT_EQ(b.relocs().size(), 2u);
    EXPECT_EQ(b.relocs()[0].insn, 0u);
    EXPECT_EQ(b.relocs()[1].insn, 12u);
    EXPECT_EQ(b.functionStarts(), (std::vector<size_t>{0, 40016}));
    EXPECT_EQ(b.labelNameAt(40016), "fn");
    EXPECT_EQ(b.labelNameAt(40012), "");
}

// Widening one jump can push another out of range: finish() goes on until
// every jump fits.
TEST(Builder, WideningCascades) {
    Builder b;
    Label l = b.newLabel(), end = b.newLabel();
    b.jmp(Cond::Eq, R1, 0, l);   // 0: exactly INT16_MAX until widened below
    b.jmp(Cond::Ne, R2, 0, end); // 1: far from the start
    for (int i = 0; i < INT16_MAX - 1; i++)
        b.mov(R0, 0);
    b.bind(l);
    b.mov(R0, 1);
    for (int i = 0; i < 40000; i++)
        b.mov(R0, 0);
    b.bind(end);
    b.exit();
    b.finish();
    const auto& in = b.insns();
    long lPc = INT16_MAX + 1 + 2; // moved by both insertions
    expectInsn(in[0], BPF_JMP | BPF_JNE | BPF_K, 1, 0, 1, 0);
    expectInsn(in[1], BPF_JMP32 | BPF_JA, 0, 0, 0, static_cast<int32_t>(lPc - 2));
    expectInsn(in[2], BPF_JMP | BPF_JEQ | BPF_K, 2, 0, 1, 0);
    expectInsn(in[3], BPF_JMP32 | BPF_JA, 0, 0, 0, static_cast<int32_t>(in.size() - 1 - 4));
    expectInsn(in[static_cast<size_t>(lPc)], BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1);
}

TEST(Builder, UnboundLabelsThrow) {
    Builder b;
    Label l = b.newLabel();
    b.jmp(l);
    b.exit();
    EXPECT_THROW(b.finish(), std::logic_error);

    Builder call;
    Label fn = call.newLabel();
    call.callLocal(fn);
    call.exit();
    EXPECT_THROW(call.finish(), std::logic_error);

    Builder invalid;
    invalid.jmp(Label{});
    invalid.exit();
    EXPECT_THROW(invalid.finish(), std::logic_error);

    Builder past; // a label with no instruction after it
    Label p = past.newLabel();
    past.jmp(p);
    past.bind(p);
    EXPECT_THROW(past.finish(), std::logic_error);

    Builder twice;
    Label t = twice.newLabel();
    twice.bind(t);
    EXPECT_THROW(twice.bind(t), std::logic_error);
}

TEST(Builder, MapRelocs) {
    Builder b;
    b.loadMapFd(R1, 2);
    b.loadMapValue(R2, 3, 16);
    b.exit();
    b.finish();
    const auto& in = b.insns();
    ASSERT_EQ(in.size(), 5u);
    expectInsn(in[0], BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, 2);
    expectInsn(in[1], 0, 0, 0, 0, 0);
    expectInsn(in[2], BPF_LD | BPF_DW | BPF_IMM, 2, BPF_PSEUDO_MAP_VALUE, 0, 3);
    expectInsn(in[3], 0, 0, 0, 0, 16);
    ASSERT_EQ(b.relocs().size(), 2u);
    EXPECT_EQ(b.relocs()[0].kind, MapReloc::Kind::Fd);
    EXPECT_EQ(b.relocs()[0].insn, 0u);
    EXPECT_EQ(b.relocs()[0].map, 2);
    EXPECT_EQ(b.relocs()[0].offset, 0u);
    EXPECT_EQ(b.relocs()[1].kind, MapReloc::Kind::Value);
    EXPECT_EQ(b.relocs()[1].insn, 2u);
    EXPECT_EQ(b.relocs()[1].map, 3);
    EXPECT_EQ(b.relocs()[1].offset, 16u);
}

TEST(Builder, CallsAndFunctionStarts) {
    Builder b;
    Label f1 = b.newLabel(), f2 = b.newLabel();
    b.call(BPF_FUNC_ktime_get_ns); // 0
    b.callLocal(f2);               // 1
    b.callLocal(f1);               // 2
    b.callLocal(f2);               // 3
    b.exit();                      // 4
    b.bind(f1);
    b.mov(R0, 1); // 5
    b.exit();     // 6
    b.bind(f2);
    b.callLocal(f1); // 7
    b.exit();        // 8
    b.finish();
    const auto& in = b.insns();
    expectInsn(in[0], BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ktime_get_ns);
    expectInsn(in[1], BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 5);
    expectInsn(in[2], BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2);
    expectInsn(in[3], BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3);
    expectInsn(in[7], BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -3); // backward call
    EXPECT_EQ(b.functionStarts(), (std::vector<size_t>{0, 5, 7}));
}

TEST(Builder, SetImmAndEmit) {
    Builder b;
    struct bpf_insn raw {};
    raw.code = BPF_ALU64 | BPF_MOV | BPF_K;
    raw.dst_reg = 3;
    raw.imm = 1;
    b.emit(raw);
    b.setImm(0, 99);
    EXPECT_EQ(b.pc(), 1u);
    b.finish();
    expectInsn(b.insns()[0], BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 99);
}

TEST(Builder, LabelNames) {
    Builder b;
    Label a = b.newLabel(), unnamed = b.newLabel(), c = b.newLabel();
    b.nameLabel(a, "main");
    b.nameLabel(c, "fn");
    b.bind(a);
    b.bind(unnamed);
    b.mov(R0, 0);
    b.exit();
    b.bind(c);
    b.exit();
    b.finish();
    EXPECT_EQ(b.labelNameAt(0), "main");
    EXPECT_EQ(b.labelNameAt(1), "");
    EXPECT_EQ(b.labelNameAt(2), "fn");
    EXPECT_EQ(b.labelNameAt(3), "");
    EXPECT_THROW(b.nameLabel(Label{}, "x"), std::logic_error);
}

// The kernel side: what the loader does with the Builder's output.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

std::vector<struct bpf_insn> relocate(const Builder& b, const std::vector<int>& mapFds) {
    std::vector<struct bpf_insn> insns = b.insns();
    for (const MapReloc& r : b.relocs())
        insns[r.insn].imm = mapFds.at(r.map);
    return insns;
}

// Loads without a verifier log first: a long program's log could overflow
// the buffer, which fails the load (ENOSPC).
int load(const std::vector<struct bpf_insn>& insns, std::string& log) {
    int fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "dt_insn_test", "GPL", insns.data(),
                           insns.size(), nullptr);
    if (fd >= 0) return fd;
    log = strerror(errno);
    std::vector<char> buf(1 << 20);
    LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_level = 1,
                .log_size = static_cast<__u32>(buf.size()), .log_buf = buf.data());
    bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "dt_insn_test", "GPL", insns.data(), insns.size(),
                  &opts);
    log += std::string("\n") + buf.data();
    return fd;
}

int64_t run(int prog) {
    uint64_t args[4] = {};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof args);
    EXPECT_EQ(bpf_prog_test_run_opts(prog, &opts), 0) << strerror(errno);
    return static_cast<int32_t>(opts.retval);
}

// Values written by the kernel test program into the array map's element.
struct Value {
    uint64_t sum;     // +0:  42 from the call chain, +5 by an atomic add
    uint64_t wide;    // +8:  a 64-bit constant (ld_imm64)
    uint64_t swapped; // +16: be16(0x1234)
    uint32_t direct;  // +24: written through loadMapValue(…, 24)
    uint32_t word;    // +28: a 32-bit atomic add
    uint64_t loop;    // +32: 0 + 1 + … + 9 from a backward-jump loop
    uint64_t flags;   // +40: which jmp32 / signed conditions held
};
static_assert(sizeof(Value) == 48);

// A program that uses every kind of instruction the Builder makes: a helper
// call through a map fd, BPF-to-BPF calls (forward and backward), a direct
// map value pointer, atomics, byte swaps, 64-bit constants, jumps of every
// flavour.  The verifier accepting it proves the encodings; running it
// proves their meaning.
TEST(Kernel, LoadsAndRunsBuilderOutput) {
    Fd map(bpf_map_create(BPF_MAP_TYPE_ARRAY, "dt_insn_test", 4, sizeof(Value), 1, nullptr));
    if (map.fd < 0) GTEST_SKIP() << "cannot create a BPF map: " << strerror(errno);

    Builder b;
    Label add22 = b.newLabel(), twice = b.newLabel(), fail = b.newLabel(), loop = b.newLabel(),
          l1 = b.newLabel(), l2 = b.newLabel(), l3 = b.newLabel(), l4 = b.newLabel();
    b.nameLabel(add22, "add22");
    b.nameLabel(twice, "twice");
    // r7 = bpf_map_lookup_elem(map, &(u32){0})
    b.storeImm(Size::W, R10, -4, 0);
    b.mov(R2, R10);
    b.alu(Alu::Add, R2, -4);
    b.loadMapFd(R1, 0);
    b.call(BPF_FUNC_map_lookup_elem);
    b.jmp(Cond::Eq, R0, 0, fail);
    b.mov(R7, R0);
    // sum = twice(10) = add22(10 * 2) = 42, then += 5 atomically
    b.mov(R1, 10);
    b.callLocal(twice);
    b.store(Size::DW, R7, 0, R0);
    b.mov(R1, 5);
    b.atomicAdd(Size::DW, R7, 0, R1);
    // wide
    b.loadImm(R2, 0x1122334455667788LL);
    b.store(Size::DW, R7, 8, R2);
    // swapped
    b.mov(R3, 0x1234);
    b.toBigEndian(R3, 16);
    b.store(Size::DW, R7, 16, R3);
    // direct, through a map value pointer
    b.loadMapValue(R4, 0, 24);
    b.storeImm(Size::W, R4, 0, 7);
    b.mov(R5, 3);
    b.atomicAdd(Size::W, R4, 4, R5);
    // loop: r8 = 0..9, r9 += r8
    b.mov(R8, 0);
    b.mov(R9, 0);
    b.bind(loop);
    b.alu(Alu::Add, R9, R8);
    b.alu(Alu::Add, R8, 1);
    b.jmp(Cond::Lt, R8, 10, loop);
    b.store(Size::DW, R7, 32, R9);
    // flags: bit 0 if w1 == -1 for r1 = 0xffffffff (jmp32 sees the low half
    // only), bit 1 if r1 s> r2 for -1 and -2, bit 2 if w1 & 0x80, bit 3 if
    // (u32)-2 < (u32)-1 via registers.
    b.mov(R6, 0);
    b.loadImm(R1, 0xffffffffLL);
    b.jmp32(Cond::Ne, R1, -1, l1);
    b.alu(Alu::Or, R6, 1);
    b.bind(l1);
    b.mov(R1, -1);
    b.mov(R2, -2);
    b.jmp(Cond::Sle, R1, R2, l2);
    b.alu(Alu::Or, R6, 2);
    b.bind(l2);
    b.jmp32(Cond::Set, R1, 0x80, l3);
    b.jmp(l4);
    b.bind(l3);
    b.alu(Alu::Or, R6, 4);
    b.bind(l4);
    Label l5 = b.newLabel();
    b.jmp32(Cond::Ge, R2, R1, l5);
    b.alu(Alu::Or, R6, 8);
    b.bind(l5);
    b.store(Size::DW, R7, 40, R6);
    b.load(Size::DW, R0, R7, 0);
    b.exit();
    b.bind(fail);
    b.mov(R0, -1);
    b.exit();
    // add22(x) = x + 22
    b.bind(add22);
    b.mov(R0, R1);
    b.alu(Alu::Add, R0, 22);
    b.exit();
    // twice(x) = add22(2 * x): calls backwards
    b.bind(twice);
    b.alu(Alu::Mul, R1, 2);
    b.callLocal(add22);
    b.exit();
    b.finish();
    ASSERT_EQ(b.functionStarts().size(), 3u);

    std::string log;
    Fd prog(load(relocate(b, {map.fd}), log));
    ASSERT_GE(prog.fd, 0) << "verifier refused the program: " << log << "\n"
                          << disassemble(b.insns(), {},
                                         [&](size_t pc) { return b.labelNameAt(pc); });
    EXPECT_EQ(run(prog.fd), 47);

    uint32_t key = 0;
    Value v{};
    ASSERT_EQ(bpf_map_lookup_elem(map.fd, &key, &v), 0);
    EXPECT_EQ(v.sum, 47u);
    EXPECT_EQ(v.wide, 0x1122334455667788u);
    EXPECT_EQ(v.swapped, 0x3412u); // on little-endian hosts; be16 zero-extends
    EXPECT_EQ(v.direct, 7u);
    EXPECT_EQ(v.word, 3u);
    EXPECT_EQ(v.loop, 45u);
    EXPECT_EQ(v.flags, 0xfu);
}

// A map value pointer with a nonzero offset points where it says: two
// programs over the same map write through different offsets.
TEST(Kernel, MapValueOffset) {
    Fd map(bpf_map_create(BPF_MAP_TYPE_ARRAY, "dt_insn_test2", 4, 64, 1, nullptr));
    if (map.fd < 0) GTEST_SKIP() << "cannot create a BPF map: " << strerror(errno);
    Builder b;
    b.loadMapValue(R1, 0, 56);
    b.loadImm(R2, -3);
    b.store(Size::DW, R1, 0, R2);
    b.loadMapValue(R1, 0, 0);
    b.storeImm(Size::B, R1, 3, 0x5a);
    b.mov(R0, 0);
    b.exit();
    b.finish();
    std::string log;
    Fd prog(load(relocate(b, {map.fd}), log));
    ASSERT_GE(prog.fd, 0) << log;
    EXPECT_EQ(run(prog.fd), 0);
    uint32_t key = 0;
    unsigned char v[64] = {};
    ASSERT_EQ(bpf_map_lookup_elem(map.fd, &key, v), 0);
    int64_t last;
    memcpy(&last, v + 56, sizeof last);
    EXPECT_EQ(last, -3);
    EXPECT_EQ(v[3], 0x5a);
    EXPECT_EQ(v[2], 0);
}

// Far jumps of every kind, taken and not, run as they read; a call, a map
// value relocation and a backward far jump after the insertions still
// land right.  r6 comes from the context so the verifier cannot settle the
// conditions itself.
TEST(Kernel, FarJumpsRun) {
    Fd map(bpf_map_create(BPF_MAP_TYPE_ARRAY, "dt_insn_far", 4, 8, 1, nullptr));
    if (map.fd < 0) GTEST_SKIP() << "cannot create a BPF map: " << strerror(errno);
    Builder b;
    auto filler = [&] {
        for (int i = 0; i <= INT16_MAX; i++)
            b.mov(R2, i);
    };
    Label top = b.newLabel(), a = b.newLabel(), c = b.newLabel(), d = b.newLabel(),
          bad = b.newLabel(), fn = b.newLabel();
    b.load(Size::DW, R6, R1, 0); // args[0] = 0
    b.alu(Alu::Add, R6, 5);
    b.mov(R0, 0);
    b.mov(R7, 0);
    b.bind(top);
    b.alu(Alu::Add, R7, 1);
    b.jmp(Cond::Ne, R6, 5, bad);    // not taken
    b.jmp32(Cond::Set, R6, 2, bad); // not taken
    b.jmp(Cond::Eq, R6, 5, a);      // taken
    b.mov(R0, -1);
    filler(); // on the wrong paths, so that it is reachable
    b.exit();
    b.bind(a);
    b.alu(Alu::Or, R0, 1);
    b.jmp32(Cond::Set, R6, 4, c); // taken
    b.mov(R0, -2);
    filler();
    b.exit();
    b.bind(c);
    b.alu(Alu::Or, R0, 2);
    b.jmp(d);
    b.bind(bad);
    b.mov(R0, -3);
    filler();
    b.exit();
    b.bind(d);
    b.jmp(Cond::Lt, R7, 2, top); // backward, taken once
    b.mov(R6, R0);
    b.mov(R8, R7);
    b.alu(Alu::Mul, R8, 100);
    b.callLocal(fn);
    b.alu(Alu::Add, R0, R6);
    b.alu(Alu::Add, R0, R8);
    b.loadMapValue(R1, 0, 0);
    b.store(Size::DW, R1, 0, R0);
    b.exit();
    b.bind(fn);
    b.mov(R0, 40);
    b.exit();
    b.finish();
    ASSERT_GT(b.insns().size(), 3u * (INT16_MAX + 1) + 5); // conditionals widened

    std::string log;
    Fd prog(load(relocate(b, {map.fd}), log));
    ASSERT_GE(prog.fd, 0) << "verifier refused the program: " << log.substr(0, 4000);
    EXPECT_EQ(run(prog.fd), 243); // 40 + (1 | 2) + 2 * 100
    uint32_t key = 0;
    uint64_t v = 0;
    ASSERT_EQ(bpf_map_lookup_elem(map.fd, &key, &v), 0);
    EXPECT_EQ(v, 243u);
}

} // namespace
} // namespace dt::bpf
