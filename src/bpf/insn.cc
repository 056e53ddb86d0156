#include "bpf/insn.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace dt::bpf {

Size sizeFor(unsigned bytes) {
    switch (bytes) {
    case 1:
        return Size::B;
    case 2:
        return Size::H;
    case 4:
        return Size::W;
    default:
        return Size::DW;
    }
}

static struct bpf_insn make(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
    struct bpf_insn in {};
    in.code = code;
    in.dst_reg = dst & 0xf;
    in.src_reg = src & 0xf;
    in.off = off;
    in.imm = imm;
    return in;
}

Label Builder::newLabel() {
    labelPc_.push_back(-1);
    labelNames_.emplace_back();
    return Label{static_cast<int>(labelPc_.size() - 1)};
}

void Builder::bind(Label l) {
    if (!l.valid() || static_cast<size_t>(l.id) >= labelPc_.size())
        throw std::logic_error("bind of an invalid label");
    if (labelPc_[l.id] >= 0) throw std::logic_error("label bound twice");
    labelPc_[l.id] = static_cast<long>(insns_.size());
}

void Builder::emit(const struct bpf_insn& insn) {
    insns_.push_back(insn);
}

void Builder::alu(Alu op, Reg dst, Reg src) {
    emit(make(BPF_ALU64 | static_cast<uint8_t>(op) | BPF_X, dst, src, 0, 0));
}
void Builder::alu(Alu op, Reg dst, int32_t imm) {
    emit(make(BPF_ALU64 | static_cast<uint8_t>(op) | BPF_K, dst, 0, 0, imm));
}
void Builder::alu32(Alu op, Reg dst, Reg src) {
    emit(make(BPF_ALU | static_cast<uint8_t>(op) | BPF_X, dst, src, 0, 0));
}
void Builder::alu32(Alu op, Reg dst, int32_t imm) {
    emit(make(BPF_ALU | static_cast<uint8_t>(op) | BPF_K, dst, 0, 0, imm));
}
void Builder::neg(Reg dst) {
    emit(make(BPF_ALU64 | BPF_NEG | BPF_K, dst, 0, 0, 0));
}

void Builder::loadImm(Reg dst, int64_t value) {
    if (value >= INT32_MIN && value <= INT32_MAX) {
        mov(dst, static_cast<int32_t>(value));
        return;
    }
    uint64_t u = static_cast<uint64_t>(value);
    emit(make(BPF_LD | BPF_DW | BPF_IMM, dst, 0, 0, static_cast<int32_t>(u & 0xffffffffu)));
    emit(make(0, 0, 0, 0, static_cast<int32_t>(u >> 32)));
}

void Builder::toBigEndian(Reg dst, int bits) {
    if (bits != 16 && bits != 32 && bits != 64)
        throw std::logic_error("toBigEndian: width must be 16, 32 or 64 bits, not " +
                               std::to_string(bits));
    emit(make(BPF_ALU | BPF_END | BPF_TO_BE, dst, 0, 0, bits));
}

static int16_t memOffset(int32_t off) {
    if (off < INT16_MIN || off > INT16_MAX)
        throw std::logic_error("memory offset " + std::to_string(off) + " out of range");
    return static_cast<int16_t>(off);
}
void Builder::load(Size sz, Reg dst, Reg base, int32_t off) {
    emit(make(BPF_LDX | static_cast<uint8_t>(sz) | BPF_MEM, dst, base, memOffset(off), 0));
}
void Builder::store(Size sz, Reg base, int32_t off, Reg src) {
    emit(make(BPF_STX | static_cast<uint8_t>(sz) | BPF_MEM, base, src, memOffset(off), 0));
}
void Builder::storeImm(Size sz, Reg base, int32_t off, int32_t imm) {
    emit(make(BPF_ST | static_cast<uint8_t>(sz) | BPF_MEM, base, 0, memOffset(off), imm));
}
void Builder::atomicAdd(Size sz, Reg base, int16_t off, Reg src) {
    if (sz != Size::W && sz != Size::DW)
        throw std::logic_error("atomicAdd: only 32- and 64-bit atomic operations exist");
    emit(make(BPF_STX | static_cast<uint8_t>(sz) | BPF_ATOMIC, base, src, off, BPF_ADD));
}

void Builder::atomicCmpXchg(Size sz, Reg base, int16_t off, Reg src) {
    if (sz != Size::W && sz != Size::DW)
        throw std::logic_error("atomicCmpXchg: only 32- and 64-bit atomic operations exist");
    emit(make(BPF_STX | static_cast<uint8_t>(sz) | BPF_ATOMIC, base, src, off, BPF_CMPXCHG));
}

void Builder::storePc(Size sz, Reg base, int32_t off) {
    pcStores_.push_back(insns_.size());
    storeImm(sz, base, off, 0);
}

void Builder::loadMapFd(Reg dst, int map) {
    relocs_.push_back({MapReloc::Kind::Fd, insns_.size(), map, 0});
    emit(make(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_MAP_FD, 0, map));
    emit(make(0, 0, 0, 0, 0));
}
void Builder::loadMapValue(Reg dst, int map, uint32_t offset) {
    relocs_.push_back({MapReloc::Kind::Value, insns_.size(), map, offset});
    emit(make(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_MAP_VALUE, 0, map));
    emit(make(0, 0, 0, 0, static_cast<int32_t>(offset)));
}

void Builder::jmp(Label target) {
    fixups_.push_back({insns_.size(), target.id, false});
    emit(make(BPF_JMP | BPF_JA, 0, 0, 0, 0));
}
void Builder::jmp(Cond c, Reg a, Reg b, Label target) {
    fixups_.push_back({insns_.size(), target.id, false});
    emit(make(BPF_JMP | static_cast<uint8_t>(c) | BPF_X, a, b, 0, 0));
}
void Builder::jmp(Cond c, Reg a, int32_t imm, Label target) {
    fixups_.push_back({insns_.size(), target.id, false});
    emit(make(BPF_JMP | static_cast<uint8_t>(c) | BPF_K, a, 0, 0, imm));
}
void Builder::jmp32(Cond c, Reg a, int32_t imm, Label target) {
    fixups_.push_back({insns_.size(), target.id, false});
    emit(make(BPF_JMP32 | static_cast<uint8_t>(c) | BPF_K, a, 0, 0, imm));
}

void Builder::jmp32(Cond c, Reg a, Reg b, Label target) {
    fixups_.push_back({insns_.size(), target.id, false});
    emit(make(BPF_JMP32 | static_cast<uint8_t>(c) | BPF_X, a, b, 0, 0));
}

void Builder::call(int helper) {
    emit(make(BPF_JMP | BPF_CALL, 0, 0, 0, helper));
}
void Builder::callLocal(Label fn) {
    fixups_.push_back({insns_.size(), fn.id, true});
    callTargets_.push_back(fn.id);
    emit(make(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
}
void Builder::loadFuncAddr(Reg dst, Label fn) {
    // The immediate is the subprogram's offset from the next instruction,
    // as for a local call; the fixup computes it the same way.
    fixups_.push_back({insns_.size(), fn.id, true});
    callTargets_.push_back(fn.id);
    emit(make(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_FUNC, 0, 0));
    emit(make(0, 0, 0, 0, 0));
}
void Builder::exit() {
    emit(make(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
}

std::string Builder::describeLabel(int id) const {
    std::string d = "label " + std::to_string(id);
    if (id >= 0 && static_cast<size_t>(id) < labelNames_.size() && !labelNames_[id].empty())
        d += " (" + labelNames_[id] + ")";
    return d;
}

void Builder::checkFixups() const {
    for (const Fixup& f : fixups_) {
        const char* what = f.isCall ? "call" : "jump";
        if (f.label < 0 || static_cast<size_t>(f.label) >= labelPc_.size() || labelPc_[f.label] < 0)
            throw std::logic_error(
                std::string(what) + " at " + std::to_string(f.insn) + " to " +
                (f.label < 0 ? "an invalid label" : "unbound " + describeLabel(f.label)));
        if (static_cast<size_t>(labelPc_[f.label]) >= insns_.size())
            throw std::logic_error(std::string(what) + " at " + std::to_string(f.insn) + " to " +
                                   describeLabel(f.label) + ", bound after the last instruction");
    }
}

// The condition that holds exactly when `op` does not; false for BPF_JSET,
// which has none.
static bool invertCond(uint8_t op, uint8_t& inverse) {
    switch (op) {
    case BPF_JEQ:
        inverse = BPF_JNE;
        return true;
    case BPF_JNE:
        inverse = BPF_JEQ;
        return true;
    case BPF_JGT:
        inverse = BPF_JLE;
        return true;
    case BPF_JLE:
        inverse = BPF_JGT;
        return true;
    case BPF_JGE:
        inverse = BPF_JLT;
        return true;
    case BPF_JLT:
        inverse = BPF_JGE;
        return true;
    case BPF_JSGT:
        inverse = BPF_JSLE;
        return true;
    case BPF_JSLE:
        inverse = BPF_JSGT;
        return true;
    case BPF_JSGE:
        inverse = BPF_JSLT;
        return true;
    case BPF_JSLT:
        inverse = BPF_JSGE;
        return true;
    default:
        return false;
    }
}

static bool fitsInt16(long v) {
    return v >= INT16_MIN && v <= INT16_MAX;
}

void Builder::finish() {
    checkFixups();
    // Relaxation.  grow[i] is the number of instructions inserted after
    // instruction i: 1 for a far conditional jump (inverted, over a gotol),
    // 2 for a far JSET (it has no inverse: jset to the gotol, goto past it).
    // A far unconditional jump becomes a gotol in place.  A jump once far
    // stays far, so the loop ends; each round only lengthens distances.
    const size_t n = insns_.size();
    std::vector<uint8_t> grow(n, 0);
    std::vector<char> far(fixups_.size(), 0);
    std::vector<long> pos(n + 1); // new index of old instruction i
    auto layout = [&] {
        long p = 0;
        for (size_t i = 0; i < n; i++) {
            pos[i] = p;
            p += 1 + grow[i];
        }
        pos[n] = p;
    };
    layout();
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t k = 0; k < fixups_.size(); k++) {
            const Fixup& f = fixups_[k];
            if (f.isCall || far[k]) continue;
            long delta = pos[labelPc_[f.label]] - pos[f.insn] - 1;
            if (fitsInt16(delta)) continue;
            far[k] = 1;
            changed = true;
            if (BPF_OP(insns_[f.insn].code) != BPF_JA) {
                uint8_t inverse;
                grow[f.insn] = invertCond(BPF_OP(insns_[f.insn].code), inverse) ? 1 : 2;
            }
        }
        if (changed) layout();
    }
    if (pos[n] != static_cast<long>(n)) {
        std::vector<struct bpf_insn> out;
        out.reserve(static_cast<size_t>(pos[n]));
        for (size_t i = 0; i < n; i++) {
            out.push_back(insns_[i]);
            out.resize(out.size() + grow[i]);
        }
        insns_ = std::move(out);
        for (MapReloc& r : relocs_)
            r.insn = static_cast<size_t>(pos[r.insn]);
        for (long& l : labelPc_)
            if (l >= 0) l = pos[l];
        for (size_t& s : pcStores_)
            s = static_cast<size_t>(pos[s]);
        for (Fixup& f : fixups_)
            f.insn = static_cast<size_t>(pos[f.insn]);
    }
    for (size_t k = 0; k < fixups_.size(); k++) {
        const Fixup& f = fixups_[k];
        long target = labelPc_[f.label];
        struct bpf_insn& in = insns_[f.insn];
        long delta = target - static_cast<long>(f.insn) - 1;
        if (f.isCall) {
            in.imm = static_cast<int32_t>(delta);
            continue;
        }
        if (!far[k]) {
            in.off = static_cast<int16_t>(delta);
            continue;
        }
        if (delta < INT32_MIN || delta > INT32_MAX)
            throw std::logic_error("jump at " + std::to_string(f.insn) + " to " +
                                   describeLabel(f.label) + " out of range (" +
                                   std::to_string(delta) + " instructions)");
        if (BPF_OP(in.code) == BPF_JA) {
            in = make(BPF_JMP32 | BPF_JA, 0, 0, 0, static_cast<int32_t>(delta));
            continue;
        }
        // The condition jumps 1 ahead: inverted, past the gotol; a JSET to
        // the gotol, with a goto past it in between.
        uint8_t inverse;
        long gotol = static_cast<long>(f.insn) + 1;
        in.off = 1;
        if (invertCond(BPF_OP(in.code), inverse)) {
            in.code = static_cast<uint8_t>(BPF_CLASS(in.code) | inverse | BPF_SRC(in.code));
        } else {
            insns_[static_cast<size_t>(gotol)] = make(BPF_JMP | BPF_JA, 0, 0, 1, 0);
            gotol++;
        }
        insns_[static_cast<size_t>(gotol)] =
            make(BPF_JMP32 | BPF_JA, 0, 0, 0, static_cast<int32_t>(target - gotol - 1));
    }
    for (size_t s : pcStores_)
        insns_[s].imm = static_cast<int32_t>(s);
    fixups_.clear();
    pcStores_.clear();
}

std::vector<size_t> Builder::functionStarts() const {
    std::vector<size_t> out{0};
    for (int l : callTargets_)
        if (l >= 0 && static_cast<size_t>(l) < labelPc_.size() && labelPc_[l] >= 0)
            out.push_back(static_cast<size_t>(labelPc_[l]));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void Builder::nameLabel(Label l, std::string name) {
    if (!l.valid() || static_cast<size_t>(l.id) >= labelNames_.size())
        throw std::logic_error("nameLabel of an invalid label");
    if (labelNames_[l.id].empty()) namedLabels_.push_back(l.id);
    labelNames_[l.id] = std::move(name);
}

// Only named labels are scanned (a handful: functions, clauses), so calling
// this for every instruction stays cheap.  With several named labels on one
// instruction, the first named wins.
std::string Builder::labelNameAt(size_t pc) const {
    for (int id : namedLabels_)
        if (labelPc_[id] == static_cast<long>(pc) && !labelNames_[id].empty())
            return labelNames_[id];
    return "";
}

} // namespace dt::bpf
