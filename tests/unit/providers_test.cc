#include <gtest/gtest.h>

#include "providers/provider.h"

namespace dt {
uint64_t parseProfileRate(std::string_view spec);
namespace {

TEST(ProfileRate, Units) {
    EXPECT_EQ(parseProfileRate("997"), 1000000000ull / 997);
    EXPECT_EQ(parseProfileRate("100hz"), 10000000ull);
    EXPECT_EQ(parseProfileRate("1s"), 1000000000ull);
    EXPECT_EQ(parseProfileRate("10ms"), 10000000ull);
    EXPECT_EQ(parseProfileRate("250us"), 250000ull);
    EXPECT_EQ(parseProfileRate("2min"), 120000000000ull);
    EXPECT_EQ(parseProfileRate("abc"), 0u);
    EXPECT_EQ(parseProfileRate("5parsecs"), 0u);
    EXPECT_EQ(parseProfileRate("0"), 0u);
}

TEST(Registry, DtraceProbesComeFirst) {
    ProbeRegistry reg;
    const Probe* begin = reg.byId(1);
    ASSERT_NE(begin, nullptr);
    EXPECT_EQ(begin->fullName(), "dtrace:::BEGIN");
    EXPECT_EQ(reg.byId(2)->name, "END");
    EXPECT_EQ(reg.byId(3)->name, "ERROR");
}

TEST(Registry, CreatesTickProbesOnDemand) {
    ProbeRegistry reg;
    auto m = reg.match("profile", "", "", "tick-3s");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0]->periodNs, 3000000000ull);
    EXPECT_FALSE(m[0]->everyCpu);
    // Asking again finds the same probe instead of creating another.
    auto again = reg.match("", "", "", "tick-3s");
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0]->id, m[0]->id);
    EXPECT_TRUE(reg.match("profile", "", "", "tick-0").empty());
    EXPECT_TRUE(reg.match("profile", "", "", "tick-10us").empty()); // below the minimum
    auto prof = reg.match("profile", "", "", "profile-99");
    ASSERT_EQ(prof.size(), 1u);
    EXPECT_TRUE(prof[0]->everyCpu);
}

TEST(Registry, SyscallProbesFromTracefs) {
    ProbeRegistry reg;
    auto m = reg.match("syscall", "", "getppid", "entry");
    ASSERT_EQ(m.size(), 1u) << "needs tracefs (run as root)";
    EXPECT_EQ(m[0]->tpName, "sys_enter_getppid");
    auto all = reg.match("syscall", "", "", "entry");
    EXPECT_GT(all.size(), 200u);
    auto globbed = reg.match("syscall", "", "*read*", "return");
    for (const Probe* p : globbed)
        EXPECT_NE(p->function.find("read"), std::string::npos);
    EXPECT_GE(globbed.size(), 4u);
}

} // namespace
} // namespace dt
