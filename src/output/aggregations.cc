#include "output/aggregations.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <string>

#include "output/symbols.h"
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
    if (static_cast<Func>(a.func) == Func::Stddev) {
        // As DTrace, in integers: sqrt(E[x^2] - E[x]^2).
        if (e.v1 == 0) return 0;
        __int128 n = e.v1;
        __int128 avg = e.v0 / e.v1;
        __int128 var = static_cast<__int128>(e.sq / static_cast<unsigned __int128>(n)) - avg * avg;
        if (var <= 0) return 0;
        auto r = static_cast<unsigned __int128>(std::sqrt(static_cast<long double>(var)));
        while (r * r > static_cast<unsigned __int128>(var))
            r--;
        while ((r + 1) * (r + 1) <= static_cast<unsigned __int128>(var))
            r++;
        return static_cast<int64_t>(r);
    }
    if (!e.buckets.empty()) {
        int64_t total = 0;
        for (int64_t b : e.buckets)
            total += b;
        return total;
    }
    return e.v0;
}

// printf into a string.
__attribute__((format(printf, 2, 3))) void appendf(std::string& out, const char* fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0) out.append(buf, std::min<size_t>(static_cast<size_t>(n), sizeof buf - 1));
}

// One histogram row's bar and count, as DTrace draws it (positive counts).
void histRow(std::string& out, int64_t val, long double total) {
    const int len = 40;
    static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
    static const char spaces[] = "                                        ";
    unsigned depth = 0;
    if (total > 0) {
        long double f = (static_cast<long double>(val < 0 ? -val : val) * len) / total;
        depth = static_cast<unsigned>(f + 0.5);
        if (depth > static_cast<unsigned>(len)) depth = len;
    }
    appendf(out, "|%s%s %-9lld\n", ats + len - depth, spaces + depth, static_cast<long long>(val));
}

// quantize() and lquantize() histograms: the rows from one bucket before
// the first non-zero one to one after the last.
void printHistogram(std::string& out, const AggInfo& a, const std::vector<int64_t>& data) {
    int n = static_cast<int>(data.size());
    bool lq = static_cast<Func>(a.func) == Func::Lquantize;
    int first = 0, last = n - 1;
    while (first < n && data[first] == 0)
        first++;
    if (first == n) {
        first = lq ? 0 : 62;
        last = lq ? std::min(2, n - 1) : 64;
    } else {
        if (first > 0) first--;
        while (last > 0 && data[last] == 0)
            last--;
        if (last < n - 1) last++;
    }
    long double total = 0;
    for (int64_t v : data)
        total += v < 0 ? -v : v;
    appendf(out, "\n%16s %41s %-9s\n", "value", "------------- Distribution -------------",
            "count");
    for (int i = first; i <= last; i++) {
        if (lq) {
            char label[64];
            if (i == 0) {
                snprintf(label, sizeof label, "< %lld", static_cast<long long>(a.base));
                appendf(out, "%16s ", label);
            } else if (i == n - 1) {
                snprintf(label, sizeof label, ">= %lld",
                         static_cast<long long>(a.base + static_cast<int64_t>(a.levels) * a.step));
                appendf(out, "%16s ", label);
            } else {
                appendf(out, "%16lld ", static_cast<long long>(a.base + (i - 1) * a.step));
            }
        } else {
            long long bv = i < 63 ? -(1LL << (62 - i)) : i == 63 ? 0 : (1LL << (i - 64));
            appendf(out, "%16lld ", bv);
        }
        histRow(out, data[i], total);
    }
}

bool keyLess(const AggInfo& a, const AggEntry& x, const AggEntry& y) {
    for (const AggKey& k : a.keys) {
        if (k.symbol != SymbolKind::None) {
            int c = memcmp(x.key.data() + k.offset, y.key.data() + k.offset, k.size);
            if (c != 0) return c < 0;
            continue;
        }
        if (k.isString) {
            int c = keyStr(k, x.key.data()).compare(keyStr(k, y.key.data()));
            if (c != 0) return c < 0;
        } else {
            int64_t p = keyInt(k, x.key.data()), q = keyInt(k, y.key.data());
            if (p != q)
                return k.isSigned ? p < q : static_cast<uint64_t>(p) < static_cast<uint64_t>(q);
        }
    }
    return false;
}

} // namespace

int64_t aggValue(const AggInfo& a, const AggEntry& e) {
    return value(a, e);
}

std::string histogramText(const AggInfo& a, const AggEntry& e) {
    std::string out;
    printHistogram(out, a, e.buckets);
    return out;
}

void sortEntries(const AggInfo& a, std::vector<AggEntry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [&](const AggEntry& x, const AggEntry& y) {
        int64_t vx = value(a, x), vy = value(a, y);
        if (vx != vy) return vx < vy;
        return keyLess(a, x, y);
    });
}

std::vector<Value> keyValues(const AggInfo& a, const AggEntry& e) {
    std::vector<Value> out;
    for (const AggKey& k : a.keys) {
        if (k.symbol != SymbolKind::None)
            out.push_back(
                Value::string(symbolValueText(k.symbol, e.key.data() + k.offset, k.frames)));
        else if (k.isString)
            out.push_back(Value::string(keyStr(k, e.key.data())));
        else
            out.push_back(Value::integer(static_cast<uint64_t>(keyInt(k, e.key.data())), k.typeSize,
                                         k.isSigned));
    }
    return out;
}

void printAggregations(const CompiledProgram& prog, const std::vector<std::vector<AggEntry>>& data,
                       FILE* out) {
    for (size_t i = 0; i < prog.aggs.size() && i < data.size(); i++) {
        const AggInfo& a = prog.aggs[i];
        std::vector<AggEntry> entries = data[i];
        if (entries.empty()) continue;
        sortEntries(a, entries);
        for (const AggEntry& e : entries) {
            for (const AggKey& k : a.keys) {
                if (k.symbol != SymbolKind::None) {
                    std::string text =
                        symbolValueText(k.symbol, e.key.data() + k.offset, k.frames);
                    if (isStack(k.symbol))
                        fputs(text.c_str(), out);
                    else
                        fprintf(out, "  %-50s", text.c_str());
                    continue;
                }
                if (k.isString) {
                    fprintf(out, "  %-50s", keyStr(k, e.key.data()).c_str());
                    continue;
                }
                int64_t v = keyInt(k, e.key.data());
                switch (k.typeSize) {
                case 1:
                    fprintf(out, " %8d", static_cast<int>(static_cast<uint8_t>(v)));
                    break;
                case 2:
                    fprintf(out, " %8d", static_cast<int>(static_cast<uint16_t>(v)));
                    break;
                case 4:
                    fprintf(out, " %8d", static_cast<int32_t>(v));
                    break;
                default:
                    fprintf(out, " %8lld", static_cast<long long>(v));
                    break;
                }
            }
            if (!e.buckets.empty()) {
                fputs(histogramText(a, e).c_str(), out);
                fputc('\n', out);
                continue;
            }
            fprintf(out, " %16lld\n", static_cast<long long>(value(a, e)));
        }
    }
}

} // namespace dt::output
