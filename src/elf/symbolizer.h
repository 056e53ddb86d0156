// Addresses to symbols, for stack(), ustack(), sym(), usym() and friends:
// kernel addresses through /proc/kallsyms, user addresses through the
// process's mappings and the ELF symbols of its objects.  A process's
// mappings are remembered while it lives (the consumer often prints after
// it has exited); object files are cached by ElfFile.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "elf/elf_file.h"

namespace dt::elf {

struct SymbolInfo {
    std::string module;   // "" if unknown
    std::string function; // "" if unknown
    uint64_t offset = 0;  // from the function's start
};

class Symbolizer {
  public:
    // The consumer's one symbolizer (a cache of read-only facts).
    static Symbolizer& instance();

    SymbolInfo kernel(uint64_t addr);
    // The kernel functions whose names start with `prefix`: [start, end)
    // each (end: the next symbol's address), in address order.
    std::vector<std::pair<uint64_t, uint64_t>> kernelFunctions(const std::string& prefix);
    SymbolInfo user(pid_t pid, uint64_t addr);
    // Reads a live process's mappings now, for symbolizing after it exits.
    void remember(pid_t pid);

  private:
    struct KernelSym {
        uint64_t addr;
        std::string name, module;
    };
    void loadKallsyms();
    const std::vector<LoadedObject>& objects(pid_t pid);

    std::mutex mu_;
    bool kallsymsLoaded_ = false;
    std::vector<KernelSym> ksyms_;
    std::map<pid_t, std::vector<LoadedObject>> procs_;
};

// DTrace's renderings: "mod`func+0x1f" (or "mod`func" at offset 0,
// "mod`0x..." without a function, "0x..." without a module).
std::string frameText(const SymbolInfo& s, uint64_t addr);
// "mod`func" (usym, ufunc, sym, func), or the address in hex.
std::string functionText(const SymbolInfo& s, uint64_t addr);
// "mod" (umod, mod), or the address in hex.
std::string moduleText(const SymbolInfo& s, uint64_t addr);

} // namespace dt::elf
