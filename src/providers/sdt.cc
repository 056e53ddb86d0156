// The sdt provider: every kernel tracepoint in tracefs, named as Oracle's
// DTrace for Linux names them (sdt:CATEGORY::EVENT), attached as perf
// tracepoint events.  args[i] are the event's record fields, typed by their
// C types; the format file is read only for probes a script reads the
// arguments of, or that -lv lists.
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
