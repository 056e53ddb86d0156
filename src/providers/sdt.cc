// The sdt provider: every kernel tracepoint in tracefs, named as Oracle's
// DTrace for Linux names them (sdt:CATEGORY::EVENT), attached as perf
// tracepoint events.  args[i] are the event's record fields, typed by their
// C types; the format file is read only for probes a script reads the
// arguments of, or that -lv lists.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>

#include "providers/provider.h"
#include "providers/tracepoint_format.h"
#include "runtime/tracefs.h"
#include "util/strutil.h"

namespace dt {

// Categories other providers own (syscall) or that are not static kernel
// tracepoints (dynamic kprobe/uprobe events).
static bool skipsCategory(const std::string& category) {
    return category == "syscalls" || category == "kprobes" || category == "uprobes" ||
           category == "dt_pid";
}

bool tracepointMightMatch(const std::string& module, const std::string& function,
                          const std::string& name) {
    if (!function.empty() && !hasGlob(function)) return false; // no functions
    if (name.empty() || hasGlob(name)) return true;
    // An event's name is a C identifier (tick-1s and profile-97 are not).
    for (char c : name)
        if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    if (!module.empty() && !hasGlob(module))
        return access(tracefsPath("events/" + module + "/" + name).c_str(), F_OK) == 0;
    // Look the name up in each category (far cheaper than listing events),
    // once for sdt and rawtp both.
    static std::map<std::string, bool> seen;
    std::string key = module + ":" + name;
    if (auto it = seen.find(key); it != seen.end()) return it->second;
    DIR* d = opendir(tracefsPath("events").c_str());
    if (!d) return true;
    bool& found = seen[key];
    while (dirent* e = readdir(d)) {
        if (e->d_name[0] == '.' || !fieldMatch(module, e->d_name)) continue;
        struct stat st;
        std::string rel = std::string(e->d_name) + "/" + name;
        if (fstatat(dirfd(d), rel.c_str(), &st, 0) == 0) {
            found = true;
            break;
        }
    }
    closedir(d);
    return found;
}

ProviderAttributes tracepointAttributes() {
    return {{Stability::Evolving, Stability::Evolving, DepClass::Isa},
            {Stability::Private, Stability::Private, DepClass::Unknown},
            {Stability::Private, Stability::Private, DepClass::Unknown},
            {Stability::Private, Stability::Private, DepClass::Isa},
            {Stability::Private, Stability::Private, DepClass::Isa}};
}

void addTracepointProbes(ProbeRegistry& reg, const std::string& provider, AttachKind attach,
                         ArgLayout args) {
    for (const auto& [category, event] : availableEvents()) {
        if (skipsCategory(category)) continue;
        Probe p;
        p.provider = provider;
        p.module = category;
        p.name = event;
        p.attach = attach;
        p.args = args;
        p.tpCategory = category;
        p.tpName = event;
        p.argsState = ArgsState::Pending;
        reg.add(std::move(p));
    }
}

namespace {

class SdtProvider : public Provider {
  public:
    std::string_view name() const override { return "sdt"; }
    ProviderAttributes attributes() const override { return tracepointAttributes(); }
    bool mightMatch(const std::string& module, const std::string& function,
                    const std::string& name) const override {
        return tracepointMightMatch(module, function, name);
    }
    void enumerate(ProbeRegistry& reg) override {
        addTracepointProbes(reg, "sdt", AttachKind::Tracepoint, ArgLayout::TracepointFields);
    }
    void describe(Probe& p) override {
        p.argsState = ArgsState::Known;
        std::string text =
            readFile(tracefsPath("events/" + p.tpCategory + "/" + p.tpName + "/format"));
        for (const FormatField& f : parseTracepointFormat(text)) {
            if (p.argTypes.size() == 10) break; // args[0..9]
            ProbeArg a;
            TracepointField copy;
            fieldArgument(f, a, copy);
            p.argTypes.push_back(std::move(a));
            p.tpFields.push_back(copy);
        }
    }
};

} // namespace

std::unique_ptr<Provider> makeSdtProvider() {
    return std::make_unique<SdtProvider>();
}

} // namespace dt
