// Code generation: typed AST clauses to BPF programs.  One program per
// attach kind and clause list: a trampoline (the program's entry) that sets
// up the DTrace context and calls each clause as a BPF-to-BPF subprogram.
#pragma once
#include <cstdint>
#include <vector>

#include "ast/ast.h"
#include "program/program.h"
#include "providers/provider.h"
#include "sema/check.h"

namespace dt::codegen {

struct ClauseInput {
    ast::Clause* clause = nullptr;
    std::vector<uint32_t> probes; // matched probe ids
};

// The largest -x strsize strings can have (the context's operand buffers
// must start within a load's int16 offset).
constexpr uint32_t kMaxStrsize = 8191;

struct Options {
    uint64_t bufsize = 4 << 20; // principal buffer bytes per CPU
    uint32_t strsize = 256;
    bool zeroStrings = false;      // -x rawbytes: string fields zero-filled past the NUL
    uint32_t aggEntries = 8192;    // keys per aggregation
    uint64_t aggsize = 0;          // -x aggsize: bytes per aggregation per CPU (0: unbounded)
    uint32_t dynEntries = 16384;   // elements per self-> variable or associative array
    uint64_t dynvarsize = 1 << 20; // -x dynvarsize: bytes for each dynamic variable's elements
    uint32_t nspec = 1;            // speculation buffers
    BufPolicy bufpolicy = BufPolicy::Switch;
    bool bufresizeManual = false;
    uint32_t scratchsize = 256; // alloca() bytes per clause (DTrace's default)
    // From this many syscall probes with the same clauses on, one
    // raw_syscalls attachment with an in-kernel filter replaces the
    // per-syscall tracepoints (bench/syscalls.sh measures the crossover).
    size_t rawSyscallMin = 8;
    int cpu = -1; // -x cpu: probes fire only on this CPU (-1: every CPU)
};

CompiledProgram generate(std::vector<ClauseInput>& clauses, sema::SemaResult& sema,
                         const ProbeRegistry& reg, const Options& opts);

} // namespace dt::codegen
