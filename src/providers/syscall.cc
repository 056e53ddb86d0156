// The syscall provider: syscall::NAME:entry and :return for every syscall
// the kernel has a tracepoint for (tracefs events/syscalls).
#include <dirent.h>

#include <algorithm>

#include "providers/provider.h"
#include "providers/tracepoint_format.h"
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
    ProviderAttributes attributes() const override {
        return {{Stability::Evolving, Stability::Evolving, DepClass::Common},
                {Stability::Private, Stability::Private, DepClass::Unknown},
                {Stability::Private, Stability::Private, DepClass::Isa},
                {Stability::Evolving, Stability::Evolving, DepClass::Common},
                {Stability::Private, Stability::Private, DepClass::Isa}};
    }
    // Entry: args[] are the system call's arguments, typed as its
    // tracepoint's fields (after __syscall_nr).  Return: args[0] and
    // args[1] are the return value, typed as the tracepoint's ret.
    void describe(Probe& p) override {
        p.argsState = ArgsState::Known;
        std::string text =
            readFile(tracefsPath("events/" + p.tpCategory + "/" + p.tpName + "/format"));
        std::vector<FormatField> fields = parseTracepointFormat(text);
        if (!fields.empty() && fields[0].name == "__syscall_nr") fields.erase(fields.begin());
        if (p.name == "return") {
            if (fields.empty()) return;
            ProbeArg ret;
            ret.native = fields[0].type;
            p.argTypes = {ret, ret};
            return;
        }
        for (const FormatField& f : fields) {
            ProbeArg a;
            a.native = f.type;
            p.argTypes.push_back(std::move(a));
        }
    }
    bool mightMatch(const std::string&, const std::string&,
                    const std::string& name) const override {
        return name.empty() || hasGlob(name) || name == "entry" || name == "return";
    }
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
            p.argsState = ArgsState::Pending;
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
