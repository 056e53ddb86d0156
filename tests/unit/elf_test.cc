// ELF symbols and load segments, stapsdt operands, symbol texts, the -h
// header: the pure parts of user-space tracing.
#include <gtest/gtest.h>
#include <unistd.h>

#include "cli/usdt_header.h"
#include "elf/elf_file.h"
#include "elf/sdt_args.h"
#include "elf/symbolizer.h"
#include "parse/parser.h"

extern "C" __attribute__((noinline, used)) int dt_elf_test_function(int x) {
    return x * 3 + 1;
}

namespace dt::elf {
namespace {

TEST(SdtArgs, Operands) {
    auto a = parseSdtArgs("-4@%edi 8@-16(%rbp) 8@$42 1@%al -2@(%rsp) 8@%rip 8@4(%rax,%rbx,2)");
    ASSERT_EQ(a.size(), 7u);
    EXPECT_EQ(a[0].kind, SdtArg::Kind::Register);
    EXPECT_EQ(a[0].regsOffset, 112);
    EXPECT_EQ(a[0].size, 4);
    EXPECT_TRUE(a[0].isSigned);
    EXPECT_EQ(a[1].kind, SdtArg::Kind::Memory);
    EXPECT_EQ(a[1].regsOffset, 32);
    EXPECT_EQ(a[1].value, -16);
    EXPECT_FALSE(a[1].isSigned);
    EXPECT_EQ(a[2].kind, SdtArg::Kind::Immediate);
    EXPECT_EQ(a[2].value, 42);
    EXPECT_EQ(a[3].regsOffset, 80);
    EXPECT_EQ(a[3].size, 1);
    EXPECT_EQ(a[4].kind, SdtArg::Kind::Memory);
    EXPECT_EQ(a[4].regsOffset, 152);
    EXPECT_EQ(a[4].value, 0);
    EXPECT_EQ(a[5].kind, SdtArg::Kind::Unsupported); // rip-relative needs a symbol
    EXPECT_EQ(a[6].kind, SdtArg::Kind::Unsupported); // index registers
    EXPECT_TRUE(parseSdtArgs("").empty());
}

TEST(ElfFile, OwnSymbols) {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    ASSERT_GT(n, 0);
    exe[n] = 0;
    auto f = ElfFile::open(exe);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(ElfFile::open(exe), f); // cached
    const Symbol* s = f->findFunction("dt_elf_test_function");
    ASSERT_NE(s, nullptr);
    EXPECT_GT(s->size, 0u);
    EXPECT_EQ(f->functionAt(s->addr + 1), s);
    int64_t off = f->fileOffset(s->addr);
    ASSERT_GE(off, 0);
    EXPECT_EQ(f->vaddrOfOffset(static_cast<uint64_t>(off)), static_cast<int64_t>(s->addr));
    EXPECT_EQ(f->findFunction("no_such_function_here"), nullptr);
}

TEST(ElfFile, NotElf) {
    EXPECT_EQ(ElfFile::open("/proc/self/status"), nullptr);
    EXPECT_EQ(ElfFile::open("/nonexistent"), nullptr);
}

TEST(Symbolizer, ThisProcess) {
    auto addr = reinterpret_cast<uint64_t>(&dt_elf_test_function);
    SymbolInfo si = Symbolizer::instance().user(getpid(), addr + 2);
    EXPECT_EQ(si.function, "dt_elf_test_function");
    EXPECT_EQ(si.offset, 2u);
    EXPECT_EQ(si.module, "elf_test");
    EXPECT_EQ(frameText(si, addr + 2), "elf_test`dt_elf_test_function+0x2");
    EXPECT_EQ(functionText(si, addr + 2), "elf_test`dt_elf_test_function");
    EXPECT_EQ(moduleText(si, addr + 2), "elf_test");
    EXPECT_EQ(frameText(SymbolInfo{}, 0x1234), "0x1234");
    EXPECT_EQ(frameText(SymbolInfo{"libc.so.6", "", 0}, 0x1234), "libc.so.6`0x1234");
    EXPECT_EQ(frameText(SymbolInfo{"m", "f", 0}, 0x1234), "m`f");
}

TEST(Symbolizer, KernelFunctionsByPrefix) {
    auto r = elf::Symbolizer::instance().kernelFunctions("__traceiter_");
    if (r.empty()) GTEST_SKIP() << "no kernel symbols (not root, or kallsyms hidden)";
    for (size_t i = 0; i < r.size(); i++) {
        EXPECT_LT(r[i].first, r[i].second);
        if (i) {
            EXPECT_LE(r[i - 1].first, r[i].first);
        }
        EXPECT_EQ(elf::Symbolizer::instance().kernel(r[i].first).function.rfind("__traceiter_", 0),
                  0u);
    }
}

TEST(Maps, LoadedObjects) {
    auto objs = loadedObjects(getpid());
    ASSERT_FALSE(objs.empty());
    EXPECT_TRUE(objs[0].isExecutable);
    EXPECT_EQ(baseName(objs[0].path), "elf_test");
    EXPECT_TRUE(loadedObjects(0x7ffffff0).empty());
}

TEST(Header, ProbeMacros) {
    parse::ParseOptions po;
    po.fromFile = true;
    auto res =
        parse::parseProgram("provider my_app { probe go__now(int, char *); probe stop(); };", po);
    std::vector<const ast::ProviderDef*> provs;
    for (auto& item : res.program->items)
        if (item->kind == ast::TopKind::Provider)
            provs.push_back(&ast::as<ast::ProviderDef>(*item));
    ASSERT_EQ(provs.size(), 1u);
    std::string h = cli::providerHeader(provs, "_APP_H");
    EXPECT_NE(
        h.find("#define\tMY_APP_GO_NOW(arg0, arg1) \\\n\tDTRACE_PROBE2(my_app, go__now, arg0, "
               "arg1)\n"),
        std::string::npos)
        << h;
    EXPECT_NE(h.find("#define\tMY_APP_STOP() \\\n\tDTRACE_PROBE(my_app, stop)\n"),
              std::string::npos);
    EXPECT_NE(h.find("__builtin_expect(my_app_go__now_semaphore != 0, 0)"), std::string::npos);
    EXPECT_NE(h.find("#ifndef\t_APP_H"), std::string::npos);
}

} // namespace
} // namespace dt::elf
