#include "providers/provider.h"

#include "util/strutil.h"

namespace dt {

std::string Probe::fullName() const {
    return provider + ":" + module + ":" + function + ":" + name;
}

ProbeRegistry::ProbeRegistry() {
    providers_.push_back(makeDtraceProvider());
    providers_.push_back(makeSyscallProvider());
    providers_.push_back(makeProfileProvider());
    providers_.push_back(makePidProvider());
    providers_.push_back(makeUsdtProvider());
    for (auto& p : providers_)
        p->enumerate(*this);
}

Probe& ProbeRegistry::add(Probe p) {
    p.id = static_cast<uint32_t>(probes_.size() + 1);
    probes_.push_back(std::move(p));
    return probes_.back();
}

const Probe* ProbeRegistry::byId(uint32_t id) const {
    if (id == 0 || id > probes_.size()) return nullptr;
    return &probes_[id - 1];
}

static bool fieldMatch(const std::string& pat, const std::string& s) {
    return pat.empty() || globMatch(pat, s);
}

std::vector<const Probe*> ProbeRegistry::match(const std::string& provider,
                                               const std::string& module,
                                               const std::string& function,
                                               const std::string& name) {
    // Process providers: a literal provider name with a process id.
    if (!hasGlob(provider))
        for (auto& prov : providers_)
            if (prov->owns(provider)) {
                std::vector<const Probe*> out;
                for (uint32_t id : prov->provide(*this, provider, module, function, name))
                    out.push_back(byId(id));
                return out;
            }
    // On-demand creation: only for a fully literal provider and name.
    if (!hasGlob(provider) && !hasGlob(name) && !name.empty()) {
        for (auto& prov : providers_) {
            if (!provider.empty() && prov->name() != provider) continue;
            bool exists = false;
            for (const auto& p : probes_)
                if (p.provider == prov->name() && p.name == name && fieldMatch(module, p.module) &&
                    fieldMatch(function, p.function))
                    exists = true;
            if (!exists) prov->create(*this, module, function, name);
        }
    }
    std::vector<const Probe*> out;
    for (const auto& p : probes_)
        if (fieldMatch(provider, p.provider) && fieldMatch(module, p.module) &&
            fieldMatch(function, p.function) && fieldMatch(name, p.name))
            out.push_back(&p);
    return out;
}

} // namespace dt
