#pragma once
#include <linux/bpf.h>

#include <functional>
#include <string>
#include <vector>

namespace dt::bpf {

// Renders instructions one per line in the kernel verifier's / bpftool's
// syntax, e.g. "  12: (bf) r1 = r9" and "  13: (85) call bpf_ringbuf_reserve#131".
// mapName gives a name for a map index referenced by an ld_imm64 (may be
// empty); labelAt gives a label for an instruction index ("" for none), which
// is printed on its own line before the instruction.
std::string disassemble(const std::vector<struct bpf_insn>& insns,
                        const std::function<std::string(int map)>& mapName = {},
                        const std::function<std::string(size_t pc)>& labelAt = {});

// One instruction (the second half of an ld_imm64 is passed as `next`).
std::string disassembleOne(const struct bpf_insn& insn, const struct bpf_insn* next,
                           const std::function<std::string(int map)>& mapName = {});

const char* helperName(int id); // "map_lookup_elem" for BPF_FUNC_map_lookup_elem

} // namespace dt::bpf
