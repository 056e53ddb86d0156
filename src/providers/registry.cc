#include "providers/provider.h"

#include <strings.h>

#include "util/strutil.h"

namespace dt {

std::string Probe::fullName() const {
    return provider + ":" + module + ":" + function + ":" + name;
}

ProbeRegistry::ProbeRegistry() {
    // Cheap providers first; syscall reads a directory, sdt and rawtp
    // every tracepoint of the kernel.
    providers_.push_back(makeDtraceProvider());
    providers_.push_back(makeProfileProvider());
    providers_.push_back(makePidProvider());
    providers_.push_back(makeUsdtProvider());
    providers_.push_back(makeProcProvider());
    providers_.push_back(makeSchedProvider());
    providers_.push_back(makeIoProvider());
    providers_.push_back(makeIpProvider());
    providers_.push_back(makeTcpProvider());
    providers_.push_back(makeUdpProvider());
    providers_.push_back(makeLockstatProvider());
    providers_.push_back(makeSyscallProvider());
    providers_.push_back(makeSdtProvider());
    providers_.push_back(makeRawtpProvider());
}

void ProbeRegistry::enumerateTo(size_t end) const {
    auto& self = const_cast<ProbeRegistry&>(*this);
    while (enumerated_ < end && enumerated_ < providers_.size())
        providers_[enumerated_++]->enumerate(self);
}

const std::deque<Probe>& ProbeRegistry::probes() const {
    enumerateTo(providers_.size());
    return probes_;
}

Probe& ProbeRegistry::add(Probe p) {
    p.id = static_cast<uint32_t>(probes_.size() + 1);
    probes_.push_back(std::move(p));
    return probes_.back();
}

const Probe* ProbeRegistry::byId(uint32_t id) const {
    if (id > probes_.size()) enumerateTo(providers_.size());
    if (id == 0 || id > probes_.size()) return nullptr;
    return &probes_[id - 1];
}

Provider* ProbeRegistry::providerOf(const std::string& name) const {
    for (const auto& prov : providers_)
        if (prov->name() == name || prov->owns(name)) return prov.get();
    return nullptr;
}

void ProbeRegistry::describe(uint32_t id) {
    if (id == 0 || id > probes_.size()) return;
    Probe& p = probes_[id - 1];
    if (p.argsState != ArgsState::Pending) return;
    if (Provider* prov = providerOf(p.provider))
        prov->describe(p);
    else
        p.argsState = ArgsState::Known;
}

ProviderAttributes ProbeRegistry::attributes(const Probe& p) const {
    if (Provider* prov = providerOf(p.provider)) return prov->attributes();
    return {};
}

const char* stabilityName(Stability s) {
    static const char* const names[] = {"Internal", "Private",  "Obsolete", "External",
                                        "Unstable", "Evolving", "Stable",   "Standard"};
    return names[static_cast<int>(s)];
}

const char* depClassName(DepClass c) {
    static const char* const names[] = {"Unknown", "CPU", "Platform", "Group", "ISA", "Common"};
    return names[static_cast<int>(c)];
}

Attribute minAttribute(Attribute a, const Attribute& b) {
    a.name = std::min(a.name, b.name);
    a.data = std::min(a.data, b.data);
    a.cls = std::min(a.cls, b.cls);
    return a;
}

bool parseAttribute(const std::string& text, Attribute& out) {
    std::vector<std::string> parts = split(text, '/');
    if (parts.size() != 3) return false;
    auto same = [](const std::string& x, const char* y) { return strcasecmp(x.c_str(), y) == 0; };
    bool name = false, data = false, cls = false;
    for (int i = 0; i < 8; i++) {
        auto st = static_cast<Stability>(i);
        if (same(parts[0], stabilityName(st))) out.name = st, name = true;
        if (same(parts[1], stabilityName(st))) out.data = st, data = true;
    }
    for (int i = 0; i < 6; i++)
        if (same(parts[2], depClassName(static_cast<DepClass>(i))))
            out.cls = static_cast<DepClass>(i), cls = true;
    return name && data && cls;
}

std::string attributeText(const Attribute& a) {
    return std::string(stabilityName(a.name)) + "/" + stabilityName(a.data) + "/" +
           depClassName(a.cls);
}

bool fieldMatch(std::string_view pat, std::string_view s) {
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
    // The providers this description could name, and those before them.
    size_t need = 0;
    for (size_t i = 0; i < providers_.size(); i++) {
        const Provider& prov = *providers_[i];
        bool could = prov.name() == provider;
        if (provider.empty() || hasGlob(provider))
            could = fieldMatch(provider, prov.name()) && prov.mightMatch(module, function, name);
        if (could) need = i + 1;
    }
    enumerateTo(need);
    // On-demand creation: only for a fully literal provider and name.
    if (!hasGlob(provider) && !hasGlob(name) && !name.empty()) {
        for (size_t i = 0; i < enumerated_; i++) {
            Provider* prov = providers_[i].get();
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
