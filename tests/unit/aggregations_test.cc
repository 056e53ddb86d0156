// The consumer's aggregation layouts and orders, given fixed data.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "output/aggregations.h"
#include "sema/builtins.h"

namespace dt::output {
namespace {

AggInfo agg(Func f, std::vector<AggKey> keys = {}) {
    AggInfo a;
    a.name = "a";
    a.func = static_cast<int>(f);
    uint32_t off = 0;
    for (AggKey& k : keys) {
        k.offset = off;
        off += k.size;
    }
    a.keys = keys;
    a.keySize = keys.empty() ? 4 : off;
    return a;
}
AggKey intKey(unsigned size = 8) {
    AggKey k;
    k.size = 8;
    k.typeSize = size;
    return k;
}
AggKey strKey() {
    AggKey k;
    k.isString = true;
    k.size = 32;
    k.typeSize = 32;
    return k;
}

// Builds a key from integers and strings in the aggregation's layout.
struct KeyPart {
    int64_t i = 0;
    const char* s = nullptr;
    KeyPart(int64_t v) : i(v) {}
    KeyPart(int v) : i(v) {}
    KeyPart(const char* v) : s(v) {}
};
std::vector<uint8_t> key(const AggInfo& a, std::vector<KeyPart> parts) {
    std::vector<uint8_t> k(a.keySize, 0);
    for (size_t i = 0; i < parts.size(); i++) {
        if (parts[i].s)
            memcpy(k.data() + a.keys[i].offset, parts[i].s, strlen(parts[i].s));
        else
            memcpy(k.data() + a.keys[i].offset, &parts[i].i, 8);
    }
    return k;
}
AggEntry entry(const AggInfo& a, std::vector<KeyPart> parts, int64_t v0, int64_t v1 = 1) {
    AggEntry e;
    e.key = key(a, std::move(parts));
    e.v0 = v0;
    e.v1 = v1;
    return e;
}

// An in-memory store for the consumer-side actions.
class FakeStore : public AggStore {
  public:
    std::map<std::string, std::vector<AggEntry>> data;
    std::vector<AggEntry> readAggregation(const AggInfo& a) const override {
        auto it = data.find(a.name);
        return it == data.end() ? std::vector<AggEntry>{} : it->second;
    }
    void clearAggregation(const AggInfo& a) override {
        for (AggEntry& e : data[a.name]) {
            e.v0 = e.v1 = 0;
            for (auto& b : e.buckets)
                b = 0;
        }
    }
    void removeKeys(const AggInfo& a, const std::vector<AggEntry>& gone) override {
        auto& v = data[a.name];
        for (const AggEntry& g : gone)
            for (size_t i = 0; i < v.size(); i++)
                if (v[i].key == g.key) {
                    v.erase(v.begin() + static_cast<long>(i));
                    break;
                }
    }
};

TEST(AggLayout, KeyColumnsBySize) {
    AggInfo a = agg(Func::Count, {intKey(1), intKey(2), intKey(4), intKey(8), strKey()});
    AggEntry e = entry(a, {1, 2, 3, -4, "bash"}, 7);
    EXPECT_EQ(keyText(a, e), "   1     2        3               -4  bash" + std::string(46, ' '));
    EXPECT_EQ(valueText(a, e), "                7");
}

TEST(AggLayout, AvgStddevNormalized) {
    AggInfo avg = agg(Func::Avg);
    AggEntry e = entry(avg, {}, 100, 4); // sum 100 over 4 values
    EXPECT_EQ(valueText(avg, e), "               25");
    EXPECT_EQ(valueText(avg, e, 5), "                5");
    AggInfo sd = agg(Func::Stddev);
    AggEntry s = entry(sd, {}, 2 + 4 + 4 + 4 + 5 + 5 + 7 + 9, 8);
    s.sq = 4 + 16 + 16 + 16 + 25 + 25 + 49 + 81;
    EXPECT_EQ(aggValue(sd, s), 2);
}

TEST(AggLayout, QuantizeRowsAroundData) {
    AggInfo q = agg(Func::Quantize);
    std::vector<int64_t> b(kQuantizeBuckets, 0);
    b[64 + 1] = 3; // value 2
    b[64 + 2] = 1; // value 4
    EXPECT_EQ(histogramText(q, b), "\n"
                                   "           value  ------------- Distribution ------------- "
                                   "count    \n"
                                   "               1 |                                         0  "
                                   "      \n"
                                   "               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@           3  "
                                   "      \n"
                                   "               4 |@@@@@@@@@@                               1  "
                                   "      \n"
                                   "               8 |                                         0  "
                                   "      \n");
}

TEST(AggLayout, NegativeCountsDrawLeft) {
    AggInfo q = agg(Func::Quantize);
    std::vector<int64_t> b(kQuantizeBuckets, 0);
    b[64] = -4; // value 1
    std::string t = histogramText(q, b);
    EXPECT_NE(t.find("               1 @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@| -4       \n"),
              std::string::npos)
        << t;
    // Both signs: half bars either side of the centre line.
    b[66] = 4; // value 4
    t = histogramText(q, b);
    EXPECT_NE(t.find("               1           @@@@@@@@@@|                     -4       \n"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("               4                     |@@@@@@@@@@           4        \n"),
              std::string::npos)
        << t;
}

TEST(AggLayout, EmptyHistograms) {
    AggInfo q = agg(Func::Quantize);
    std::string t = histogramText(q, std::vector<int64_t>(kQuantizeBuckets, 0));
    EXPECT_NE(t.find("              -1 |"), std::string::npos) << t;
    EXPECT_NE(t.find("               1 |"), std::string::npos) << t;
    AggInfo l = agg(Func::Lquantize);
    l.base = -10;
    l.step = 1;
    l.levels = 20;
    t = histogramText(l, std::vector<int64_t>(22, 0));
    EXPECT_NE(t.find("           < -10 |"), std::string::npos) << t;
    EXPECT_NE(t.find("              -9 |"), std::string::npos) << t;
}

TEST(AggLayout, LquantizeLabels) {
    AggInfo l = agg(Func::Lquantize);
    l.base = 0;
    l.step = 10;
    l.levels = 10;
    std::vector<int64_t> b(12, 0);
    b[0] = 1;  // < 0
    b[11] = 1; // >= 100
    std::string t = histogramText(l, b);
    EXPECT_NE(t.find("             < 0 |@@@@@@@@@@@@@@@@@@@@                     1"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("          >= 100 |@@@@@@@@@@@@@@@@@@@@                     1"),
              std::string::npos)
        << t;
}

AggInfo llq(uint32_t factor, uint32_t lmag, uint32_t hmag, uint32_t steps) {
    AggInfo a = agg(Func::Llquantize);
    a.factor = factor;
    a.lmag = lmag;
    a.hmag = hmag;
    a.steps = steps;
    return a;
}

TEST(AggLayout, LlquantizeBuckets) {
    AggInfo a = llq(10, 0, 6, 20);
    EXPECT_EQ(a.llqBuckets(), 7u * 18 * 2 + 3);
    uint32_t z = a.llqZeroBucket();
    EXPECT_EQ(llquantizeBucket(a, 0), z);
    EXPECT_EQ(llquantizeBucket(a, 1), z + 1);
    EXPECT_EQ(llquantizeBucket(a, 2), z + 3); // the ghost bucket between 1 and 2
    EXPECT_EQ(llquantizeBucket(a, 9), z + 17);
    EXPECT_EQ(llquantizeBucket(a, 10), z + 19);
    EXPECT_EQ(llquantizeBucket(a, 14), z + 19);
    EXPECT_EQ(llquantizeBucket(a, 15), z + 20);
    EXPECT_EQ(llquantizeBucket(a, -15), z - 20);
    EXPECT_EQ(llquantizeBucket(a, 10000000), a.llqBuckets() - 1);
    EXPECT_EQ(llquantizeBucket(a, INT64_MIN), 0u);
    AggInfo b = llq(10, 2, 3, 5); // lmag > 0, steps < factor
    uint32_t zb = b.llqZeroBucket();
    EXPECT_EQ(llquantizeBucket(b, 99), zb);
    EXPECT_EQ(llquantizeBucket(b, 100), zb + 1);
    EXPECT_EQ(llquantizeBucket(b, 200), zb + 2);
    EXPECT_EQ(llquantizeBucket(b, 999), zb + 5);
    EXPECT_EQ(llquantizeBucket(b, 1000), zb + 6);
    EXPECT_EQ(llquantizeBucket(b, 10000), b.llqBuckets() - 1);
}

TEST(AggLayout, LlquantizeLabels) {
    AggInfo a = llq(10, 0, 6, 20);
    std::vector<int64_t> b(a.llqBuckets(), 0);
    b[llquantizeBucket(a, 5)] = 1;
    b[llquantizeBucket(a, 100)] = 1;
    std::string t = histogramText(a, b);
    // From the bucket below the first to the one above the last; ghost
    // buckets (between 1 and 2, ...) are not shown.
    EXPECT_EQ(t.find("               4 |"), t.find("\n", 1) + 1) << t;
    EXPECT_NE(t.find("               5 |@@@@@@@@@@@@@@@@@@@@                     1"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("              95 |"), std::string::npos) << t;
    EXPECT_NE(t.find("             150 |                                         0"),
              std::string::npos)
        << t;
    EXPECT_EQ(t.find("4.5"), std::string::npos);
    AggInfo c = llq(10, 2, 3, 5);
    std::vector<int64_t> d(c.llqBuckets(), 0);
    d[c.llqZeroBucket()] = 2;     // |v| < 100
    d[c.llqZeroBucket() - 1] = 1; // -100
    t = histogramText(c, d);
    EXPECT_NE(t.find("    abs() < 100 |"), std::string::npos) << t;
    EXPECT_NE(t.find("            -100 |"), std::string::npos) << t;
    EXPECT_NE(t.find("             100 |"), std::string::npos) << t;
    std::vector<int64_t> over(c.llqBuckets(), 0);
    over.back() = 1;
    t = histogramText(c, over);
    EXPECT_NE(t.find("        >= 10000 |@@@@"), std::string::npos) << t;
}

TEST(AggSort, ByValueThenKey) {
    AggInfo a = agg(Func::Sum, {strKey(), intKey(4)});
    std::vector<AggEntry> v = {entry(a, {"b", 1}, 5), entry(a, {"a", 2}, 5), entry(a, {"z", 0}, -1),
                               entry(a, {"a", 1}, 5)};
    sortEntries(a, v);
    EXPECT_EQ(keyValues(a, v[0])[0].str, "z");
    EXPECT_EQ(keyValues(a, v[1])[0].str, "a");
    EXPECT_EQ(keyValues(a, v[1])[1].bits, 1u);
    EXPECT_EQ(keyValues(a, v[2])[1].bits, 2u);
    EXPECT_EQ(keyValues(a, v[3])[0].str, "b");
    AggSortOptions o;
    o.byKey = true;
    o.keyPos = 1;
    sortEntries(a, v, o);
    EXPECT_EQ(keyValues(a, v[0])[0].str, "z"); // key #2 = 0 first
    EXPECT_EQ(keyValues(a, v[1])[0].str, "a"); // then ("a", 1) before ("b", 1)
    EXPECT_EQ(keyValues(a, v[2])[0].str, "b");
    o.reverse = true;
    sortEntries(a, v, o);
    EXPECT_EQ(keyValues(a, v[0])[1].bits, 2u);
}

TEST(AggSort, IntegerKeysUnsigned) {
    AggInfo a = agg(Func::Count, {intKey(8)});
    std::vector<AggEntry> v = {entry(a, {-1}, 1), entry(a, {5}, 1)};
    sortEntries(a, v);
    EXPECT_EQ(static_cast<int64_t>(keyValues(a, v[0])[0].bits), 5);
}

TEST(AggSort, HistogramsByWeightedSum) {
    AggInfo q = agg(Func::Quantize, {intKey()});
    AggEntry small = entry(q, {1}, 0), big = entry(q, {2}, 0);
    small.buckets.assign(kQuantizeBuckets, 0);
    big.buckets.assign(kQuantizeBuckets, 0);
    small.buckets[64 + 3] = 10; // ten 8s
    big.buckets[64 + 7] = 1;    // one 128
    EXPECT_LT(compareValues(q, small, big), 0);
}

TEST(Aggregations, PrintaFormatsAndJoins) {
    CompiledProgram prog;
    prog.aggs.push_back(agg(Func::Sum, {intKey(4)}));
    prog.aggs.back().name = "foo";
    prog.aggs.push_back(agg(Func::Sum, {intKey(4)}));
    prog.aggs.back().name = "bar";
    FakeStore store;
    store.data["foo"] = {entry(prog.aggs[0], {123}, 123), entry(prog.aggs[0], {789}, 789)};
    store.data["bar"] = {entry(prog.aggs[1], {456}, 456), entry(prog.aggs[1], {789}, 789)};
    Aggregations aggs(prog, store);
    Format f = Format::parse("%10d %@10d %@10d\n", "printa", Loc{1});
    EXPECT_EQ(aggs.printa({0, 1}, &f), "       456          0        456\n"
                                       "       123        123          0\n"
                                       "       789        789        789\n");
    // Printed aggregations are not printed again at exit.
    EXPECT_EQ(aggs.printUnprinted(), "");
}

TEST(Aggregations, NormalizeTruncClear) {
    CompiledProgram prog;
    prog.aggs.push_back(agg(Func::Count, {intKey(4)}));
    FakeStore store;
    for (int i = 0; i < 5; i++)
        store.data["a"].push_back(entry(prog.aggs[0], {i}, 10 * (i + 1)));
    Aggregations aggs(prog, store);
    aggs.normalize(0, 10);
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n"
                                         "        0                1\n"
                                         "        1                2\n"
                                         "        2                3\n"
                                         "        3                4\n"
                                         "        4                5\n");
    aggs.denormalize(0);
    aggs.trunc(0, 2); // the two largest stay
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n"
                                         "        3               40\n"
                                         "        4               50\n");
    aggs.trunc(0, -1); // the smallest stays
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n        3               40\n");
    aggs.clear(0);
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n        3                0\n");
    aggs.trunc(0, std::nullopt);
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n");
}

TEST(Aggregations, EmptyPrintaDoesNotCountAsPrinted) {
    CompiledProgram prog;
    prog.aggs.push_back(agg(Func::Count, {intKey(4)}));
    FakeStore store;
    Aggregations aggs(prog, store);
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n");
    store.data["a"] = {entry(prog.aggs[0], {1}, 3)};
    EXPECT_EQ(aggs.printUnprinted(), "        1                3\n");
}

TEST(Aggregations, KeylessStaysAfterClear) {
    CompiledProgram prog;
    prog.aggs.push_back(agg(Func::Avg));
    FakeStore store;
    store.data["a"] = {entry(prog.aggs[0], {}, 10, 2)};
    store.data["a"][0].key.assign(4, 0);
    Aggregations aggs(prog, store);
    aggs.clear(0);
    store.data["a"].clear(); // the kernel's entry has no data any more
    EXPECT_EQ(aggs.printUnprinted(), "                0\n");
}

// -x aggpercpu: each CPU's value under the total, "[CPU n]" indented by
// four; a CPU without data shows the function's starting value.
TEST(Aggregations, PerCpuValues) {
    CompiledProgram prog;
    prog.aggs.push_back(agg(Func::Sum, {intKey(4)}));
    prog.aggs.push_back(agg(Func::Min));
    prog.aggs.push_back(agg(Func::Quantize));
    FakeStore store;
    AggEntry s = entry(prog.aggs[0], {7}, 30);
    s.perCpu = {entry(prog.aggs[0], {}, 10), entry(prog.aggs[0], {}, 20)};
    store.data["a"] = {s};
    prog.aggs[1].name = "m";
    AggEntry m = entry(prog.aggs[1], {}, -10);
    m.key.assign(4, 0);
    m.perCpu = {entry(prog.aggs[1], {}, -10), entry(prog.aggs[1], {}, 0, 0)};
    store.data["m"] = {m};
    prog.aggs[2].name = "q";
    AggEntry q;
    q.key.assign(4, 0);
    q.buckets.assign(kQuantizeBuckets, 0);
    q.buckets[64] = 2; // the bucket of 1
    AggEntry q0 = q, q1 = q;
    q1.buckets[64] = 0;
    q.perCpu = {q0, q1};
    store.data["q"] = {q};
    Aggregations aggs(prog, store);
    aggs.setPerCpu(true);
    EXPECT_TRUE(store.perCpu); // asks the store for each CPU's values
    EXPECT_EQ(aggs.printa({0}, nullptr), "\n"
                                         "        7               30\n"
                                         "    [CPU 0]               10\n"
                                         "    [CPU 1]               20\n");
    const std::string hist0 =
        "\n"
        "           value  ------------- Distribution ------------- count    \n"
        "               0 |                                         0        \n"
        "               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 2        \n"
        "               2 |                                         0        \n";
    const std::string hist1 =
        "\n"
        "           value  ------------- Distribution ------------- count    \n"
        "              -1 |                                         0        \n"
        "               0 |                                         0        \n"
        "               1 |                                         0        \n";
    EXPECT_EQ(aggs.printUnprinted(), "              -10\n"
                                     "    [CPU 0]              -10\n"
                                     "    [CPU 1] 9223372036854775807\n" +
                                         hist0 + "\n    [CPU 0]" + hist0 + "\n    [CPU 1]" + hist1 +
                                         "\n");
    // A format does not show them.
    Format f = Format::parse("%d %@d\n", "printa", Loc{1});
    EXPECT_EQ(aggs.printa({0}, &f), "7 30\n");
}

} // namespace
} // namespace dt::output
