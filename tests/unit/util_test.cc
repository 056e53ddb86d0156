#include <gtest/gtest.h>

#include "diag/diag.h"
#include "util/format.h"
#include "util/strutil.h"

namespace dt {
namespace {

TEST(Format, Placeholders) {
    EXPECT_EQ(format("a{}b{}c", 1, "x"), "a1bxc");
    EXPECT_EQ(format("{{}} {}", 5), "{} 5");
    EXPECT_EQ(format("none"), "none");
}

TEST(Glob, Basics) {
    EXPECT_TRUE(globMatch("*", "anything"));
    EXPECT_TRUE(globMatch("", ""));
    EXPECT_TRUE(globMatch("read*", "readv"));
    EXPECT_FALSE(globMatch("read*", "pread64"));
    EXPECT_TRUE(globMatch("*read*", "pread64"));
    EXPECT_TRUE(globMatch("?etppid", "getppid"));
    EXPECT_TRUE(globMatch("[gs]etuid", "setuid"));
    EXPECT_FALSE(globMatch("[!gs]etuid", "setuid"));
    EXPECT_TRUE(globMatch("[a-c]x", "bx"));
    EXPECT_TRUE(globMatch("a\\*", "a*"));
    EXPECT_FALSE(globMatch("a\\*", "ab"));
    EXPECT_FALSE(globMatch("abc", "abcd"));
}

TEST(TimeValue, UnitsAndRates) {
    uint64_t ns = 0;
    EXPECT_TRUE(parseTimeValue("10ms", ns));
    EXPECT_EQ(ns, 10000000u);
    EXPECT_TRUE(parseTimeValue("1sec", ns));
    EXPECT_EQ(ns, 1000000000u);
    EXPECT_TRUE(parseTimeValue("2min", ns));
    EXPECT_EQ(ns, 120000000000u);
    EXPECT_TRUE(parseTimeValue("10hz", ns));
    EXPECT_EQ(ns, 100000000u);
    EXPECT_TRUE(parseTimeValue("4", ns)); // no unit: a rate
    EXPECT_EQ(ns, 250000000u);
    EXPECT_TRUE(parseTimeValue("500US", ns));
    EXPECT_EQ(ns, 500000u);
    EXPECT_FALSE(parseTimeValue("0.5hz", ns));
    EXPECT_FALSE(parseTimeValue("fast", ns));
    EXPECT_FALSE(parseTimeValue("-1ms", ns));
    EXPECT_FALSE(parseTimeValue("", ns));
    EXPECT_FALSE(parseTimeValue("10 ms", ns));
}

TEST(Split, KeepsEmptyFields) {
    auto f = split("a::b:", ':');
    ASSERT_EQ(f.size(), 4u);
    EXPECT_EQ(f[0], "a");
    EXPECT_EQ(f[1], "");
    EXPECT_EQ(f[2], "b");
    EXPECT_EQ(f[3], "");
}

TEST(Diag, RenderWithAndWithoutTag) {
    CompileError e(Tag::D_IDENT_UNDEF, Loc{3}, "failed to resolve x: Unknown variable name");
    EXPECT_EQ(e.render(false), "line 3: failed to resolve x: Unknown variable name");
    EXPECT_EQ(e.render(true), "[D_IDENT_UNDEF] line 3: failed to resolve x: Unknown variable name");
    EXPECT_EQ(tagName(Tag::D_SYNTAX), "D_SYNTAX");
}

} // namespace
} // namespace dt
