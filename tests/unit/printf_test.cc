#include <gtest/gtest.h>

#include <cstring>
#include <ctime>

#include "output/printf.h"

namespace dt::output {
namespace {

std::string fmt(const char* f, std::vector<Value> v) {
    return Format::parse(f, "printf", Loc{1}).render(v);
}
Value i32(int32_t x) {
    return Value::integer(static_cast<uint32_t>(x), 4, true);
}
Value i64(int64_t x) {
    return Value::integer(static_cast<uint64_t>(x), 8, true);
}
Value u8(uint8_t x) {
    return Value::integer(x, 1, false);
}
Value str(const char* s) {
    return Value::string(s);
}

TEST(PrintfRender, Integers) {
    EXPECT_EQ(fmt("%d", {i32(-1)}), "-1");
    EXPECT_EQ(fmt("%u", {i32(-1)}), "4294967295");
    EXPECT_EQ(fmt("%x", {i32(-1)}), "ffffffff");
    EXPECT_EQ(fmt("%x", {i64(-1)}), "ffffffffffffffff");
    EXPECT_EQ(fmt("%X", {i64(0xabc)}), "ABC");
    EXPECT_EQ(fmt("%o", {i64(8)}), "10");
    EXPECT_EQ(fmt("%i", {i64(42)}), "42");
    EXPECT_EQ(fmt("%hhd", {i32(257)}), "1");
    EXPECT_EQ(fmt("%hd", {i32(65537)}), "1");
    EXPECT_EQ(fmt("%ld", {i64(1LL << 40)}), "1099511627776");
    EXPECT_EQ(fmt("%d", {u8(200)}), "200");
}

TEST(PrintfRender, FlagsWidthsPrecisions) {
    EXPECT_EQ(fmt("[%5d]", {i64(42)}), "[   42]");
    EXPECT_EQ(fmt("[%-5d]", {i64(42)}), "[42   ]");
    EXPECT_EQ(fmt("[%05d]", {i64(42)}), "[00042]");
    EXPECT_EQ(fmt("[%+d]", {i64(42)}), "[+42]");
    EXPECT_EQ(fmt("[% d]", {i64(42)}), "[ 42]");
    EXPECT_EQ(fmt("[%#x]", {i64(255)}), "[0xff]");
    EXPECT_EQ(fmt("[%#o]", {i64(8)}), "[010]");
    EXPECT_EQ(fmt("[%.3d]", {i64(7)}), "[007]");
    EXPECT_EQ(fmt("[%8.3d]", {i64(7)}), "[     007]");
    EXPECT_EQ(fmt("[%*d]", {i32(4), i64(7)}), "[   7]");
    EXPECT_EQ(fmt("[%-*d]", {i32(4), i64(7)}), "[7   ]");
    EXPECT_EQ(fmt("[%.*s]", {i32(2), str("hello")}), "[he]");
    EXPECT_EQ(fmt("[%?d]", {i64(1)}), "[               1]");
}

TEST(PrintfRender, StringsCharsPointers) {
    EXPECT_EQ(fmt("%s and %s", {str("a"), str("b")}), "a and b");
    EXPECT_EQ(fmt("[%10s]", {str("abc")}), "[       abc]");
    EXPECT_EQ(fmt("[%-10s]", {str("abc")}), "[abc       ]");
    EXPECT_EQ(fmt("[%.2s]", {str("abc")}), "[ab]");
    EXPECT_EQ(fmt("%c%c", {i32('o'), i32('k')}), "ok");
    EXPECT_EQ(fmt("%p", {i64(0x1234)}), "1234"); // DTrace: %p is %x
    EXPECT_EQ(fmt("%#p", {i64(0x1234)}), "0x1234");
    EXPECT_EQ(fmt("100%%", {}), "100%");
    EXPECT_EQ(fmt("no conversions\n", {}), "no conversions\n");
}

TEST(PrintfParse, Errors) {
    try {
        Format::parse("%3", "printf", Loc{18});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_SYNTAX);
        EXPECT_STREQ(e.what(), "format conversion #1 name expected before end of format string");
    }
}

ArgType intArg() {
    return {ArgType::Kind::Int, 4, true, false, "int"};
}
ArgType strArg() {
    return {ArgType::Kind::String, 256, false, false, "string"};
}

TEST(PrintfCheck, PrototypeErrors) {
    auto f = Format::parse("x = %d y = %d\n", "printf", Loc{1});
    EXPECT_NO_THROW(f.check({intArg(), intArg()}, 2, Loc{1}));
    try {
        f.check({intArg(), intArg(), intArg()}, 2, Loc{1});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_PRINTF_ARG_EXTRA);
        EXPECT_STREQ(
            e.what(),
            "printf( ) prototype mismatch: only 2 arguments required by this format string");
    }
    try {
        Format::parse("%s", "printf", Loc{1}).check({}, 2, Loc{1});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_PRINTF_ARG_PROTO);
        EXPECT_STREQ(e.what(), "printf( ) prototype mismatch: conversion #1 (%s) is missing a "
                               "corresponding value argument");
    }
    try {
        Format::parse("%s\n", "printf", Loc{1}).check({intArg()}, 2, Loc{1});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_PRINTF_ARG_TYPE);
        EXPECT_STREQ(e.what(),
                     "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
                     "\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n"
                     "\t  argument: int");
    }
    try {
        Format::parse("%s %*d\n", "printf", Loc{1}).check({strArg()}, 2, Loc{1});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_PRINTF_DYN_PROTO);
        EXPECT_STREQ(e.what(), "printf( ) prototype mismatch: conversion #2 (%d) is missing a "
                               "corresponding \"*\" argument");
    }
    try {
        Format::parse("%*d\n", "printf", Loc{1}).check({strArg(), intArg()}, 2, Loc{1});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_PRINTF_DYN_TYPE);
    }
    EXPECT_EQ(Format::parse("%*.*d %s", "printf", Loc{1}).argCount(), 4u);
}

// The conversion scanner's errors, with DTrace's texts.
std::string parseError(const char* f) {
    try {
        Format::parse(f, "printf", Loc{1});
    } catch (const CompileError& e) {
        return e.what();
    }
    return "";
}

TEST(PrintfParse, ScannerErrors) {
    EXPECT_EQ(parseError("%.*.*d"), "format conversion #1 has more than one '.' specified");
    EXPECT_EQ(parseError("%**d"),
              "format conversion #1 has more than one '*' specified for the output width");
    EXPECT_EQ(parseError("%.**d"),
              "format conversion #1 has more than one '*' specified for the output precision");
    EXPECT_EQ(parseError("%1$d"), "format conversion #1 uses unsupported positional format (%n$)");
    EXPECT_EQ(parseError("%z"), "format conversion #1 is undefined: %z");
    EXPECT_EQ(parseError("%d %"), "format conversion #2 name expected before end of format string");
    EXPECT_EQ(parseError("%-08.3d%@10d%10@d"), "");
}

TEST(PrintfRender, DatesAndEscapes) {
    setenv("TZ", "UTC", 1);
    tzset();
    EXPECT_EQ(fmt("%Y", {i64(0)}), "1970 Jan  1 00:00:00");
    EXPECT_EQ(fmt("[%-22Y]", {i64(86400000000000LL)}), "[1970 Jan  2 00:00:00  ]");
    EXPECT_EQ(fmt("%S", {str("a\tb\\\"\001")}), "a\\tb\\\\\\\"\\001");
}

// %k: each frame on its own line after the stack's indent, set in the
// conversion's width; an empty stack is a newline alone.
TEST(PrintfRender, StacksFrameByFrame) {
    Value st = Value::stack({"vmlinux`a+0x1", "vmlinux`bb"});
    std::string ind(14, ' ');
    EXPECT_EQ(fmt("%k|", {st}), "\n" + ind + "vmlinux`a+0x1\n" + ind + "vmlinux`bb\n|");
    EXPECT_EQ(fmt("%-15k|", {st}), "\n" + ind + "vmlinux`a+0x1  \n" + ind + "vmlinux`bb     \n|");
    EXPECT_EQ(fmt("%12k|", {st}), "\n" + ind + "vmlinux`a+0x1\n" + ind + "  vmlinux`bb\n|");
    EXPECT_EQ(fmt("%-20k|", {Value::stack({})}), "\n|");
    EXPECT_EQ(st.str, "\n" + ind + "vmlinux`a+0x1\n" + ind + "vmlinux`bb\n");
}

TEST(PrintfRender, PrintaValues) {
    // The n-th %@ takes the n-th aggregation's value, the last one's after.
    auto f = Format::parse("%d %@d %@x %@d\n", "printa", Loc{1});
    EXPECT_EQ(f.render({i32(7)}, {i64(1), i64(255)}, {}), "7 1 ff 255\n");
    EXPECT_EQ(f.render({i32(7)}, {i64(1), i64(0)}, {"", "<hist>"}), "7 1 <hist> <hist>\n");
}

TEST(PrintfCheck, FloatingNeedsFloatingTypes) {
    try {
        Format::parse("%f", "printf", Loc{1}).check({intArg()}, 2, Loc{1});
        FAIL();
    } catch (const CompileError& e) {
        EXPECT_EQ(e.tag(), Tag::D_PRINTF_ARG_TYPE);
    }
    ArgType dbl{ArgType::Kind::Float, 8, true, false, "double"};
    Format::parse("%f %e %g", "printf", Loc{1}).check({dbl, dbl, dbl}, 2, Loc{1});
    double d = 1.5;
    uint64_t bits;
    memcpy(&bits, &d, 8);
    EXPECT_EQ(fmt("%.2f", {Value::integer(bits, 8, true)}), "1.50");
}

} // namespace
} // namespace dt::output
