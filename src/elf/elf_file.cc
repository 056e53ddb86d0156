#include "elf/elf_file.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>

#include "util/format.h"
#include "util/strutil.h"

namespace dt::elf {

namespace {

// A read-only mapping of a whole file, unmapped on scope exit.
struct MappedFile {
    const uint8_t* data = nullptr;
    size_t size = 0;
    ~MappedFile() {
        if (data) munmap(const_cast<uint8_t*>(data), size);
    }
};

template <typename T> const T* at(const MappedFile& f, uint64_t off, uint64_t count = 1) {
    if (off > f.size || count * sizeof(T) > f.size - off) return nullptr;
    return reinterpret_cast<const T*>(f.data + off);
}

std::string cstr(const MappedFile& f, uint64_t off, uint64_t limit) {
    if (off >= f.size) return "";
    limit = std::min<uint64_t>(limit, f.size);
    const char* s = reinterpret_cast<const char*>(f.data + off);
    size_t n = strnlen(s, limit - off);
    return std::string(s, n);
}

} // namespace

std::shared_ptr<ElfFile> parseElf(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st;
    MappedFile f;
    if (fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(sizeof(Elf64_Ehdr))) {
        void* p = mmap(nullptr, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            f.data = static_cast<const uint8_t*>(p);
            f.size = st.st_size;
        }
    }
    close(fd);
    if (!f.data) return nullptr;
    const auto* eh = at<Elf64_Ehdr>(f, 0);
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64)
        return nullptr;
    auto out = std::make_shared<ElfFile>();
    out->path_ = path;
    out->type_ = eh->e_type;
    if (const auto* ph = at<Elf64_Phdr>(f, eh->e_phoff, eh->e_phnum))
        for (int i = 0; i < eh->e_phnum; i++)
            if (ph[i].p_type == PT_LOAD)
                out->loads_.push_back(
                    {ph[i].p_vaddr, ph[i].p_offset, ph[i].p_filesz, ph[i].p_memsz});
    const auto* sh = at<Elf64_Shdr>(f, eh->e_shoff, eh->e_shnum);
    if (!sh) return out;
    const Elf64_Shdr* shstr = eh->e_shstrndx < eh->e_shnum ? &sh[eh->e_shstrndx] : nullptr;
    auto secName = [&](const Elf64_Shdr& s) {
        return shstr ? cstr(f, shstr->sh_offset + s.sh_name, shstr->sh_offset + shstr->sh_size)
                     : std::string();
    };
    // Symbols: .symtab and .dynsym, defined functions only.
    std::vector<Symbol> all;
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB && sh[i].sh_type != SHT_DYNSYM) continue;
        if (sh[i].sh_link >= eh->e_shnum) continue;
        const Elf64_Shdr& strs = sh[sh[i].sh_link];
        size_t n = sh[i].sh_entsize ? sh[i].sh_size / sh[i].sh_entsize : 0;
        const auto* syms = at<Elf64_Sym>(f, sh[i].sh_offset, n);
        if (!syms) continue;
        for (size_t k = 0; k < n; k++) {
            const Elf64_Sym& s = syms[k];
            int type = ELF64_ST_TYPE(s.st_info);
            if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF ||
                s.st_value == 0)
                continue;
            Symbol sym;
            sym.name = cstr(f, strs.sh_offset + s.st_name, strs.sh_offset + strs.sh_size);
            if (sym.name.empty()) continue;
            // Versioned names from .symtab ("memcpy@GLIBC_2.2.5") keep the plain name.
            if (size_t at = sym.name.find('@'); at != std::string::npos && at > 0)
                sym.name.resize(at);
            sym.addr = s.st_value;
            sym.size = s.st_size;
            int bind = ELF64_ST_BIND(s.st_info);
            sym.weak = bind != STB_GLOBAL;
            all.push_back(std::move(sym));
        }
    }
    // One canonical symbol per address, as DTrace prefers: a global one, then
    // the name with fewer leading underscores, then the shorter name.
    std::sort(all.begin(), all.end(), [](const Symbol& a, const Symbol& b) {
        auto rank = [](const Symbol& s) {
            size_t u = s.name.find_first_not_of('_');
            return std::make_tuple(s.weak, u, s.name.size(), s.name);
        };
        return std::make_tuple(a.addr, rank(a)) < std::make_tuple(b.addr, rank(b));
    });
    for (const Symbol& s : all) {
        if (out->functions_.empty() || out->functions_.back().addr != s.addr)
            out->functions_.push_back(s);
        else if (s.size > out->functions_.back().size)
            out->functions_.back().size = s.size;
    }
    for (const Symbol& s : all) {
        auto it = std::lower_bound(out->functions_.begin(), out->functions_.end(), s.addr,
                                   [](const Symbol& x, uint64_t a) { return x.addr < a; });
        out->byName_.push_back({s.name, static_cast<size_t>(it - out->functions_.begin())});
    }
    std::sort(out->byName_.begin(), out->byName_.end());
    out->byName_.erase(std::unique(out->byName_.begin(), out->byName_.end(),
                                   [](const auto& a, const auto& b) { return a.first == b.first; }),
                       out->byName_.end());

    // SystemTap SDT notes, adjusted by .stapsdt.base if the file was prelinked.
    uint64_t sdtBase = 0;
    bool haveBase = false;
    for (int i = 0; i < eh->e_shnum; i++)
        if (secName(sh[i]) == ".stapsdt.base") {
            sdtBase = sh[i].sh_addr;
            haveBase = true;
        }
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_NOTE || secName(sh[i]) != ".note.stapsdt") continue;
        uint64_t off = sh[i].sh_offset, end = off + sh[i].sh_size;
        while (off + sizeof(Elf64_Nhdr) <= end) {
            const auto* nh = at<Elf64_Nhdr>(f, off);
            if (!nh) break;
            uint64_t name = off + sizeof(Elf64_Nhdr);
            uint64_t desc = name + ((nh->n_namesz + 3) & ~3u);
            uint64_t next = desc + ((nh->n_descsz + 3) & ~3u);
            if (next > end) break;
            if (nh->n_type == 3 && cstr(f, name, desc) == "stapsdt" && nh->n_descsz >= 24) {
                const auto* words = at<uint64_t>(f, desc, 3);
                SdtNote n;
                n.pc = words[0];
                n.semaphore = words[2];
                if (haveBase) {
                    n.pc += sdtBase - words[1];
                    if (n.semaphore) n.semaphore += sdtBase - words[1];
                }
                uint64_t s = desc + 24, dend = desc + nh->n_descsz;
                n.provider = cstr(f, s, dend);
                s += n.provider.size() + 1;
                n.name = cstr(f, s, dend);
                s += n.name.size() + 1;
                n.args = s < dend ? cstr(f, s, dend) : "";
                out->notes_.push_back(std::move(n));
            }
            off = next;
        }
    }
    return out;
}

std::shared_ptr<const ElfFile> ElfFile::open(const std::string& path) {
    static std::mutex mu;
    static std::map<std::tuple<std::string, dev_t, ino_t, time_t, long>,
                    std::shared_ptr<const ElfFile>>
        cache;
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return nullptr;
    auto key = std::make_tuple(path, st.st_dev, st.st_ino, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    std::shared_ptr<const ElfFile> f = parseElf(path);
    cache[key] = f;
    return f;
}

const Symbol* ElfFile::findFunction(const std::string& name) const {
    auto it = std::lower_bound(byName_.begin(), byName_.end(), name,
                               [](const auto& e, const std::string& n) { return e.first < n; });
    if (it == byName_.end() || it->first != name) return nullptr;
    return &functions_[it->second];
}

const Symbol* ElfFile::functionAt(uint64_t vaddr) const {
    auto it = std::upper_bound(functions_.begin(), functions_.end(), vaddr,
                               [](uint64_t a, const Symbol& s) { return a < s.addr; });
    if (it == functions_.begin()) return nullptr;
    --it;
    // Symbols without a size (hand-written assembly) cover up to the next one.
    if (it->size != 0 && vaddr >= it->addr + it->size) return nullptr;
    return &*it;
}

int64_t ElfFile::fileOffset(uint64_t vaddr) const {
    for (const Segment& s : loads_)
        if (vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz)
            return static_cast<int64_t>(vaddr - s.vaddr + s.offset);
    return -1;
}

int64_t ElfFile::vaddrOfOffset(uint64_t off) const {
    for (const Segment& s : loads_) {
        uint64_t pageStart = s.offset & ~uint64_t(0xfff);
        if (off >= pageStart && off < s.offset + std::max(s.filesz, uint64_t(1)))
            return static_cast<int64_t>(off - s.offset + s.vaddr);
    }
    return -1;
}

std::vector<Mapping> readMaps(pid_t pid) {
    std::vector<Mapping> out;
    bool ok = false;
    std::string text = readFile(format("/proc/{}/maps", pid), &ok);
    if (!ok) return out;
    for (const std::string& line : split(text, '\n')) {
        unsigned long long start, end, off, inode;
        char perms[8];
        int pathAt = 0;
        if (sscanf(line.c_str(), "%llx-%llx %7s %llx %*s %llu %n", &start, &end, perms, &off,
                   &inode, &pathAt) < 5 ||
            inode == 0 || pathAt <= 0)
            continue;
        Mapping m;
        m.start = start;
        m.end = end;
        m.offset = off;
        m.exec = perms[2] == 'x';
        m.path = line.substr(pathAt);
        if (m.path.empty() || m.path[0] != '/') continue;
        if (endsWith(m.path, " (deleted)")) continue;
        out.push_back(std::move(m));
    }
    return out;
}

std::string exePath(pid_t pid) {
    char buf[4096];
    ssize_t n = readlink(format("/proc/{}/exe", pid).c_str(), buf, sizeof buf - 1);
    if (n <= 0) return "";
    return std::string(buf, n);
}

std::string baseName(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<LoadedObject> loadedObjects(pid_t pid) {
    std::vector<LoadedObject> out;
    std::string exe = exePath(pid);
    for (const Mapping& m : readMaps(pid)) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const LoadedObject& o) { return o.path == m.path; });
        if (it == out.end()) {
            LoadedObject o;
            o.path = m.path;
            o.file = ElfFile::open(m.path);
            if (!o.file) continue;
            int64_t va = o.file->vaddrOfOffset(m.offset);
            if (va < 0) continue;
            o.bias = m.start - static_cast<uint64_t>(va);
            o.isExecutable = m.path == exe;
            out.push_back(std::move(o));
            it = out.end() - 1;
        }
        it->maps.push_back(m);
    }
    std::stable_partition(out.begin(), out.end(),
                          [](const LoadedObject& o) { return o.isExecutable; });
    return out;
}

} // namespace dt::elf
