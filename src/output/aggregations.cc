#include "output/aggregations.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <map>
#include <string>

#include "output/symbols.h"
#include "sema/builtins.h"

namespace dt::output {

namespace {

Func funcOf(const AggInfo& a) {
    return static_cast<Func>(a.func);
}

uint64_t keyBits(const AggKey& k, const uint8_t* p) {
    uint64_t v;
    memcpy(&v, p + k.offset, 8);
    return v;
}

std::string keyStr(const AggKey& k, const uint8_t* p) {
    const char* s = reinterpret_cast<const char*>(p + k.offset);
    return std::string(s, strnlen(s, k.size));
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

// DTrace's standard deviation in integers: sqrt(E[x^2] - E[x]^2), each
// average divided by the normalization factor first.
uint64_t stddevValue(const AggEntry& e, uint64_t normal) {
    if (e.v1 == 0) return 0;
    unsigned __int128 avgSq = e.sq / normal / static_cast<uint64_t>(e.v1);
    int64_t avg = e.v0 / static_cast<int64_t>(normal) / e.v1;
    unsigned __int128 a = static_cast<uint64_t>(avg < 0 ? -avg : avg);
    if (avgSq <= a * a) return 0;
    unsigned __int128 var = avgSq - a * a;
    auto r = static_cast<unsigned __int128>(sqrtl(static_cast<long double>(var)));
    while (r * r > var)
        r--;
    while ((r + 1) * (r + 1) <= var)
        r++;
    return static_cast<uint64_t>(r);
}

uint64_t power(uint64_t base, uint32_t exp) {
    uint64_t r = 1;
    for (uint32_t i = 0; i < exp; i++)
        r *= base;
    return r;
}

// The value a histogram bucket stands for, for ordering by weighted sum.
long double bucketValue(const AggInfo& a, int i) {
    switch (funcOf(a)) {
    case Func::Quantize:
        return i < 63    ? -static_cast<long double>(1ULL << (62 - i))
               : i == 63 ? 0
                         : static_cast<long double>(1ULL << (i - 64));
    case Func::Lquantize:
        if (i == 0) return static_cast<long double>(a.base - 1);
        if (i == static_cast<int>(a.levels) + 1)
            return static_cast<long double>(a.base + static_cast<int64_t>(a.levels) * a.step + 1);
        return static_cast<long double>(a.base + (i - 1) * a.step);
    case Func::Llquantize: {
        int zero = static_cast<int>(a.llqZeroBucket());
        int off = std::abs(i - zero);
        long double v = 0;
        uint32_t per = a.steps - a.steps / a.factor;
        if (off == 0) {
            v = 0;
        } else if (off > static_cast<int>((a.hmag - a.lmag + 1) * per)) {
            v = powl(a.factor, a.hmag + 1);
        } else {
            uint32_t m = a.lmag + static_cast<uint32_t>(off - 1) / per;
            uint32_t j = static_cast<uint32_t>(off - 1) % per;
            v = (a.steps / a.factor + j) * powl(a.factor, m + 1) / a.steps;
        }
        return i < zero ? -v : v;
    }
    default:
        return 0;
    }
}

int zeroBucket(const AggInfo& a) {
    switch (funcOf(a)) {
    case Func::Quantize:
        return 63;
    case Func::Lquantize: {
        if (a.base - 1 == 0) return 0;
        for (uint32_t i = 0; i < a.levels; i++)
            if (a.base + static_cast<int64_t>(i) * a.step == 0) return static_cast<int>(i) + 1;
        if (a.base + static_cast<int64_t>(a.levels) * a.step + 1 == 0)
            return static_cast<int>(a.levels) + 1;
        return -1;
    }
    case Func::Llquantize:
        return static_cast<int>(a.llqZeroBucket());
    default:
        return -1;
    }
}

// One histogram row's bar and count, as DTrace draws it: bars to the right
// for positive counts, to the left for negative ones, half bars either side
// of a centre line when there are both.
void histRow(std::string& out, int64_t val, uint64_t normal, long double total, bool positives,
             bool negatives) {
    static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
    static const char spaces[] = "                                        ";
    long long shown = static_cast<long long>(static_cast<uint64_t>(val) / normal);
    long double mag = val < 0 ? -static_cast<long double>(val) : static_cast<long double>(val);
    unsigned len = 40;
    if (!negatives) {
        unsigned depth = positives ? static_cast<unsigned>(mag * len / total + 0.5L) : 0;
        appendf(out, "|%s%s %-9lld\n", ats + len - depth, spaces + depth, shown);
        return;
    }
    if (!positives) {
        unsigned depth = static_cast<unsigned>(mag * len / total + 0.5L);
        appendf(out, "%s%s| %-9lld\n", spaces + depth, ats + len - depth, shown);
        return;
    }
    len /= 2;
    const char* a = ats + len;
    const char* s = spaces + len;
    unsigned depth = static_cast<unsigned>(mag * len / total + 0.5L);
    if (val <= 0)
        appendf(out, "%s%s|%*s %-9lld\n", s + depth, a + len - depth, static_cast<int>(len), "",
                shown);
    else
        appendf(out, "%20s|%s%s %-9lld\n", "", a + len - depth, s + depth, shown);
}

// llquantize()'s bucket labels, as DTrace writes them; "" for the buckets
// of the first magnitude that no value can reach.
std::vector<std::string> llquantizeLabels(const AggInfo& a, int firstBin) {
    int nbins = static_cast<int>(a.llqBuckets());
    int bin0 = static_cast<int>(a.llqZeroBucket());
    uint32_t stepsFactor = a.steps / a.factor;
    std::vector<std::string> c(static_cast<size_t>(nbins));
    auto set = [&](int i, std::string s) {
        if (i >= 0 && i < nbins) c[static_cast<size_t>(i)] = std::move(s);
    };
    uint64_t scale = power(a.factor, a.lmag);
    if (scale == 1)
        set(bin0, "0");
    else if (firstBin >= bin0)
        set(bin0, "< " + std::to_string(scale));
    else
        set(bin0, "abs() < " + std::to_string(scale));
    set(bin0 - 1, "-" + std::to_string(scale));
    set(bin0 + 1, std::to_string(scale));
    uint32_t mag = a.lmag;
    int i = 1;
    if (a.lmag == 0 && a.steps > a.factor) {
        for (uint32_t step = 2; step <= a.factor; step++) {
            i += static_cast<int>(stepsFactor);
            set(bin0 - i, "-" + std::to_string(step));
            set(bin0 + i, std::to_string(step));
        }
        mag++;
    }
    scale = static_cast<uint64_t>(powl(a.factor, mag + 1) / a.steps);
    for (; mag <= a.hmag; mag++) {
        for (uint32_t step = stepsFactor + 1; step <= a.steps; step++) {
            i++;
            set(bin0 - i, "-" + std::to_string(step * scale));
            set(bin0 + i, std::to_string(step * scale));
        }
        scale *= a.factor;
    }
    scale = static_cast<uint64_t>(powl(a.factor, a.hmag + 1));
    set(0, "<= -" + std::to_string(scale));
    set(nbins - 1, ">= " + std::to_string(scale));
    return c;
}

void histogram(std::string& out, const AggInfo& a, const std::vector<int64_t>& data,
               uint64_t normal) {
    int n = static_cast<int>(data.size());
    Func f = funcOf(a);
    int first = 0, last = n - 1;
    while (first <= last && data[first] == 0)
        first++;
    bool llq = f == Func::Llquantize;
    if (first > last) {
        if (llq) {
            first = last = static_cast<int>(a.llqZeroBucket()) + 1;
        } else if (f == Func::Quantize) {
            first = 62;
            last = 64;
        } else {
            first = 0;
            last = std::min(2, n - 1);
        }
    } else {
        while (last > 0 && data[last] == 0)
            last--;
        if (!llq) {
            if (first > 0) first--;
            if (last < n - 1) last++;
        }
    }
    bool positives = false, negatives = false;
    long double total = 0;
    for (int i = first; i <= last; i++) {
        positives |= data[i] > 0;
        negatives |= data[i] < 0;
        total += data[i] < 0 ? -static_cast<long double>(data[i]) : data[i];
    }
    appendf(out, "\n%16s %41s %-9s\n", "value", "------------- Distribution -------------",
            "count");
    std::vector<std::string> labels;
    if (llq) {
        if (first > 0) first--;
        if (last < n - 1) last++;
        labels = llquantizeLabels(a, first);
        // A range ending on a bucket no value reaches takes its neighbour's label.
        int pad = a.lmag == 0 && a.steps > a.factor ? static_cast<int>(a.steps / a.factor) : 0;
        auto borrow = [&](int at, int dir) {
            if (pad == 0 || !labels[static_cast<size_t>(at)].empty()) return;
            for (int k = 1; k < pad; k++) {
                int j = at + dir * k;
                if (j < 0 || j >= n) break;
                if (!labels[static_cast<size_t>(j)].empty()) {
                    labels[static_cast<size_t>(at)] = labels[static_cast<size_t>(j)];
                    return;
                }
            }
        };
        borrow(first, -1);
        borrow(last, 1);
    }
    for (int i = first; i <= last; i++) {
        if (llq) {
            if (labels[static_cast<size_t>(i)].empty()) continue;
            appendf(out, "%16s ", labels[static_cast<size_t>(i)].c_str());
        } else if (f == Func::Lquantize) {
            if (i == 0) {
                std::string l = "< " + std::to_string(static_cast<int32_t>(a.base));
                appendf(out, "%16s ", l.c_str());
            } else if (i == n - 1) {
                std::string l = ">= " + std::to_string(static_cast<int32_t>(
                                            a.base + static_cast<int64_t>(a.levels) * a.step));
                appendf(out, "%16s ", l.c_str());
            } else {
                appendf(out, "%16d ", static_cast<int32_t>(a.base + (i - 1) * a.step));
            }
        } else {
            long long bv = i < 63 ? -(1LL << (62 - i)) : i == 63 ? 0 : (1LL << (i - 64));
            appendf(out, "%16lld ", bv);
        }
        histRow(out, data[i], normal, total, positives, negatives);
    }
}

int cmp(long double x, long double y) {
    return x < y ? -1 : x > y ? 1 : 0;
}

// The entry a key has in an aggregation that has no data for it.
AggEntry zeroEntry(const AggInfo& a, const std::vector<uint8_t>& key) {
    AggEntry e;
    e.key = key;
    e.buckets.assign(histogramBuckets(a), 0);
    if (funcOf(a) == Func::Min) e.v0 = INT64_MAX;
    if (funcOf(a) == Func::Max) e.v0 = INT64_MIN;
    return e;
}

} // namespace

uint32_t histogramBuckets(const AggInfo& a) {
    switch (funcOf(a)) {
    case Func::Quantize:
        return kQuantizeBuckets;
    case Func::Lquantize:
        return a.levels + 2;
    case Func::Llquantize:
        return a.llqBuckets();
    default:
        return 0;
    }
}

int64_t aggValue(const AggInfo& a, const AggEntry& e, uint64_t normal) {
    auto n = static_cast<int64_t>(normal ? normal : 1);
    switch (funcOf(a)) {
    case Func::Avg:
        return e.v1 ? e.v0 / n / e.v1 : 0;
    case Func::Stddev:
        return static_cast<int64_t>(stddevValue(e, static_cast<uint64_t>(n)));
    case Func::Quantize:
    case Func::Lquantize:
    case Func::Llquantize: {
        int64_t total = 0;
        for (int64_t b : e.buckets)
            total += b;
        return total / n;
    }
    case Func::Min:
    case Func::Max:
        if (!e.v1) return (funcOf(a) == Func::Min ? INT64_MAX : INT64_MIN) / n;
        return e.v0 / n;
    default:
        return e.v0 / n;
    }
}

std::string histogramText(const AggInfo& a, const std::vector<int64_t>& buckets, uint64_t normal) {
    std::string out;
    histogram(out, a, buckets, normal ? normal : 1);
    return out;
}

std::string keyText(const AggInfo& a, const AggEntry& e) {
    std::string out;
    appendKeyText(out, a, e);
    return out;
}

void appendKeyText(std::string& out, const AggInfo& a, const AggEntry& e) {
    for (const AggKey& k : a.keys) {
        if (k.symbol != SymbolKind::None) {
            // Stacks print on their own lines; symbols as strings.
            std::string text = symbolValueText(k.symbol, e.key.data() + k.offset, k.frames);
            if (isStack(k.symbol))
                out += text;
            else
                appendf(out, "  %-50s", text.c_str());
            continue;
        }
        if (k.isString) {
            appendf(out, "  %-50s", keyStr(k, e.key.data()).c_str());
            continue;
        }
        uint64_t v = keyBits(k, e.key.data());
        switch (k.typeSize) {
        case 1:
            appendf(out, " %3d", static_cast<int>(static_cast<uint8_t>(v)));
            break;
        case 2:
            appendf(out, " %5d", static_cast<int>(static_cast<uint16_t>(v)));
            break;
        case 4:
            appendf(out, " %8d", static_cast<int32_t>(static_cast<uint32_t>(v)));
            break;
        default:
            appendf(out, " %16lld", static_cast<long long>(v));
            break;
        }
    }
}

std::string valueText(const AggInfo& a, const AggEntry& e, uint64_t normal) {
    if (normal == 0) normal = 1;
    switch (funcOf(a)) {
    case Func::Quantize:
    case Func::Lquantize:
    case Func::Llquantize:
        return histogramText(a, e.buckets, normal);
    case Func::Avg:
    case Func::Stddev: {
        std::string out;
        if (funcOf(a) == Func::Avg)
            appendf(out, " %16lld", static_cast<long long>(aggValue(a, e, normal)));
        else
            appendf(out, " %16llu", static_cast<unsigned long long>(stddevValue(e, normal)));
        return out;
    }
    default: {
        // As DTrace: the 64-bit value divided as unsigned, printed signed.
        std::string out;
        uint64_t v = static_cast<uint64_t>(aggValue(a, e));
        appendf(out, " %16lld", static_cast<long long>(v / normal));
        return out;
    }
    }
}

std::vector<Value> keyValues(const AggInfo& a, const AggEntry& e) {
    std::vector<Value> out;
    for (const AggKey& k : a.keys) {
        if (k.symbol != SymbolKind::None)
            out.push_back(symbolValue(k.symbol, e.key.data() + k.offset, k.frames));
        else if (k.isString)
            out.push_back(Value::string(keyStr(k, e.key.data())));
        else
            out.push_back(Value::integer(keyBits(k, e.key.data()), k.typeSize, k.isSigned));
    }
    return out;
}

int compareValues(const AggInfo& a, const AggEntry& x, const AggEntry& y) {
    switch (funcOf(a)) {
    case Func::Avg: {
        long double ax = x.v1 ? static_cast<long double>(x.v0) / x.v1 : 0;
        long double ay = y.v1 ? static_cast<long double>(y.v0) / y.v1 : 0;
        return cmp(ax, ay);
    }
    case Func::Stddev: {
        uint64_t sx = stddevValue(x, 1), sy = stddevValue(y, 1);
        return sx < sy ? -1 : sx > sy ? 1 : 0;
    }
    case Func::Quantize:
    case Func::Lquantize:
    case Func::Llquantize: {
        long double tx = 0, ty = 0;
        for (size_t i = 0; i < x.buckets.size() && i < y.buckets.size(); i++) {
            long double bv = bucketValue(a, static_cast<int>(i));
            tx += static_cast<long double>(x.buckets[i]) * bv;
            ty += static_cast<long double>(y.buckets[i]) * bv;
        }
        if (int c = cmp(tx, ty)) return c;
        int z = zeroBucket(a);
        if (z < 0 || static_cast<size_t>(z) >= x.buckets.size() ||
            static_cast<size_t>(z) >= y.buckets.size())
            return 0;
        int64_t zx = x.buckets[static_cast<size_t>(z)], zy = y.buckets[static_cast<size_t>(z)];
        return zx < zy ? -1 : zx > zy ? 1 : 0;
    }
    default: {
        int64_t vx = aggValue(a, x), vy = aggValue(a, y);
        return vx < vy ? -1 : vx > vy ? 1 : 0;
    }
    }
}

int compareKeys(const AggInfo& a, const AggEntry& x, const AggEntry& y, int keyPos) {
    int n = static_cast<int>(a.keys.size());
    if (keyPos < 0 || keyPos >= n) keyPos = 0;
    for (int i = 0; i < n; i++) {
        const AggKey& k = a.keys[static_cast<size_t>((i + keyPos) % n)];
        if (k.isString || k.symbol != SymbolKind::None) {
            // Bytewise over the whole zero-filled field, as DTrace compares.
            int c = memcmp(x.key.data() + k.offset, y.key.data() + k.offset, k.size);
            if (c != 0) return c < 0 ? -1 : 1;
            continue;
        }
        uint64_t p = keyBits(k, x.key.data()), q = keyBits(k, y.key.data());
        if (k.typeSize < 8) {
            uint64_t mask = (1ULL << (8 * k.typeSize)) - 1;
            p &= mask;
            q &= mask;
        }
        if (p != q) return p < q ? -1 : 1;
    }
    return 0;
}

void sortEntries(const AggInfo& a, std::vector<AggEntry>& entries, const AggSortOptions& o) {
    // Sorts indexes, with the values of the plain functions computed once:
    // a snapshot can have hundreds of thousands of keys.
    size_t n = entries.size();
    Func f = funcOf(a);
    bool plain = f == Func::Count || f == Func::Sum || f == Func::Min || f == Func::Max;
    std::vector<int64_t> vals;
    if (plain) {
        vals.resize(n);
        for (size_t i = 0; i < n; i++)
            vals[i] = aggValue(a, entries[i]);
    }
    auto valueCmp = [&](uint32_t x, uint32_t y) {
        if (!plain) return compareValues(a, entries[x], entries[y]);
        return vals[x] < vals[y] ? -1 : vals[x] > vals[y] ? 1 : 0;
    };
    // The keys side by side in comparison order, integers big-endian, so
    // that one memcmp orders them as compareKeys() does.
    int nk = static_cast<int>(a.keys.size());
    int keyPos = o.keyPos < 0 || o.keyPos >= nk ? 0 : o.keyPos;
    size_t width = 0;
    for (const AggKey& k : a.keys)
        width += k.isString || k.symbol != SymbolKind::None ? k.size : 8;
    std::vector<uint8_t> keyBytes(n * width);
    for (size_t i = 0; i < n; i++) {
        uint8_t* p = keyBytes.data() + i * width;
        const uint8_t* key = entries[i].key.data();
        for (int j = 0; j < nk; j++) {
            const AggKey& k = a.keys[static_cast<size_t>((j + keyPos) % nk)];
            if (k.isString || k.symbol != SymbolKind::None) {
                memcpy(p, key + k.offset, k.size);
                p += k.size;
                continue;
            }
            uint64_t v = keyBits(k, key);
            if (k.typeSize < 8) v &= (1ULL << (8 * k.typeSize)) - 1;
            for (int b = 7; b >= 0; b--)
                *p++ = static_cast<uint8_t>(v >> (8 * b));
        }
    }
    auto keyCmp = [&](uint32_t x, uint32_t y) {
        int c = memcmp(keyBytes.data() + x * width, keyBytes.data() + y * width, width);
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    };
    std::vector<uint32_t> idx(n);
    for (size_t i = 0; i < n; i++)
        idx[i] = static_cast<uint32_t>(i);
    std::stable_sort(idx.begin(), idx.end(), [&](uint32_t x, uint32_t y) {
        int c;
        if (o.byKey) {
            c = keyCmp(x, y);
            if (c == 0) c = valueCmp(x, y);
        } else {
            c = valueCmp(x, y);
            if (c == 0) c = keyCmp(x, y);
        }
        return o.reverse ? c > 0 : c < 0;
    });
    std::vector<AggEntry> sorted;
    sorted.reserve(n);
    for (uint32_t i : idx)
        sorted.push_back(std::move(entries[i]));
    entries = std::move(sorted);
}

std::vector<AggEntry> Aggregations::read(int id) {
    const AggInfo& a = prog_.aggs.at(static_cast<size_t>(id));
    std::vector<AggEntry> entries = store_.readAggregation(a);
    if (a.keys.empty()) {
        // A keyless aggregation stays once it has had data, even cleared.
        State& st = state_.at(static_cast<size_t>(id));
        if (!entries.empty()) st.seen = true;
        if (entries.empty() && st.seen) entries.push_back(zeroEntry(a, std::vector<uint8_t>(4, 0)));
    }
    return entries;
}

void Aggregations::clear(int id) {
    read(id); // a keyless aggregation with data stays shown, as zero
    store_.clearAggregation(prog_.aggs.at(static_cast<size_t>(id)));
}

void Aggregations::trunc(int id, std::optional<int64_t> keep) {
    const AggInfo& a = prog_.aggs.at(static_cast<size_t>(id));
    std::vector<AggEntry> entries = store_.readAggregation(a);
    std::vector<AggEntry> drop;
    if (!keep) {
        drop = std::move(entries);
    } else {
        // The largest values first (or the smallest, for a negative count).
        int64_t n = *keep;
        AggSortOptions o;
        o.reverse = n >= 0;
        sortEntries(a, entries, o);
        size_t kept = static_cast<size_t>(n < 0 ? -n : n);
        for (size_t i = kept; i < entries.size(); i++)
            drop.push_back(std::move(entries[i]));
    }
    if (drop.empty()) return;
    store_.removeKeys(a, drop);
    if (a.keys.empty()) state_.at(static_cast<size_t>(id)).seen = false;
}

std::string Aggregations::printa(const std::vector<int>& ids, const Format* fmt) {
    std::string out;
    if (ids.empty()) return out;
    // As DTrace: an aggregation counts as printed (and is not printed again
    // at exit) once printa has printed a row of it.
    auto printed = [&]() {
        for (int id : ids)
            state_.at(static_cast<size_t>(id)).printed = true;
    };
    if (!fmt) out += '\n';
    if (ids.size() == 1) {
        // One aggregation: its entries sorted as at exit, one row each.
        std::vector<AggEntry> entries = read(ids[0]);
        sortEntries(prog_.aggs.at(static_cast<size_t>(ids[0])), entries, sort_);
        if (!entries.empty()) printed();
        out.reserve(out.size() + entries.size() * 40);
        for (AggEntry& e : entries) {
            std::vector<AggEntry> row;
            row.push_back(std::move(e));
            appendRow(out, ids, row, fmt);
        }
        return out;
    }
    // Several: the union of their keys, each row with every aggregation's
    // entry (zero where it has none), ordered by the one aggsortpos names.
    std::vector<std::vector<AggEntry>> rows;
    std::map<std::vector<uint8_t>, size_t> byKey;
    for (size_t j = 0; j < ids.size(); j++) {
        for (AggEntry& e : read(ids[j])) {
            auto [it, fresh] = byKey.emplace(e.key, rows.size());
            if (fresh) {
                rows.emplace_back();
                for (int other : ids)
                    rows.back().push_back(
                        zeroEntry(prog_.aggs.at(static_cast<size_t>(other)), e.key));
            }
            rows[it->second][j] = std::move(e);
        }
    }
    if (!rows.empty()) printed();
    size_t pos = sort_.aggPos >= 0 && static_cast<size_t>(sort_.aggPos) < ids.size()
                     ? static_cast<size_t>(sort_.aggPos)
                     : 0;
    const AggInfo& sortAgg = prog_.aggs.at(static_cast<size_t>(ids[pos]));
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) {
        int c;
        if (sort_.byKey) {
            c = compareKeys(sortAgg, x[pos], y[pos], sort_.keyPos);
            if (c == 0) c = compareValues(sortAgg, x[pos], y[pos]);
        } else {
            c = compareValues(sortAgg, x[pos], y[pos]);
            if (c == 0) c = compareKeys(sortAgg, x[pos], y[pos], sort_.keyPos);
        }
        return sort_.reverse ? c > 0 : c < 0;
    });
    for (const auto& row : rows)
        appendRow(out, ids, row, fmt);
    return out;
}

void Aggregations::appendRow(std::string& out, const std::vector<int>& ids,
                             const std::vector<AggEntry>& row, const Format* fmt) {
    const AggInfo& first = prog_.aggs.at(static_cast<size_t>(ids[0]));
    if (!fmt) {
        out += keyText(first, row[0]);
        for (size_t j = 0; j < ids.size(); j++) {
            const AggInfo& a = prog_.aggs.at(static_cast<size_t>(ids[j]));
            uint64_t normal = state_.at(static_cast<size_t>(ids[j])).normal;
            out += valueText(a, row[j], normal);
            appendPerCpu(out, a, row[j], normal);
        }
        out += '\n';
        return;
    }
    std::vector<Value> vals;
    std::vector<std::string> texts;
    for (size_t j = 0; j < ids.size(); j++) {
        const AggInfo& a = prog_.aggs.at(static_cast<size_t>(ids[j]));
        uint64_t normal = state_.at(static_cast<size_t>(ids[j])).normal;
        if (histogramBuckets(a)) {
            texts.push_back(histogramText(a, row[j].buckets, normal));
            vals.push_back(Value::integer(0));
        } else {
            texts.emplace_back();
            vals.push_back(
                Value::integer(static_cast<uint64_t>(aggValue(a, row[j], normal)), 8, true));
        }
    }
    out += fmt->render(keyValues(first, row[0]), vals, texts);
}

// -x aggpercpu: after the value over all CPUs, each CPU's on its own line
// (a CPU without data shows the function's starting value).
void Aggregations::appendPerCpu(std::string& out, const AggInfo& a, const AggEntry& e,
                                uint64_t normal) const {
    for (size_t c = 0; c < e.perCpu.size(); c++) {
        appendf(out, "\n    [CPU %zu]", c);
        out += valueText(a, e.perCpu[c], normal);
    }
}

std::string Aggregations::printUnprinted() {
    std::string out;
    // In definition order; aggsortrev reverses the whole walk, as DTrace's
    // one sort of every aggregation's entries does.
    for (size_t n = 0; n < prog_.aggs.size(); n++) {
        size_t i = sort_.reverse ? prog_.aggs.size() - 1 - n : n;
        if (state_[i].printed) continue;
        const AggInfo& a = prog_.aggs[i];
        std::vector<AggEntry> entries = read(static_cast<int>(i));
        sortEntries(a, entries, sort_);
        out.reserve(out.size() + entries.size() * (a.keys.size() * 20 + 20));
        bool plain = histogramBuckets(a) == 0;
        for (const AggEntry& e : entries) {
            appendKeyText(out, a, e);
            if (plain && state_[i].normal == 1 && funcOf(a) != Func::Avg &&
                funcOf(a) != Func::Stddev && e.perCpu.empty()) {
                appendf(out, " %16lld\n", static_cast<long long>(aggValue(a, e)));
            } else {
                out += valueText(a, e, state_[i].normal);
                appendPerCpu(out, a, e, state_[i].normal);
                out += '\n';
            }
        }
    }
    return out;
}

} // namespace dt::output
