#include "elf/symbolizer.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "util/strutil.h"

namespace dt::elf {

Symbolizer& Symbolizer::instance() {
    static Symbolizer s;
    return s;
}

void Symbolizer::loadKallsyms() {
    kallsymsLoaded_ = true;
    FILE* f = fopen("/proc/kallsyms", "re");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        unsigned long long addr;
        char type;
        char name[256], module[128] = "";
        int n = sscanf(line, "%llx %c %255s [%127[^]]]", &addr, &type, name, module);
        if (n < 3 || addr == 0) continue;
        // Every kind but absolute values and undefined ones: code for stacks,
        // data too for printf's %a.
        char t = static_cast<char>(type | 0x20);
        if (t == 'a' || t == 'u') continue;
        ksyms_.push_back({addr, name, n == 4 ? module : "vmlinux"});
    }
    fclose(f);
    std::stable_sort(ksyms_.begin(), ksyms_.end(),
                     [](const KernelSym& a, const KernelSym& b) { return a.addr < b.addr; });
}

SymbolInfo Symbolizer::kernel(uint64_t addr) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!kallsymsLoaded_) loadKallsyms();
    SymbolInfo out;
    auto it = std::upper_bound(ksyms_.begin(), ksyms_.end(), addr,
                               [](uint64_t a, const KernelSym& s) { return a < s.addr; });
    if (it == ksyms_.begin()) return out;
    --it;
    out.module = it->module;
    out.function = it->name;
    out.offset = addr - it->addr;
    return out;
}

std::vector<std::pair<uint64_t, uint64_t>> Symbolizer::kernelFunctions(const std::string& prefix) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!kallsymsLoaded_) loadKallsyms();
    std::vector<std::pair<uint64_t, uint64_t>> out;
    for (size_t i = 0; i + 1 < ksyms_.size(); i++) {
        if (ksyms_[i].name.compare(0, prefix.size(), prefix) != 0) continue;
        size_t j = i + 1;
        while (j < ksyms_.size() && ksyms_[j].addr == ksyms_[i].addr)
            j++;
        if (j < ksyms_.size()) out.push_back({ksyms_[i].addr, ksyms_[j].addr});
    }
    return out;
}

void Symbolizer::remember(pid_t pid) {
    std::vector<LoadedObject> objs = loadedObjects(pid);
    std::lock_guard<std::mutex> lock(mu_);
    if (!objs.empty()) procs_[pid] = std::move(objs);
}

const std::vector<LoadedObject>& Symbolizer::objects(pid_t pid) {
    auto it = procs_.find(pid);
    if (it == procs_.end()) it = procs_.emplace(pid, loadedObjects(pid)).first;
    return it->second;
}

SymbolInfo Symbolizer::user(pid_t pid, uint64_t addr) {
    std::lock_guard<std::mutex> lock(mu_);
    SymbolInfo out;
    for (int attempt = 0; attempt < 2; attempt++) {
        for (const LoadedObject& o : objects(pid)) {
            for (const Mapping& m : o.maps) {
                if (addr < m.start || addr >= m.end) continue;
                out.module = baseName(o.path);
                if (const Symbol* s = o.file->functionAt(addr - o.bias)) {
                    out.function = s->name;
                    out.offset = addr - o.bias - s->addr;
                }
                return out;
            }
        }
        // A library loaded since the mappings were read: read them again.
        if (attempt == 0) {
            std::vector<LoadedObject> fresh = loadedObjects(pid);
            if (fresh.empty()) break;
            procs_[pid] = std::move(fresh);
        }
    }
    return out;
}

static std::string hexAddr(uint64_t a) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%" PRIx64, a);
    return buf;
}

std::string frameText(const SymbolInfo& s, uint64_t addr) {
    if (s.module.empty()) return hexAddr(addr);
    if (s.function.empty()) return s.module + "`" + hexAddr(addr);
    if (s.offset == 0) return s.module + "`" + s.function;
    return s.module + "`" + s.function + "+" + hexAddr(s.offset);
}

std::string functionText(const SymbolInfo& s, uint64_t addr) {
    if (s.module.empty()) return hexAddr(addr);
    if (s.function.empty()) return s.module + "`" + hexAddr(addr);
    return s.module + "`" + s.function;
}

std::string moduleText(const SymbolInfo& s, uint64_t addr) {
    if (s.module.empty()) return hexAddr(addr);
    return s.module;
}

} // namespace dt::elf
