// DTrace's default printing of aggregations at exit.
#pragma once
#include <cstdint>
#include <cstdio>
#include <vector>

#include "program/program.h"

namespace dt::output {

// One key of an aggregation with its value merged across CPUs: v0 is the
// count/sum/min/max/sum-for-avg, v1 the avg's count.
struct AggEntry {
    std::vector<uint8_t> key;
    int64_t v0 = 0, v1 = 0;
    std::vector<int64_t> buckets; // quantize, lquantize
};

// Prints every aggregation that has data, in definition order, separated by
// blank lines, each sorted by value then key, in DTrace's columns.
void printAggregations(const CompiledProgram& prog, const std::vector<std::vector<AggEntry>>& data,
                       FILE* out);

} // namespace dt::output
