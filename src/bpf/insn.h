// BPF instruction builder: emits struct bpf_insn with symbolic labels,
// BPF-to-BPF calls to labels, and map references that the loader patches
// with file descriptors.  Modelled on cilium/ebpf's asm package: small typed
// helpers over the raw encoding, and a disassembler (disasm.h) for -S.
#pragma once
#include <linux/bpf.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dt::bpf {

enum Reg : uint8_t { R0 = 0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10 };

enum class Size : uint8_t { B = BPF_B, H = BPF_H, W = BPF_W, DW = BPF_DW };
Size sizeFor(unsigned bytes); // 1, 2, 4, 8

enum class Alu : uint8_t {
    Add = BPF_ADD,
    Sub = BPF_SUB,
    Mul = BPF_MUL,
    Div = BPF_DIV,
    Or = BPF_OR,
    And = BPF_AND,
    Lsh = BPF_LSH,
    Rsh = BPF_RSH,
    Neg = BPF_NEG,
    Mod = BPF_MOD,
    Xor = BPF_XOR,
    Mov = BPF_MOV,
    Arsh = BPF_ARSH,
};

enum class Cond : uint8_t {
    Eq = BPF_JEQ,
    Ne = BPF_JNE,
    Gt = BPF_JGT,
    Ge = BPF_JGE,
    Lt = BPF_JLT,
    Le = BPF_JLE,
    Sgt = BPF_JSGT,
    Sge = BPF_JSGE,
    Slt = BPF_JSLT,
    Sle = BPF_JSLE,
    Set = BPF_JSET,
};

struct Label {
    int id = -1;
    bool valid() const { return id >= 0; }
};

// A reference from an instruction (a BPF_LD_IMM64 pair) to a map, resolved
// by the loader: kind Fd puts the map's fd in (src = BPF_PSEUDO_MAP_FD),
// kind Value a pointer into the map's value at `offset` (src =
// BPF_PSEUDO_MAP_VALUE, for array maps).
struct MapReloc {
    enum class Kind { Fd, Value } kind;
    size_t insn; // index of the first half of the ld_imm64
    int map;     // the program's map index
    uint32_t offset = 0;
};

class Builder {
  public:
    Label newLabel();
    void bind(Label l); // the next emitted instruction gets this label
    size_t pc() const { return insns_.size(); }

    // ALU, 64-bit unless the name says 32.
    void alu(Alu op, Reg dst, Reg src);
    void alu(Alu op, Reg dst, int32_t imm);
    void alu32(Alu op, Reg dst, Reg src);
    void alu32(Alu op, Reg dst, int32_t imm);
    void mov(Reg dst, Reg src) { alu(Alu::Mov, dst, src); }
    void mov(Reg dst, int32_t imm) { alu(Alu::Mov, dst, imm); }
    void neg(Reg dst);
    // Loads any 64-bit constant; a single mov when it fits in imm32.
    void loadImm(Reg dst, int64_t value);
    // Byte swap (BPF_END): to big endian (htobe) of 16/32/64 bits; the
    // result is zero-extended to 64 bits.  Other widths throw logic_error.
    void toBigEndian(Reg dst, int bits);

    // Memory.
    // (An offset outside int16 throws logic_error: callers with larger
    // ones compute the address.)
    void load(Size sz, Reg dst, Reg base, int32_t off);
    void store(Size sz, Reg base, int32_t off, Reg src);
    void storeImm(Size sz, Reg base, int32_t off, int32_t imm);
    void atomicAdd(Size sz, Reg base, int16_t off, Reg src); // W or DW (else logic_error)
    // R0 = *(base + off); if it equalled R0, *(base + off) = src (W or DW).
    void atomicCmpXchg(Size sz, Reg base, int16_t off, Reg src);
    // *(base + off) = the index of this store in the finished program (it
    // moves with the code when finish() widens jumps): where a fault was
    // raised, for error reports.
    void storePc(Size sz, Reg base, int32_t off);

    // Maps: an ld_imm64 pair whose first half's imm is the map INDEX, a
    // placeholder: the loader must overwrite insns()[reloc.insn].imm with the
    // map's fd (for Value, the second half's imm already holds the offset and
    // stays as is).  Each records a MapReloc.
    void loadMapFd(Reg dst, int map);
    void loadMapValue(Reg dst, int map, uint32_t offset);

    // Jumps.
    void jmp(Label target);
    void jmp(Cond c, Reg a, Reg b, Label target);
    void jmp(Cond c, Reg a, int32_t imm, Label target);
    void jmp32(Cond c, Reg a, int32_t imm, Label target);
    void jmp32(Cond c, Reg a, Reg b, Label target);

    // Calls and exit.
    void call(int helper);    // BPF_FUNC_*
    void callLocal(Label fn); // BPF-to-BPF call to a subprogram starting at fn
    // dst = address of the subprogram at fn (a callback for bpf_loop & co.).
    void loadFuncAddr(Reg dst, Label fn);
    void exit();

    // Raw instruction.
    void emit(const struct bpf_insn& insn);
    // Patches the immediate of an already emitted instruction (e.g. a size
    // known only after the code that follows it was generated).  Only before
    // finish(): instruction indexes taken with pc() hold until then.
    void setImm(size_t index, int32_t imm) { insns_[index].imm = imm; }

    // Resolves labels; throws std::logic_error on an unbound label or a label
    // bound after the last instruction.  A jump farther than int16 offsets
    // reach is widened: an unconditional one becomes a gotol (BPF_JMP32 |
    // BPF_JA, 32-bit offset in imm), a conditional one the inverted
    // condition jumping over a gotol, which inserts an instruction and moves
    // everything after it (labels, relocations, calls, storePc values)
    // until every jump fits.  After this, insns() and relocs() are final.
    void finish();
    const std::vector<struct bpf_insn>& insns() const { return insns_; }
    const std::vector<MapReloc>& relocs() const { return relocs_; }
    // Instruction indexes at which subprograms start (targets of callLocal),
    // sorted, for BTF func info and for the disassembler.
    std::vector<size_t> functionStarts() const;
    // The label name map for disassembly (optional): label id -> name.
    void nameLabel(Label l, std::string name);
    std::string labelNameAt(size_t pc) const; // "" if none

  private:
    std::string describeLabel(int id) const;
    void checkFixups() const;
    struct Fixup {
        size_t insn;
        int label;
        bool isCall;
    };
    std::vector<struct bpf_insn> insns_;
    std::vector<MapReloc> relocs_;
    std::vector<long> labelPc_; // -1 if unbound
    std::vector<std::string> labelNames_;
    std::vector<Fixup> fixups_;
    std::vector<int> callTargets_;
    std::vector<int> namedLabels_; // label ids with a name, for labelNameAt
    std::vector<size_t> pcStores_; // storePc instructions
};

} // namespace dt::bpf
