// print()'s layout: each kind of type as DTrace shows it (members with
// their types, zero members left out, printsize cutting with an ellipsis),
// and the flattening of D types into the consumer's type table.
#include <gtest/gtest.h>

#include <cstring>

#include "codegen/print_types.h"
#include "output/print.h"

using namespace dt;
using output::PrintType;
using K = PrintType::Kind;

namespace {

// A table built by hand, as the code generator would flatten it.
struct Table {
    std::vector<PrintType> types;
    int add(K kind, const std::string& name, uint32_t size, bool isSigned = false) {
        PrintType t;
        t.kind = kind;
        t.name = name;
        t.size = size;
        t.isSigned = isSigned;
        types.push_back(t);
        return static_cast<int>(types.size() - 1);
    }
    void member(int sou, const std::string& name, int type, uint64_t offsetBits,
                uint32_t bitWidth = 0) {
        types[static_cast<size_t>(sou)].members.push_back({name, type, offsetBits, bitWidth});
    }
    int array(int element, uint32_t count, const std::string& name) {
        int a = add(K::Array, name, types[static_cast<size_t>(element)].size * count);
        types[static_cast<size_t>(a)].element = element;
        types[static_cast<size_t>(a)].count = count;
        return a;
    }
};

std::string ind(int depth) {
    return std::string(44 + static_cast<size_t>(depth), ' ');
}

// DTrace's test_struct: int, char[5], a union, an anonymous struct, bool,
// enum (offsets 0, 4, 16, 24, 40, 44; 48 bytes).
struct TestStruct {
    Table t;
    int top = -1;
    std::vector<uint8_t> data = std::vector<uint8_t>(48, 0);
    TestStruct() {
        int i32 = t.add(K::Int, "int", 4, true);
        int ch = t.add(K::Char, "char", 1, true);
        int u8 = t.add(K::Int, "__u8", 1);
        int u64 = t.add(K::Int, "__u64", 8);
        int vp = t.add(K::Pointer, "void *", 8);
        int b = t.add(K::Int, "bool", 1);
        int e = t.add(K::Enum, "enum eh", 4, true);
        t.types[static_cast<size_t>(e)].enumerators = {{"FIRSTVAL", 1}, {"SECONDVAL", 2}};
        int arr = t.array(ch, 5, "char [5]");
        int un = t.add(K::Union, "union", 8);
        t.member(un, "c", u8, 0);
        t.member(un, "d", u64, 0);
        int st = t.add(K::Struct, "struct", 16);
        t.member(st, "e", vp, 0);
        t.member(st, "f", u64, 64);
        top = t.add(K::Struct, "struct test_struct", 48);
        t.member(top, "a", i32, 0);
        t.member(top, "b", arr, 32);
        t.member(top, "u", un, 128);
        t.member(top, "s", st, 192);
        t.member(top, "g", b, 320);
        t.member(top, "h", e, 352);
    }
    void fill() {
        int32_t a = 1;
        memcpy(&data[0], &a, 4);
        memcpy(&data[4], "test", 5);
        uint64_t d = 12345678;
        memcpy(&data[16], &d, 8);
        uint64_t p = 0xfeedfacefeedfaceULL;
        memcpy(&data[24], &p, 8);
        uint64_t f = 100;
        memcpy(&data[32], &f, 8);
        data[40] = 1;
        int32_t h = 1;
        memcpy(&data[44], &h, 4);
    }
    std::string print(size_t limit = 1 << 20) {
        return output::printText(t.types, top, 0xffff8880deadbeefULL, data.data(), data.size(),
                                 limit);
    }
};

TEST(Print, StructWithEveryKindOfMember) {
    TestStruct s;
    s.fill();
    EXPECT_EQ(s.print(),
              "0xffff8880deadbeef = *\n" + ind(0) + "(struct test_struct) {\n" + ind(1) +
                  ".a = (int)1,\n" + ind(1) + ".b = (char [5]) [\n" + ind(2) + "(char)'t',\n" +
                  ind(2) + "(char)'e',\n" + ind(2) + "(char)'s',\n" + ind(2) + "(char)'t',\n" +
                  ind(1) + "],\n" + ind(1) + ".u = (union) {\n" + ind(2) + ".c = (__u8)78,\n" +
                  ind(2) + ".d = (__u64)12345678,\n" + ind(1) + "},\n" + ind(1) +
                  ".s = (struct) {\n" + ind(2) + ".e = (void *)0xfeedfacefeedface,\n" + ind(2) +
                  ".f = (__u64)100,\n" + ind(1) + "},\n" + ind(1) + ".g = (bool)1,\n" + ind(1) +
                  ".h = (enum eh)FIRSTVAL,\n" + ind(0) + "}\n");
}

TEST(Print, ZeroMembersAreLeftOut) {
    TestStruct s;
    // A char array that starts with NUL still shows (its other bytes are
    // not zero), but with no characters.
    memcpy(&s.data[5], "est", 3);
    s.data[40] = 1;
    s.data[44] = 2;
    EXPECT_EQ(s.print(), "0xffff8880deadbeef = *\n" + ind(0) + "(struct test_struct) {\n" + ind(1) +
                             ".b = (char [5]) [\n" + ind(1) + "],\n" + ind(1) + ".g = (bool)1,\n" +
                             ind(1) + ".h = (enum eh)SECONDVAL,\n" + ind(0) + "}\n");
}

TEST(Print, AllZeroTopLevelStillShows) {
    TestStruct s;
    EXPECT_EQ(s.print(),
              "0xffff8880deadbeef = *\n" + ind(0) + "(struct test_struct) {\n" + ind(0) + "}\n");
}

TEST(Print, PrintsizeCutsWithAnEllipsis) {
    TestStruct s;
    s.fill();
    // 8 bytes: the array shows what fits; the union starts past the end.
    EXPECT_EQ(s.print(8), "0xffff8880deadbeef = *\n" + ind(0) + "(struct test_struct) {\n" +
                              ind(1) + ".a = (int)1,\n" + ind(1) + ".b = (char [5]) [\n" + ind(2) +
                              "(char)'t',\n" + ind(2) + "(char)'e',\n" + ind(2) + "(char)'s',\n" +
                              ind(2) + "(char)'t',\n" + ind(1) + "],\n" + ind(1) + "...\n" +
                              ind(0) + "}\n");
    // 24 bytes: the ellipsis (for .s) comes before the union's brace.
    EXPECT_EQ(s.print(24), "0xffff8880deadbeef = *\n" + ind(0) + "(struct test_struct) {\n" +
                               ind(1) + ".a = (int)1,\n" + ind(1) + ".b = (char [5]) [\n" + ind(2) +
                               "(char)'t',\n" + ind(2) + "(char)'e',\n" + ind(2) + "(char)'s',\n" +
                               ind(2) + "(char)'t',\n" + ind(1) + "],\n" + ind(1) +
                               ".u = (union) {\n" + ind(2) + ".c = (__u8)78,\n" + ind(2) +
                               ".d = (__u64)12345678,\n" + ind(1) + "...\n" + ind(1) + "},\n" +
                               ind(0) + "}\n");
    // A scalar that does not fit whole is cut too.
    std::string at20 = s.print(20);
    EXPECT_NE(at20.find(ind(2) + "...\n"), std::string::npos) << at20;
    EXPECT_EQ(at20.find(".d ="), std::string::npos) << at20;
}

TEST(Print, NestedStructsCloseInnermostFirst) {
    Table t;
    int ll = t.add(K::Int, "long long", 8, true);
    int inner = t.add(K::Struct, "struct", 8);
    t.member(inner, "x", ll, 0);
    int mid = t.add(K::Struct, "struct", 16);
    t.member(mid, "x", ll, 0);
    t.member(mid, "b", inner, 64);
    int top = t.add(K::Struct, "struct outer", 24);
    t.member(top, "x", ll, 0);
    t.member(top, "a", mid, 64);
    int64_t v[3] = {-1, 2, 3};
    auto data = reinterpret_cast<const uint8_t*>(v);
    EXPECT_EQ(output::printText(t.types, top, 0x10, data, 24, 100),
              "0x10 = *\n" + ind(0) + "(struct outer) {\n" + ind(1) + ".x = (long long)-1,\n" +
                  ind(1) + ".a = (struct) {\n" + ind(2) + ".x = (long long)2,\n" + ind(2) +
                  ".b = (struct) {\n" + ind(3) + ".x = (long long)3,\n" + ind(2) + "},\n" + ind(1) +
                  "},\n" + ind(0) + "}\n");
    // Cut at 16: the innermost struct starts past the end.
    EXPECT_EQ(output::printText(t.types, top, 0x10, data, 24, 16),
              "0x10 = *\n" + ind(0) + "(struct outer) {\n" + ind(1) + ".x = (long long)-1,\n" +
                  ind(1) + ".a = (struct) {\n" + ind(2) + ".x = (long long)2,\n" + ind(2) +
                  "...\n" + ind(1) + "},\n" + ind(0) + "}\n");
}

TEST(Print, UnionShowsEveryMember) {
    Table t;
    int u32 = t.add(K::Int, "unsigned int", 4);
    int i16 = t.add(K::Int, "short", 2, true);
    int un = t.add(K::Union, "union u", 4);
    t.member(un, "w", u32, 0);
    t.member(un, "h", i16, 0);
    uint32_t v = 0xffff;
    EXPECT_EQ(output::printText(t.types, un, 0xab, reinterpret_cast<const uint8_t*>(&v), 4, 99),
              "0xab = *\n" + ind(0) + "(union u) {\n" + ind(1) + ".w = (unsigned int)65535,\n" +
                  ind(1) + ".h = (short)-1,\n" + ind(0) + "}\n");
}

TEST(Print, ArrayElementsIncludingZeros) {
    Table t;
    int i32 = t.add(K::Int, "int", 4, true);
    int arr = t.array(i32, 3, "int [3]");
    int32_t v[3] = {0, 7, 0};
    EXPECT_EQ(output::printText(t.types, arr, 0x1, reinterpret_cast<const uint8_t*>(v), 12, 99),
              "0x1 = *\n" + ind(0) + "(int [3]) [\n" + ind(1) + "(int)0,\n" + ind(1) + "(int)7,\n" +
                  ind(1) + "(int)0,\n" + ind(0) + "]\n");
}

TEST(Print, BitFieldsAreExtracted) {
    Table t;
    int u32 = t.add(K::Int, "unsigned int", 4);
    int i32 = t.add(K::Int, "int", 4, true);
    int st = t.add(K::Struct, "struct flags", 4);
    t.member(st, "lo", u32, 0, 3);
    t.member(st, "mid", i32, 3, 4);
    t.member(st, "zero", u32, 7, 2);
    t.member(st, "hi", u32, 9, 12);
    // lo = 5, mid = -2 (0b1110), zero = 0, hi = 0x801
    uint32_t v = 5u | (0xeu << 3) | (0x801u << 9);
    EXPECT_EQ(output::printText(t.types, st, 0x2, reinterpret_cast<const uint8_t*>(&v), 4, 99),
              "0x2 = *\n" + ind(0) + "(struct flags) {\n" + ind(1) + ".lo = (unsigned int)5,\n" +
                  ind(1) + ".mid = (int)-2,\n" + ind(1) + ".hi = (unsigned int)2049,\n" + ind(0) +
                  "}\n");
}

TEST(Print, EnumsByNameElseNumber) {
    Table t;
    int e = t.add(K::Enum, "enum color", 4, true);
    t.types[0].enumerators = {{"RED", 0}, {"GREEN", 5}};
    int32_t v = 5;
    auto p = reinterpret_cast<const uint8_t*>(&v);
    EXPECT_EQ(output::printText(t.types, e, 0x3, p, 4, 99),
              "0x3 = *\n" + ind(0) + "(enum color)GREEN\n");
    v = -7;
    EXPECT_EQ(output::printText(t.types, e, 0x3, p, 4, 99),
              "0x3 = *\n" + ind(0) + "(enum color)-7\n");
}

TEST(Print, PointersInHexAndNullLeftOut) {
    Table t;
    int pp = t.add(K::Pointer, "struct page *", 8);
    int cp = t.add(K::Pointer, "char *", 8);
    int st = t.add(K::Struct, "struct tun_page", 16);
    t.member(st, "page", pp, 0);
    t.member(st, "name", cp, 64);
    uint64_t v[2] = {0xffffea0001234500ULL, 0};
    EXPECT_EQ(output::printText(t.types, st, 0x4, reinterpret_cast<const uint8_t*>(v), 16, 99),
              "0x4 = *\n" + ind(0) + "(struct tun_page) {\n" + ind(1) +
                  ".page = (struct page *)0xffffea0001234500,\n" + ind(0) + "}\n");
}

TEST(Print, StringsAndCharacters) {
    Table t;
    int str = t.add(K::String, "string", 8);
    int ch = t.add(K::Char, "char", 1, true);
    int st = t.add(K::Struct, "struct named", 10);
    t.member(st, "s", str, 0);
    t.member(st, "c", ch, 64);
    t.member(st, "nl", ch, 72);
    uint8_t v[10] = {'h', 'i', 0, 'x', 0, 0, 0, 0, 'A', '\n'};
    EXPECT_EQ(output::printText(t.types, st, 0x5, v, 10, 99),
              "0x5 = *\n" + ind(0) + "(struct named) {\n" + ind(1) + ".s = (string)\"hi\",\n" +
                  ind(1) + ".c = (char)'A',\n" + ind(1) + ".nl = (char)10,\n" + ind(0) + "}\n");
}

TEST(PrintTypes, FlattensDTypesWithTheirNames) {
    TypeTable types;
    Type anon;
    anon.kind = Type::Kind::Union;
    anon.name = "union (anon)";
    anon.members.push_back({"c", types.lookup("unsigned char"), 0, 0});
    layoutMembers(anon);
    const Type* u = types.create(anon);
    Type st;
    st.kind = Type::Kind::Struct;
    st.name = "struct s";
    st.members.push_back({"b", types.arrayOf(types.charType(), 5), 0, 0});
    st.members.push_back({"u", u, 0, 0});
    st.members.push_back({"p", types.pointerTo(u), 0, 0});
    layoutMembers(st);
    const Type* s = types.create(st);
    codegen::PrintTypes table;
    int id = table.add(s);
    EXPECT_EQ(table.add(s), id); // once per type
    const auto& pt = table.table();
    const PrintType& top = pt[static_cast<size_t>(id)];
    EXPECT_EQ(top.name, "struct s");
    EXPECT_EQ(top.kind, K::Struct);
    ASSERT_EQ(top.members.size(), 3u);
    const PrintType& b = pt[static_cast<size_t>(top.members[0].type)];
    EXPECT_EQ(b.name, "char [5]");
    EXPECT_EQ(b.kind, K::Array);
    EXPECT_EQ(b.count, 5u);
    EXPECT_EQ(pt[static_cast<size_t>(b.element)].kind, K::Char);
    EXPECT_EQ(pt[static_cast<size_t>(top.members[1].type)].name, "union");
    EXPECT_EQ(top.members[1].offsetBits, 40u);
    EXPECT_EQ(pt[static_cast<size_t>(top.members[2].type)].name, "union *");
    EXPECT_EQ(pt[static_cast<size_t>(top.members[2].type)].kind, K::Pointer);
}

} // namespace
