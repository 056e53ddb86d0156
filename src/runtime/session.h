// Loading, attaching and running a compiled program.  All kernel objects are
// owned by Fd members: destroying the Session (or the process dying) tears
// everything down.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "output/aggregations.h"
#include "program/program.h"
#include "providers/provider.h"
#include "runtime/fd.h"

namespace dt {

class Session : public output::AggStore {
  public:
    Session(const CompiledProgram& prog, const ProbeRegistry& reg);
    // Creates maps and loads programs.  Throws Error with the verifier's
    // log if the kernel refuses a program.
    void load();
    // Attaches every probe that fires on its own (tracepoints, perf events).
    void attach();
    // Runs the BEGIN or END trampoline once on this CPU.
    void runBegin() { runOnce(AttachKind::Begin); }
    void runEnd() { runOnce(AttachKind::End); }
    // Detaches all probes (closes links and perf events).  Each detach of a
    // tracepoint waits for RCU grace periods in the kernel, so links are
    // closed from many threads at once: their waits overlap.
    void detach();

    int mapFd(int index) const { return maps_.at(index).get(); }
    size_t linkCount() const { return links_.size(); }
    size_t programCount() const { return progs_.size(); }
    // Reads a per-CPU u64 counter at `offset` of map `index`, summed or per CPU.
    std::vector<uint64_t> perCpuCounter(int index, int offset) const;
    int ncpus() const { return ncpus_; }
    // The principal buffer's bytes per CPU, once loaded (lowered from the
    // program's bufsize if the kernel could not make it that large).
    uint64_t bufsize() const { return bufsize_; }
    // Reads `size` bytes at `offset` of the globals map.
    std::vector<uint8_t> readGlobals() const;
    // Every key of an aggregation's map with its per-CPU values merged,
    // read in batches (one key at a time where the kernel lacks batches).
    std::vector<output::AggEntry> readAggregation(const AggInfo& agg) const override;
    void clearAggregation(const AggInfo& agg) override;
    void removeKeys(const AggInfo& agg, const std::vector<output::AggEntry>& entries) override;

  private:
    void runOnce(AttachKind kind);
    int createPrincipalBuffer(const MapDef& m);
    uint64_t bufsize_ = 0;
    bool noBuffer_ = false; // the principal buffer could not be made (bufresize=manual)
    // Attaches program `i` to its uprobes and uretprobes (pid, usdt): one
    // uprobe_multi link per (process, file, return or not) where the kernel
    // has them, else a perf event per probe.
    void attachUprobes(size_t i);
    void attachRawTracepoints(size_t i);
    bool attachUprobeMulti(size_t i);
    std::vector<Fd> multiProgs_; // parallel to progs_: uprobe_multi copies (or none)
    const CompiledProgram& prog_;
    const ProbeRegistry& reg_;
    std::vector<Fd> maps_;
    std::vector<Fd> progs_; // parallel to prog_.programs
    std::vector<Fd> links_;
    int ncpus_ = 1;
};

int possibleCpus();

} // namespace dt
