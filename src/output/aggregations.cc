#include "output/aggregations.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "sema/builtins.h"

namespace dt::output {

namespace {

int64_t keyInt(const AggKey& k, const uint8_t* p) {
    int64_t v;
    memcpy(&v, p + k.offset, 8);
    return v;
}

std::string keyStr(const AggKey& k, const uint8_t* p) {
    const char* s = reinterpret_cast<const char*>(p + k.offset);
    return std::string(s, strnlen(s, k.size));
}

int64_t value(const AggInfo& a, const AggEntry& e) {
    if (static_cast<Func>(a.func) == Func::Avg) return e.v1 ? e.v0 / e.v1 : 0;
    return e.v0;
}

bool keyLess(const AggInfo& a, const AggEntry& x, const AggEntry& y) {
    for (const AggKey& k : a.keys) {
        if (k.isString) {
            int c = keyStr(k, x.key.data()).compare(keyStr(k, y.key.data()));
            if (c != 0) return c < 0;
        } else {
            int64_t p = keyInt(k, x.key.data()), q = keyInt(k, y.key.data());
            if (p != q) return k.isSigned ? p < q : static_cast<uint64_t>(p) < static_cast<uint64_t>(q);
        }
    }
    return false;
}

} // namespace

void printAggregations(const CompiledProgram& prog,
                       const std::vector<std::vector<AggEntry>>& data, FILE* out) {
    bool first = true;
    for (size_t i = 0; i < prog.aggs.size() && i < data.size(); i++) {
        const AggInfo& a = prog.aggs[i];
        std::vector<AggEntry> entries = data[i];
        if (entries.empty()) continue;
        std::stable_sort(entries.begin(), entries.end(), [&](const AggEntry& x, const AggEntry& y) {
            int64_t vx = value(a, x), vy = value(a, y);
            if (vx != vy) return vx < vy;
            return keyLess(a, x, y);
        });
        if (!first) fputc('\n', out);
        first = false;
        for (const AggEntry& e : entries) {
            for (const AggKey& k : a.keys) {
                if (k.isString) {
                    fprintf(out, "  %-50s", keyStr(k, e.key.data()).c_str());
                    continue;
                }
                int64_t v = keyInt(k, e.key.data());
                switch (k.typeSize) {
                case 1: fprintf(out, " %8d", static_cast<int>(static_cast<uint8_t>(v))); break;
                case 2: fprintf(out, " %8d", static_cast<int>(static_cast<uint16_t>(v))); break;
                case 4: fprintf(out, " %8d", static_cast<int32_t>(v)); break;
                default: fprintf(out, " %8lld", static_cast<long long>(v)); break;
                }
            }
            fprintf(out, " %16lld\n", static_cast<long long>(value(a, e)));
        }
    }
}

} // namespace dt::output
