// Aggregations in the consumer: snapshots merged across CPUs, DTrace's
// sort orders, the default table and histogram layouts, printa, and the
// consumer-side actions normalize, denormalize, trunc and clear.
#pragma once
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "output/printf.h"
#include "program/program.h"

namespace dt::output {

// One key of an aggregation with its value merged across CPUs: v0 is the
// count/sum/min/max, or the sum for avg and stddev; v1 the count for avg
// and stddev (for min and max: whether any CPU has a value).
struct AggEntry {
    std::vector<uint8_t> key;
    int64_t v0 = 0, v1 = 0;
    unsigned __int128 sq = 0;     // stddev's sum of squares
    std::vector<int64_t> buckets; // quantize, lquantize, llquantize
    // -x aggpercpu: the same, for each CPU alone (CPU 0 first).
    std::vector<AggEntry> perCpu;
};

// The number of histogram buckets of a quantizing aggregation (0 otherwise).
uint32_t histogramBuckets(const AggInfo& a);

// The value %@ prints and the default layout shows, divided by `normal`
// as DTrace divides it.
int64_t aggValue(const AggInfo& a, const AggEntry& e, uint64_t normal = 1);
std::string histogramText(const AggInfo& a, const std::vector<int64_t>& buckets,
                          uint64_t normal = 1);
// The key columns and the value column(s) of the default layout.
std::string keyText(const AggInfo& a, const AggEntry& e);
void appendKeyText(std::string& out, const AggInfo& a, const AggEntry& e);
std::string valueText(const AggInfo& a, const AggEntry& e, uint64_t normal = 1);
std::vector<Value> keyValues(const AggInfo& a, const AggEntry& e); // printa's key arguments

// DTrace's orders: values by function (histograms by weighted sum, then the
// zero bucket), keys in order starting at `keyPos` (integers unsigned,
// strings bytewise).
int compareValues(const AggInfo& a, const AggEntry& x, const AggEntry& y);
int compareKeys(const AggInfo& a, const AggEntry& x, const AggEntry& y, int keyPos = 0);

struct AggSortOptions {
    bool byKey = false; // aggsortkey
    int keyPos = 0;     // aggsortkeypos
    int aggPos = 0;     // aggsortpos: which of printa's aggregations orders the rows
    bool reverse = false;
};
void sortEntries(const AggInfo& a, std::vector<AggEntry>& entries, const AggSortOptions& o = {});

// Where aggregation data lives (the kernel's maps, or a test's table).
class AggStore {
  public:
    virtual ~AggStore() = default;
    // Every key with its per-CPU values merged; a keyless aggregation has
    // one entry once any CPU has updated it.
    virtual std::vector<AggEntry> readAggregation(const AggInfo& a) const = 0;
    virtual void clearAggregation(const AggInfo& a) = 0; // values to zero, keys kept
    virtual void removeKeys(const AggInfo& a, const std::vector<AggEntry>& entries) = 0;
    // -x aggpercpu: readAggregation also fills each entry's perCpu.
    bool perCpu = false;
};

// The consumer's view of the program's aggregations.
class Aggregations {
  public:
    Aggregations(const CompiledProgram& prog, AggStore& store, AggSortOptions sort = {})
        : prog_(prog), store_(store), sort_(sort), state_(prog.aggs.size()) {}

    void normalize(int id, uint64_t factor) { state_.at(id).normal = factor ? factor : 1; }
    void denormalize(int id) { state_.at(id).normal = 1; }
    void clear(int id);
    // Keeps the `keep` entries with the largest values (negative: the
    // smallest); without a count removes every entry.
    void trunc(int id, std::optional<int64_t> keep);

    // printa(): without a format, the default layout after a blank line.
    std::string printa(const std::vector<int>& ids, const Format* fmt);
    // At exit: every aggregation printa has not printed, in definition order.
    std::string printUnprinted();

    AggSortOptions& sortOptions() { return sort_; }
    // -x aggpercpu: the default layout shows each CPU's value too.
    void setPerCpu(bool on) { store_.perCpu = on; }

  private:
    struct State {
        uint64_t normal = 1;
        bool printed = false;
        bool seen = false; // keyless: has had data (clear keeps it shown)
    };
    std::vector<AggEntry> read(int id);
    // One printa row: the keys, then each aggregation's value, by the
    // format or in the default layout.
    void appendRow(std::string& out, const std::vector<int>& ids, const std::vector<AggEntry>& row,
                   const Format* fmt);
    std::string defaultLayout(int id);
    void appendPerCpu(std::string& out, const AggInfo& a, const AggEntry& e, uint64_t normal) const;

    const CompiledProgram& prog_;
    AggStore& store_;
    AggSortOptions sort_;
    std::vector<State> state_;
};

} // namespace dt::output
