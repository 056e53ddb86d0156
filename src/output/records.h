// Turns ring-buffer records into DTrace's output text.
#pragma once
#include <cstdint>
#include <cstdio>
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
};

// DTrace's raw byte dump (tracemem, bytes that are not a string): a header
// of offsets, then rows of 16 bytes in hex and as characters.
std::string rawBytes(const uint8_t* p, size_t n);

class RecordPrinter {
  public:
    RecordPrinter(const CompiledProgram& prog, const ProbeRegistry& reg, FILE* out,
                  PrintOptions opts)
        : prog_(prog), reg_(reg), out_(out), opts_(opts) {}

    // Decodes and prints one record.  Returns false if the record is an
    // exit() action (the caller then stops tracing); exitStatus is set.
    bool print(const uint8_t* data, size_t size);
    // Records of speculations not yet committed or discarded.
    size_t pendingSpeculations() const { return pending_.size(); }
    bool exited() const { return exited_; }
    // The aggregations printa, normalize, trunc, clear and setopt act on.
    void setAggregations(Aggregations* aggs) { aggs_ = aggs; }
    int exitStatus() const { return exitStatus_; }
    // Error messages for faults go to stderr: "dtrace: error on enabled probe ID ...".
    uint64_t errors() const { return errors_; }

  private:
    void printError(const ErrorRecord& rec);
    std::string value(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                      size_t size) const;
    Value decode(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                 size_t size) const;
    void traceValue(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                    size_t size);

    const CompiledProgram& prog_;
    const ProbeRegistry& reg_;
    FILE* out_;
    PrintOptions opts_;
    bool headerDone_ = false;
    bool exited_ = false;
    int exitStatus_ = 0;
    uint64_t errors_ = 0;
    bool printRecord(const uint8_t* data, size_t size);
    // Speculative records by speculation id, in buffer order.
    std::map<uint32_t, std::vector<std::vector<uint8_t>>> pending_;
    Aggregations* aggs_ = nullptr;
    void aggAction(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
    void tracemem(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
    void setopt(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
    void printValue(const Action& a, const RecordHeader& hdr, const uint8_t* data, size_t size);
};

} // namespace dt::output
