// The dtrace provider: BEGIN, END and ERROR.
#include "providers/provider.h"

namespace dt {
namespace {

class DtraceProvider : public Provider {
  public:
    std::string_view name() const override { return "dtrace"; }
    ProviderAttributes attributes() const override {
        return {{Stability::Stable, Stability::Stable, DepClass::Common},
                {Stability::Private, Stability::Private, DepClass::Unknown},
                {Stability::Private, Stability::Private, DepClass::Unknown},
                {Stability::Stable, Stability::Stable, DepClass::Common},
                {Stability::Stable, Stability::Stable, DepClass::Common}};
    }
    void enumerate(ProbeRegistry& reg) override {
        const std::pair<const char*, AttachKind> probes[] = {
            {"BEGIN", AttachKind::Begin}, {"END", AttachKind::End}, {"ERROR", AttachKind::Error}};
        for (const auto& [n, kind] : probes) {
            Probe p;
            p.provider = "dtrace";
            p.name = n;
            p.attach = kind;
            // BEGIN and END have no arguments (args[0] there is D_ARGS_IDX);
            // ERROR's arg1..arg5 (clause, action, fault, address) are words.
            p.argsState = kind == AttachKind::Error ? ArgsState::Untyped : ArgsState::Known;
            reg.add(p);
        }
    }
};

} // namespace

std::unique_ptr<Provider> makeDtraceProvider() {
    return std::make_unique<DtraceProvider>();
}

} // namespace dt
