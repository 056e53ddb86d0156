// The syscall provider: syscall::NAME:entry and :return for every syscall
// the kernel has a tracepoint for (tracefs events/syscalls).
#include <dirent.h>

#include <algorithm>

#include "providers/provider.h"
#include "runtime/tracefs.h"
#include "util/strutil.h"

namespace dt {
namespace {

struct SyscallNumber {
    const char* name;
    int nr;
};
const SyscallNumber kNumbers[] = {
#include "syscall_numbers.inc"
};

// Tracepoint names that differ from the __NR_ names.
const std::pair<const char*, const char*> kAliases[] = {
    {"newstat", "stat"},   {"newfstat", "fstat"},      {"newlstat", "lstat"},
    {"newuname", "uname"}, {"sendfile64", "sendfile"}, {"umount", "umount2"},
};

int syscallNumber(const std::string& name) {
    std::string n = name;
    for (const auto& [from, to] : kAliases)
        if (n == from) n = to;
    for (const auto& s : kNumbers)
        if (n == s.name) return s.nr;
    return -1; // newer than the build's headers: attached by its own tracepoint
}

class SyscallProvider : public Provider {
  public:
    std::string_view name() const override { return "syscall"; }
    void enumerate(ProbeRegistry& reg) override {
        std::string dir = tracefsPath("events/syscalls");
        std::vector<std::string> names;
        if (DIR* d = opendir(dir.c_str())) {
            while (dirent* e = readdir(d)) {
                std::string n = e->d_name;
                if (startsWith(n, "sys_enter_")) names.push_back(n.substr(10));
            }
            closedir(d);
        }
        std::sort(names.begin(), names.end());
        for (const auto& n : names) {
            Probe p;
            p.provider = "syscall";
            p.module = "vmlinux";
            p.function = n;
            p.attach = AttachKind::Tracepoint;
            p.tpCategory = "syscalls";
            p.name = "entry";
            p.tpName = "sys_enter_" + n;
            p.args = ArgLayout::SyscallEntry;
            p.syscallNr = syscallNumber(n);
            reg.add(p);
            p.name = "return";
            p.tpName = "sys_exit_" + n;
            p.args = ArgLayout::SyscallReturn;
            reg.add(p);
        }
    }
};

} // namespace

std::unique_ptr<Provider> makeSyscallProvider() {
    return std::make_unique<SyscallProvider>();
}

} // namespace dt
