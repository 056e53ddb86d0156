// BTF function information for programs with subprograms.  The verifier
// accepts a subprogram's address as a callback (bpf_loop) only when the
// program carries BTF func_info naming each subprogram; this builds a
// minimal BTF (one `int` type, one prototype, one static function per
// subprogram) and the matching func_info records.
#pragma once
#include <bpf/bpf.h>

#include <cstddef>
#include <vector>

#include "runtime/fd.h"

namespace dt {

struct ProgFuncInfo {
    Fd btf;                                    // loaded BTF object
    std::vector<struct bpf_func_info> records; // one per subprogram start
};

// starts: the instruction index of each subprogram, sorted, starting with 0.
// Throws dt::Error when the kernel refuses the BTF.
ProgFuncInfo makeFuncInfo(const std::vector<size_t>& starts);

} // namespace dt
