// The dtrace provider: BEGIN, END and ERROR.
#include "providers/provider.h"

namespace dt {
namespace {

class DtraceProvider : public Provider {
  public:
    std::string_view name() const override { return "dtrace"; }
    void enumerate(ProbeRegistry& reg) override {
        const std::pair<const char*, AttachKind> probes[] = {
            {"BEGIN", AttachKind::Begin}, {"END", AttachKind::End}, {"ERROR", AttachKind::Error}};
        for (const auto& [n, kind] : probes) {
            Probe p;
            p.provider = "dtrace";
            p.name = n;
            p.attach = kind;
            reg.add(p);
        }
    }
};

} // namespace

std::unique_ptr<Provider> makeDtraceProvider() {
    return std::make_unique<DtraceProvider>();
}

} // namespace dt
