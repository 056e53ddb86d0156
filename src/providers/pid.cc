// The pid provider: pid<PID>:<module>:<function>:entry|return|<offset>,
// created on demand from the ELF symbol tables of the objects a process has
// mapped, and attached as uprobes (entry, offsets) and uretprobes (return).
#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <map>

#include "diag/diag.h"
#include "elf/elf_file.h"
#include "providers/process.h"
#include "providers/provider.h"
#include "util/strutil.h"

namespace dt {
ProviderAttributes userProbeAttributes() {
    return {{Stability::Evolving, Stability::Evolving, DepClass::Isa},
            {Stability::Private, Stability::Private, DepClass::Unknown},
            {Stability::Private, Stability::Private, DepClass::Unknown},
            {Stability::Evolving, Stability::Evolving, DepClass::Isa},
            {Stability::Private, Stability::Private, DepClass::Unknown}};
}

namespace {

class PidProvider : public Provider {
  public:
    std::string_view name() const override { return "pid"; }
    ProviderAttributes attributes() const override { return userProbeAttributes(); }
    void enumerate(ProbeRegistry&) override {}
    bool owns(std::string_view provider) const override {
        return provider.size() > 3 && startsWith(provider, "pid") &&
               provider.find_first_not_of("0123456789", 3) == std::string_view::npos;
    }
    std::vector<uint32_t> provide(ProbeRegistry& reg, const std::string& provider,
                                  const std::string& module, const std::string& func,
                                  const std::string& name) override;

  private:
    void addProbe(ProbeRegistry& reg, const std::string& provider, pid_t pid,
                  const elf::LoadedObject& obj, const elf::Symbol& sym, const std::string& name,
                  uint64_t off, std::vector<uint32_t>& ids, bool optional = false);
    std::map<std::string, uint32_t> created_;
};

void PidProvider::addProbe(ProbeRegistry& reg, const std::string& provider, pid_t pid,
                           const elf::LoadedObject& obj, const elf::Symbol& sym,
                           const std::string& name, uint64_t off, std::vector<uint32_t>& ids,
                           bool optional) {
    Probe p;
    p.provider = provider;
    p.module = elf::baseName(obj.path);
    p.function = sym.name;
    p.name = name;
    if (auto it = created_.find(p.fullName()); it != created_.end()) {
        ids.push_back(it->second);
        return;
    }
    int64_t fileOff = obj.file->fileOffset(sym.addr + off);
    if (fileOff < 0) return;
    p.attach = AttachKind::Uprobe;
    p.args = name == "return" ? ArgLayout::UserReturn : ArgLayout::UserEntry;
    p.uprobePath = obj.path;
    p.uprobeOffset = static_cast<uint64_t>(fileOff);
    p.uretprobe = name == "return";
    p.uprobePid = pid;
    p.uprobeOptional = optional;
    std::string full = p.fullName();
    uint32_t id = reg.add(std::move(p)).id;
    created_[full] = id;
    ids.push_back(id);
}

std::vector<uint32_t> PidProvider::provide(ProbeRegistry& reg, const std::string& provider,
                                           const std::string& module, const std::string& func,
                                           const std::string& name) {
    std::vector<uint32_t> ids;
    pid_t pid = processId(provider, 3);
    std::vector<elf::LoadedObject> objs = grabProcess(pid);
    std::string mod = module.empty() ? "*" : module;
    std::string fn = func.empty() ? "*" : func;
    std::string nm = name.empty() ? "*" : name;
    bool nameGlob = hasGlob(nm);
    bool wantEntry = globMatch(nm, "entry"), wantReturn = globMatch(nm, "return");
    uint64_t offset = 0;
    bool wantOffset = false;
    if (!nameGlob && !wantEntry && !wantReturn) {
        char* end = nullptr;
        errno = 0;
        offset = strtoull(nm.c_str(), &end, 16);
        if (errno != 0 || *end != '\0' || nm.empty())
            throw CompileError(Tag::D_PROC_NAME, Loc{},
                               format("'{}' is an invalid probe name", nm));
        wantOffset = true;
    }
    if (fn == "-") {
        // Absolute addresses in the executable.
        if (mod != "*" && mod != "a.out" && (objs.empty() || !moduleMatches(mod, objs[0], false)))
            throw CompileError(Tag::D_PROC_LIB, Loc{},
                               "only the a.out module is valid with the '-' function");
        if (nameGlob)
            throw CompileError(Tag::D_PROC_NAME, Loc{},
                               "only individual addresses may be specified with the '-' function");
        if (objs.empty() || !objs[0].isExecutable) return ids;
        const elf::Symbol* s = objs[0].file->functionAt(offset);
        if (!s)
            throw CompileError(Tag::D_PROC_NAME, Loc{},
                               format("failed to lookup {} in module '{}'", hex(offset), mod));
        elf::Symbol abs = *s;
        abs.addr = offset;
        abs.name = "-";
        addProbe(reg, provider, pid, objs[0], abs, nm, 0, ids);
        return ids;
    }
    for (const elf::LoadedObject& obj : objs) {
        if (!moduleMatches(mod, obj, true)) continue;
        std::vector<const elf::Symbol*> syms;
        if (!hasGlob(fn)) {
            const elf::Symbol* s = obj.file->findFunction(fn);
            if (!s) {
                if (!hasGlob(mod))
                    throw CompileError(Tag::D_PROC_FUNC, Loc{},
                                       format("failed to lookup '{}' in module '{}'", fn, mod));
                continue;
            }
            syms.push_back(s);
        } else {
            for (const elf::Symbol& s : obj.file->functions()) {
                if (s.size == 0) continue;
                // Compiler-made local names (foo.cold, foo.part.0) are not probed.
                if (s.name.find('.') != std::string::npos) continue;
                if (globMatch(fn, s.name)) syms.push_back(&s);
            }
        }
        for (const elf::Symbol* s : syms) {
            // Probes from globs may land on instructions uprobes refuse.
            bool optional = hasGlob(fn) || hasGlob(mod) || nameGlob;
            if (wantEntry) addProbe(reg, provider, pid, obj, *s, "entry", 0, ids, optional);
            if (wantReturn) addProbe(reg, provider, pid, obj, *s, "return", 0, ids, optional);
            if (wantOffset) {
                if (s->size != 0 && offset >= s->size)
                    throw CompileError(
                        Tag::D_PROC_OFF, Loc{},
                        format("offset {} outside of function '{}'", hex(offset), s->name));
                addProbe(reg, provider, pid, obj, *s, nm, offset, ids);
            }
        }
    }
    return ids;
}

} // namespace

std::unique_ptr<Provider> makePidProvider() {
    return std::make_unique<PidProvider>();
}

} // namespace dt
