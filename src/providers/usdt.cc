// The USDT provider: user statically defined probes from the
// .note.stapsdt notes (SystemTap SDT format) of the objects a process has
// mapped, named provider<PID>:module:function:name with "__" shown as "-".
// Attached as uprobes; a probe's semaphore is raised by the kernel while
// the probe is enabled (the uprobe PMU's ref_ctr_offset).
#include <algorithm>
#include <cctype>
#include <map>

#include "diag/diag.h"
#include "elf/elf_file.h"
#include "providers/process.h"
#include "providers/provider.h"
#include "util/strutil.h"

namespace dt {
namespace {

std::string probeName(const std::string& note) {
    std::string out;
    for (size_t i = 0; i < note.size(); i++) {
        if (note[i] == '_' && i + 1 < note.size() && note[i + 1] == '_') {
            out += '-';
            i++;
        } else {
            out += note[i];
        }
    }
    return out;
}

class UsdtProvider : public Provider {
  public:
    std::string_view name() const override { return "usdt"; }
    ProviderAttributes attributes() const override { return userProbeAttributes(); }
    void enumerate(ProbeRegistry&) override {}
    // Any name ending in a process id except the pid provider's own.
    bool owns(std::string_view provider) const override {
        size_t digits = provider.find_last_not_of("0123456789");
        if (digits == std::string_view::npos || digits + 1 == provider.size()) return false;
        if (provider.substr(0, digits + 1) == "pid") return false;
        return isalpha(static_cast<unsigned char>(provider[0])) || provider[0] == '_';
    }
    std::vector<uint32_t> provide(ProbeRegistry& reg, const std::string& provider,
                                  const std::string& module, const std::string& func,
                                  const std::string& name) override {
        std::vector<uint32_t> ids;
        size_t digits = provider.find_last_not_of("0123456789") + 1;
        std::string prov = provider.substr(0, digits);
        pid_t pid = processId(provider, digits);
        std::vector<elf::LoadedObject> objs;
        try {
            objs = loadedObjectsOf(pid);
        } catch (const CompileError&) {
            return ids; // no such process: the description matches nothing
        }
        for (const elf::LoadedObject& obj : objs) {
            if (!module.empty() && !moduleMatches(module, obj, true)) continue;
            for (const elf::SdtNote& n : obj.file->sdtNotes()) {
                if (n.provider != prov) continue;
                Probe p;
                p.provider = provider;
                p.module = elf::baseName(obj.path);
                const elf::Symbol* fs = obj.file->functionAt(n.pc);
                p.function = fs ? fs->name : "";
                p.name = probeName(n.name);
                if (!func.empty() && !globMatch(func, p.function)) continue;
                if (!name.empty() && !globMatch(name, p.name)) continue;
                int64_t off = obj.file->fileOffset(n.pc);
                if (off < 0) continue;
                // Every site of a probe is one probe; each site's operands
                // are decoded by its number (the trampoline has them all).
                std::string key = p.fullName();
                if (auto it = created_.find(key); it != created_.end()) {
                    Probe& same = reg.probeById(it->second);
                    if (same.uprobeOffset != static_cast<uint64_t>(off) &&
                        std::find(same.moreOffsets.begin(), same.moreOffsets.end(),
                                  static_cast<uint64_t>(off)) == same.moreOffsets.end() &&
                        same.moreOffsets.size() < Probe::kMaxUsdtSites) {
                        same.moreOffsets.push_back(static_cast<uint64_t>(off));
                        same.moreUsdtArgs.push_back(n.args);
                    }
                    if (std::find(ids.begin(), ids.end(), it->second) == ids.end())
                        ids.push_back(it->second);
                    continue;
                }
                p.attach = AttachKind::Uprobe;
                p.args = ArgLayout::UsdtArgs;
                p.uprobePath = obj.path;
                p.uprobeOffset = static_cast<uint64_t>(off);
                p.uprobePid = pid;
                if (n.semaphore) {
                    int64_t so = obj.file->fileOffset(n.semaphore);
                    if (so > 0) p.semaphoreOffset = static_cast<uint64_t>(so);
                }
                p.usdtArgs = n.args;
                uint32_t id = reg.add(std::move(p)).id;
                created_[key] = id;
                ids.push_back(id);
            }
        }
        return ids;
    }

  private:
    std::map<std::string, uint32_t> created_;
};

} // namespace

std::unique_ptr<Provider> makeUsdtProvider() {
    return std::make_unique<UsdtProvider>();
}

} // namespace dt
