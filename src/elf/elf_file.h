// User-space object files: the ELF symbol tables, load segments and
// SystemTap SDT notes of executables and shared libraries, and the mappings
// of a process (/proc/PID/maps).  Providers (pid, usdt) use them to place
// uprobes; the consumer uses them to symbolize user addresses.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dt::elf {

struct Symbol {
    std::string name;
    uint64_t addr = 0; // virtual address in the object
    uint64_t size = 0;
    bool weak = false; // not STB_GLOBAL
};

// One .note.stapsdt entry: a USDT probe site.
struct SdtNote {
    std::string provider, name;
    uint64_t pc = 0;        // virtual address of the probe site
    uint64_t semaphore = 0; // virtual address of the semaphore, or 0
    std::string args;       // operand string, e.g. "-4@%edi 8@-16(%rbp)"
};

class ElfFile {
  public:
    // Reads `path`; nullptr if it is not a readable 64-bit ELF file.
    // Files are cached by path, device, inode and modification time.
    static std::shared_ptr<const ElfFile> open(const std::string& path);

    const std::string& path() const { return path_; }
    bool isShared() const { return type_ == 3; } // ET_DYN
    // Defined functions, sorted by address, one per address (a global name
    // is preferred over a weak or local alias).
    const std::vector<Symbol>& functions() const { return functions_; }
    // Every defined function name, aliases included (-> an index into functions()).
    const Symbol* findFunction(const std::string& name) const;
    // The function containing a virtual address, or nullptr.
    const Symbol* functionAt(uint64_t vaddr) const;
    // File offset of a virtual address (for uprobes), or -1.
    int64_t fileOffset(uint64_t vaddr) const;
    // Virtual address of a file offset (from a mapping), or -1.
    int64_t vaddrOfOffset(uint64_t off) const;
    const std::vector<SdtNote>& sdtNotes() const { return notes_; }

  private:
    struct Segment {
        uint64_t vaddr, offset, filesz, memsz;
    };
    std::string path_;
    int type_ = 0;
    std::vector<Segment> loads_;
    std::vector<Symbol> functions_;
    std::vector<std::pair<std::string, size_t>> byName_; // sorted by name
    std::vector<SdtNote> notes_;
    friend std::shared_ptr<ElfFile> parseElf(const std::string& path);
};

// One mapping of a process's address space that comes from a file.
struct Mapping {
    uint64_t start = 0, end = 0, offset = 0;
    bool exec = false;
    std::string path;
};

// The file mappings of a process; empty if it does not exist.
std::vector<Mapping> readMaps(pid_t pid);
// The path of a process's executable (/proc/PID/exe), or "".
std::string exePath(pid_t pid);
// "libc.so.6" from "/usr/lib/x86_64-linux-gnu/libc.so.6".
std::string baseName(const std::string& path);

// The loaded objects of a process: executable first, then libraries in
// load order, each with its load bias (runtime address - virtual address).
struct LoadedObject {
    std::string path;
    std::shared_ptr<const ElfFile> file;
    uint64_t bias = 0;
    bool isExecutable = false;
    std::vector<Mapping> maps;
};
std::vector<LoadedObject> loadedObjects(pid_t pid);

} // namespace dt::elf
