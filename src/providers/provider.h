// Providers publish probes into the registry.  Each provider lives in its
// own file and is listed once in registry.cc.
#pragma once
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "program/probe.h"

struct btf_type; // libbpf

namespace dt {

class ProbeRegistry;

class Provider {
  public:
    virtual ~Provider() = default;
    virtual std::string_view name() const = 0;
    // DTrace's stability attributes of the provider's probes (-lv).
    virtual ProviderAttributes attributes() const = 0;
    // Adds the provider's static probes (called once, in registry order,
    // when a description could name one of them or a listing needs all).
    virtual void enumerate(ProbeRegistry& reg) = 0;
    // Could a probe of this provider match a description whose provider
    // field is empty or a glob?  Fields may be globs or empty.  A provider
    // whose enumeration is costly answers from what it can check cheaply,
    // so that "BEGIN" does not read every kernel tracepoint.
    virtual bool mightMatch(const std::string& /*module*/, const std::string& /*func*/,
                            const std::string& /*name*/) const {
        return true;
    }
    // Creates a probe named by a description that enumerate() did not
    // publish (e.g. profile:::tick-3s).  Returns false if it cannot.
    virtual bool create(ProbeRegistry&, std::string_view /*module*/, std::string_view /*func*/,
                        std::string_view /*name*/) {
        return false;
    }
    // Providers of process probes own a family of names ("pid1234",
    // "python1234"); they add the probes a description names on demand and
    // return their ids (a probe's function may be an alias's canonical
    // name), and may throw CompileError (without a line) for a bad one.
    // Fills in argTypes (and what the trampoline needs: tpFields,
    // rawArgCount) of a probe published as ArgsState::Pending, and sets it
    // Known.  A probe whose description cannot be read is left with no
    // arguments.
    virtual void describe(Probe& p) { p.argsState = ArgsState::Known; }
    virtual bool owns(std::string_view /*provider*/) const { return false; }
    virtual std::vector<uint32_t> provide(ProbeRegistry&, const std::string& /*provider*/,
                                          const std::string& /*module*/,
                                          const std::string& /*func*/,
                                          const std::string& /*name*/) {
        return {};
    }
};

// Does a probe description's field (a glob; empty matches all) match?
bool fieldMatch(std::string_view pattern, std::string_view text);

// sdt and rawtp: one probe per static kernel tracepoint (argument types
// pending until described), with the attributes both providers have.
void addTracepointProbes(ProbeRegistry& reg, const std::string& provider, AttachKind attach,
                         ArgLayout args);
ProviderAttributes tracepointAttributes();
// Could a kernel tracepoint match these description fields?  A literal name
// is looked up in tracefs without reading every event.
bool tracepointMightMatch(const std::string& module, const std::string& function,
                          const std::string& name);
// pid and usdt: the attributes both user-space providers have.
ProviderAttributes userProbeAttributes();
// The FUNC_PROTO of a raw tracepoint's BPF hook in the kernel's BTF (its
// parameters after the first are the tracepoint's arguments); null if none.
const ::btf_type* rawTracepointPrototype(const std::string& event);

std::unique_ptr<Provider> makeDtraceProvider();
std::unique_ptr<Provider> makeProfileProvider();
std::unique_ptr<Provider> makeSyscallProvider();
std::unique_ptr<Provider> makePidProvider();
std::unique_ptr<Provider> makeUsdtProvider();
std::unique_ptr<Provider> makeSdtProvider();
std::unique_ptr<Provider> makeRawtpProvider();
std::unique_ptr<Provider> makeProcProvider();
std::unique_ptr<Provider> makeSchedProvider();
std::unique_ptr<Provider> makeIoProvider();
std::unique_ptr<Provider> makeIpProvider();
std::unique_ptr<Provider> makeTcpProvider();
std::unique_ptr<Provider> makeUdpProvider();
std::unique_ptr<Provider> makeLockstatProvider();

// All probes, with IDs in enumeration order (dtrace:::BEGIN is 1).
// Providers are enumerated lazily, always a prefix of the registry order,
// so a static probe's ID does not depend on the script; the kernel's
// thousands of tracepoints (sdt, rawtp) come last and are read only for a
// description that could name one.
class ProbeRegistry {
  public:
    ProbeRegistry();
    Probe& add(Probe p);
    // Every probe (enumerates all providers).
    const std::deque<Probe>& probes() const;
    // A probe by ID (enumerates all providers for an ID not yet published).
    const Probe* byId(uint32_t id) const;
    // For providers that add to a probe they made (more USDT sites).
    Probe& probeById(uint32_t id) { return probes_.at(id - 1); }
    // Probes matching a description (fields may be globs; empty matches all).
    // Providers that create probes on demand get a chance first.
    std::vector<const Probe*> match(const std::string& provider, const std::string& module,
                                    const std::string& function, const std::string& name);
    // Reads the argument types of a probe published as Pending (its
    // provider's describe()); a no-op otherwise.
    void describe(uint32_t id);
    // The attributes of the provider that published `p`.
    ProviderAttributes attributes(const Probe& p) const;

  private:
    Provider* providerOf(const std::string& name) const;
    // Enumerates providers [enumerated_, end).  Lazy enumeration does not
    // change what the registry holds, only when, hence const.
    void enumerateTo(size_t end) const;
    std::vector<std::unique_ptr<Provider>> providers_;
    mutable size_t enumerated_ = 0;
    // A deque: probes never move, so pointers to them stay valid as
    // providers add more (and adding thousands copies nothing).
    mutable std::deque<Probe> probes_;
};

} // namespace dt
