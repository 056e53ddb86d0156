#include <gtest/gtest.h>

#include "providers/provider.h"
#include "providers/tracepoint_format.h"

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

const char kRenameFormat[] = R"(name: task_rename
ID: 204
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:pid_t pid;	offset:8;	size:4;	signed:1;
	field:char oldcomm[16];	offset:12;	size:16;	signed:0;
	field:__data_loc char[] filename;	offset:28;	size:4;	signed:0;
	field:const char * name;	offset:32;	size:8;	signed:0;
	field:unsigned long long  bytes;	offset:40;	size:8;	signed:0;
	field:u8 mac[6];	offset:48;	size:6;	signed:0;
	field:__data_loc u64[] stack;	offset:56;	size:4;	signed:0;
	field:short oom_score_adj;	offset:60;	size:2;	signed:1;

print fmt: "pid=%d", REC->pid
)";

TEST(TracepointFormat, FieldsAfterTheCommonOnes) {
    auto f = parseTracepointFormat(kRenameFormat);
    ASSERT_EQ(f.size(), 8u);
    EXPECT_EQ(f[0].name, "pid");
    EXPECT_EQ(f[0].type, "pid_t");
    EXPECT_EQ(f[0].offset, 8);
    EXPECT_EQ(f[0].size, 4);
    EXPECT_TRUE(f[0].isSigned);
    EXPECT_EQ(f[1].name, "oldcomm");
    EXPECT_EQ(f[1].type, "char [16]");
    EXPECT_EQ(f[2].name, "filename");
    EXPECT_EQ(f[2].type, "char []");
    EXPECT_TRUE(f[2].dataLoc);
    EXPECT_EQ(f[3].name, "name");
    EXPECT_EQ(f[3].type, "const char *");
    EXPECT_EQ(f[4].type, "unsigned long long");
    EXPECT_EQ(f[5].type, "u8 [6]");
    EXPECT_EQ(f[7].name, "oom_score_adj");
    EXPECT_EQ(f[7].offset, 60);
    EXPECT_TRUE(parseTracepointFormat("garbage\nfield:int\n").empty());
}

TEST(TracepointFormat, FieldsAsArguments) {
    auto f = parseTracepointFormat(kRenameFormat);
    std::vector<std::pair<std::string, TracepointField::Kind>> want = {
        {"pid_t", TracepointField::Kind::Scalar},
        {"char [16]", TracepointField::Kind::Address}, // a string, by address
        {"char *", TracepointField::Kind::DataLoc},
        {"const char *", TracepointField::Kind::Scalar},
        {"unsigned long long", TracepointField::Kind::Scalar},
        {"u8 *", TracepointField::Kind::Address}, // other arrays decay
        {"u64 *", TracepointField::Kind::DataLoc},
        {"short", TracepointField::Kind::Scalar},
    };
    ASSERT_EQ(f.size(), want.size());
    for (size_t i = 0; i < f.size(); i++) {
        ProbeArg a;
        TracepointField c;
        fieldArgument(f[i], a, c);
        EXPECT_EQ(a.native, want[i].first) << i;
        EXPECT_EQ(c.kind, want[i].second) << i;
        EXPECT_EQ(c.offset, f[i].offset);
    }
}

TEST(Registry, SdtAndRawtpProbesDescribedOnDemand) {
    ProbeRegistry reg;
    auto sdt = reg.match("sdt", "task", "", "task_rename");
    ASSERT_EQ(sdt.size(), 1u) << "needs tracefs (run as root)";
    EXPECT_EQ(sdt[0]->argsState, ArgsState::Pending);
    EXPECT_TRUE(reg.match("sdt", "syscalls", "", "").empty()); // the syscall provider's
    reg.describe(sdt[0]->id);
    const Probe* p = reg.byId(sdt[0]->id);
    EXPECT_EQ(p->argsState, ArgsState::Known);
    ASSERT_EQ(p->argTypes.size(), 4u);
    EXPECT_EQ(p->argTypes[1].native, "char [16]");
    EXPECT_EQ(p->tpFields[1].offset, 12);

    auto raw = reg.match("rawtp", "sched", "", "sched_switch");
    ASSERT_EQ(raw.size(), 1u);
    reg.describe(raw[0]->id);
    p = reg.byId(raw[0]->id);
    ASSERT_EQ(p->argTypes.size(), 4u) << "needs kernel BTF";
    EXPECT_EQ(p->argTypes[1].native, "struct task_struct *");
    EXPECT_EQ(p->rawArgCount, 4);

    auto entry = reg.match("syscall", "", "openat", "entry");
    ASSERT_EQ(entry.size(), 1u);
    reg.describe(entry[0]->id);
    p = reg.byId(entry[0]->id);
    ASSERT_EQ(p->argTypes.size(), 4u);
    EXPECT_EQ(p->argTypes[1].native, "const char *");
    auto ret = reg.match("syscall", "", "openat", "return");
    reg.describe(ret[0]->id);
    p = reg.byId(ret[0]->id);
    ASSERT_EQ(p->argTypes.size(), 2u);
    EXPECT_EQ(p->argTypes[0].native, "long");
    EXPECT_EQ(reg.attributes(*p).args.name, Stability::Private);
    EXPECT_EQ(reg.byId(1)->argsState, ArgsState::Known); // BEGIN: no arguments
}

} // namespace
} // namespace dt
