// Turns ring-buffer records into DTrace's output text.
#pragma once
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <string>

#include "output/aggregations.h"
#include "program/program.h"
#include "providers/provider.h"

namespace dt::output {

struct PrintOptions {
    bool quiet = false;
    bool rawBytes = false;               // -x rawbytes: trace() shows strings as raw bytes
    uint64_t printSize = kMaxPrintBytes; // -x printsize: the bytes print() shows
    uint64_t bufsize = 4 << 20;          // the principal buffer's bytes per CPU
    uint64_t specsize = 4 << 20;         // -x specsize: a speculation's bytes per CPU
    uint64_t switchNs = 0;               // -x switchrate (0: unset), setopt() may change it
    bool flowIndent = false;             // -F: entries indent, returns unindent
};

// DTrace's raw byte dump (tracemem, bytes that are not a string): a header
// of offsets, then rows of 16 bytes in hex and as characters.
std::string rawBytes(const uint8_t* p, size_t n);

class RecordPrinter {
  public:
    RecordPrinter(const CompiledProgram& prog, const ProbeRegistry& reg, FILE* out,
                  PrintOptions opts)
        : prog_(prog), reg_(reg), out_(out), opts_(opts) {}

    // Takes one record from the principal buffer: credits its space back
    // to its CPU (switch policy), then prints it, or under the ring policy
    // keeps it among the newest bufsize bytes of its CPU.  Returns false
    // if the record is an exit() action (the caller then stops tracing);
    // exitStatus is set.
    bool print(const uint8_t* data, size_t size);
    // Ring policy: prints the records kept, oldest first.
    void flushRing();
    // The end of what the buffer held for now: -F prints a return record
    // it held back to see the next one.
    void endOfBatch();
    // The globals value, mapped: where the buffer accounting and the
    // speculation states live.
    void setGlobals(uint8_t* globals) { globals_ = globals; }
    // Where output goes now (freopen() moves it).
    FILE* out() const { return out_; }
    const PrintOptions& options() const { return opts_; }
    // Speculative records dropped: their speculation's buffer was full.
    uint64_t specDrops() const { return specDrops_; }
    // An action failed so that tracing cannot go on (freopen() of a file
    // that cannot be opened): DTrace's "processing aborted" reason.
    const std::string& fatal() const { return fatal_; }
    // Records of speculations not yet committed or discarded.
    size_t pendingSpeculations() const { return pending_.size(); }
    bool exited() const { return exited_; }
    // The aggregations printa, normalize, trunc, clear and setopt act on.
    void setAggregations(Aggregations* aggs) { aggs_ = aggs; }
    int exitStatus() const { return exitStatus_; }
    // Error messages for faults go to stderr: "dtrace: error on enabled probe ID ...".
    uint64_t errors() const { return errors_; }

  private:
    enum class Flow { None, Entry, Return };
    bool emitRecord(const uint8_t* data, size_t size, Flow flow);
    bool emitHeld(Flow flow);
    Flow flowOf(const RecordHeader& hdr) const;
    void printError(const ErrorRecord& rec);
    // -F: the indentation, the last record's probe and clause (DTrace's
    // last EPID), and a return record held until the next one is seen.
    int indent_ = 0;
    uint32_t lastProbe_ = 0, lastClause_ = ~0u;
    std::vector<uint8_t> heldReturn_;
    std::string value(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                      size_t size) const;
    Value decode(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                 size_t size) const;
    void traceValue(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                    size_t size);

    const CompiledProgram& prog_;
    const ProbeRegistry& reg_;
    FILE* out_;
    FILE* original_ = out_; // stdout or the -o file: freopen("") returns to it
    uint8_t* globals_ = nullptr;
    uint64_t specDrops_ = 0;
    std::string fatal_;
    // Ring policy: each CPU's newest records with their arrival order.
    struct Kept {
        uint64_t seq;
        std::vector<uint8_t> bytes;
    };
    std::map<uint16_t, std::deque<Kept>> ring_;
    std::map<uint16_t, uint64_t> ringBytes_;
    uint64_t seq_ = 0;
    bool process(const uint8_t* data, size_t size);
    void freeSpeculation(uint32_t id);
    void freopen(const std::string& path);
    PrintOptions opts_;
    bool headerDone_ = false;
    bool exited_ = false;
    int exitStatus_ = 0;
    uint64_t errors_ = 0;
    bool printRecord(const uint8_t* data, size_t size);
    // Speculative records by speculation id, in buffer order, and the
    // bytes each CPU has in each speculation.
    std::map<uint32_t, std::vector<std::vector<uint8_t>>> pending_;
    std::map<uint32_t, std::map<uint16_t, uint64_t>> pendingBytes_;
    Aggregations* aggs_ = nullptr;
    void aggAction(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
    void tracemem(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
    void setopt(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
    void printValue(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
};

} // namespace dt::output
