#pragma once
#include <linux/bpf.h>

#include <functional>
#include <string>
#include <vector>

namespace dt::bpf {

// Renders instructions one per line in the kernel verifier's / bpftool's
// syntax, e.g. "  12: (bf) r1 = r9" and "  13: (85) call bpf_ringbuf_reserve#131".
// The index column is 4 wide; the second half of an ld_imm64 takes an index
// but no line.  mapName gives a name for a map index referenced by an
// ld_imm64 (may be empty, or return ""): printed as "map[name]", else as
// "map[idx:N]", with "+offset" for a map value pointer.  labelAt gives a label
// for an instruction index ("" for none), printed as "name:" on its own line
// before the instruction.
std::string disassemble(const std::vector<struct bpf_insn>& insns,
                        const std::function<std::string(int map)>& mapName = {},
                        const std::function<std::string(size_t pc)>& labelAt = {});

// One instruction without index or opcode column (the second half of an
// ld_imm64 is passed as `next`; may be null).
std::string disassembleOne(const struct bpf_insn& insn, const struct bpf_insn* next,
                           const std::function<std::string(int map)>& mapName = {});

// "map_lookup_elem" for BPF_FUNC_map_lookup_elem (no "bpf_" prefix);
// "unknown" for an id the uapi header does not list.
const char* helperName(int id);

} // namespace dt::bpf
