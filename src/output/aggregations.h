// DTrace's default printing of aggregations at exit.
#pragma once
#include <cstdint>
#include <cstdio>
#include <vector>

#include "output/printf.h"
#include "program/program.h"
#include <string>

namespace dt::output {

// One key of an aggregation with its value merged across CPUs: v0 is the
// count/sum/min/max/sum-for-avg, v1 the avg's count.
struct AggEntry {
    std::vector<uint8_t> key;
    int64_t v0 = 0, v1 = 0;
    unsigned __int128 sq = 0;     // stddev's sum of squares
    std::vector<int64_t> buckets; // quantize, lquantize
};

int64_t aggValue(const AggInfo& a, const AggEntry& e); // what %@ prints and sorts by
std::string histogramText(const AggInfo& a, const AggEntry& e);
void sortEntries(const AggInfo& a, std::vector<AggEntry>& entries); // by value, then key
std::vector<Value> keyValues(const AggInfo& a, const AggEntry& e);  // keys for printa formats

// Prints every aggregation that has data, in definition order (no blank
// lines between them, as DTrace), each sorted by value then key.
void printAggregations(const CompiledProgram& prog, const std::vector<std::vector<AggEntry>>& data,
                       FILE* out);

} // namespace dt::output
