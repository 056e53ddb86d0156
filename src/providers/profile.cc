// The profile provider: profile-N (every CPU) and tick-N (one CPU), N with
// an optional unit (ns us ms s m h d hz; none means hz).
#include <cstdlib>

#include "providers/provider.h"
#include "util/strutil.h"

namespace dt {

// Parses "997", "10ms", "1s", "100hz" into a period in ns; 0 if malformed.
uint64_t parseProfileRate(std::string_view spec) {
    size_t i = 0;
    while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9')
        i++;
    if (i == 0) return 0;
    uint64_t n = std::strtoull(std::string(spec.substr(0, i)).c_str(), nullptr, 10);
    std::string_view unit = spec.substr(i);
    // Probe names are case-sensitive: the units are lower case here.
    for (char c : unit)
        if (c < 'a' || c > 'z') return 0;
    uint64_t ns = 0;
    if (n == 0 || !parseTimeValue(std::to_string(n) + std::string(unit), ns)) return 0;
    return ns;
}

namespace {

// DTrace's minimum profiling interval (200 us).
constexpr uint64_t kMinPeriodNs = 200000;

class ProfileProvider : public Provider {
  public:
    std::string_view name() const override { return "profile"; }
    ProviderAttributes attributes() const override {
        return {{Stability::Evolving, Stability::Evolving, DepClass::Common},
                {Stability::Unstable, Stability::Unstable, DepClass::Unknown},
                {Stability::Private, Stability::Private, DepClass::Unknown},
                {Stability::Evolving, Stability::Evolving, DepClass::Common},
                {Stability::Evolving, Stability::Evolving, DepClass::Common}};
    }
    void enumerate(ProbeRegistry& reg) override {
        for (const char* n : {"profile-97", "profile-199", "profile-499", "profile-997",
                              "profile-1999", "profile-4001", "profile-4999", "tick-1", "tick-10",
                              "tick-100", "tick-500", "tick-1000", "tick-5000"})
            create(reg, "", "", n);
    }
    bool create(ProbeRegistry& reg, std::string_view module, std::string_view func,
                std::string_view name) override {
        if (!module.empty() || !func.empty()) return false;
        bool every;
        std::string_view rest;
        if (startsWith(name, "profile-")) {
            every = true;
            rest = name.substr(8);
        } else if (startsWith(name, "tick-")) {
            every = false;
            rest = name.substr(5);
        } else {
            return false;
        }
        uint64_t period = parseProfileRate(rest);
        if (period < kMinPeriodNs) return false;
        Probe p;
        p.provider = "profile";
        p.name = std::string(name);
        p.attach = AttachKind::PerfClock;
        p.args = ArgLayout::PerfRegs;
        p.periodNs = period;
        p.everyCpu = every;
        // arg0/arg1 (kernel and user pc) are words; args[] has no
        // arguments, as in DTrace.
        p.argsState = ArgsState::Known;
        reg.add(p);
        return true;
    }
};

} // namespace

std::unique_ptr<Provider> makeProfileProvider() {
    return std::make_unique<ProfileProvider>();
}

} // namespace dt
