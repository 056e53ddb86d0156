#include "providers/process.h"

#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>

#include "diag/diag.h"
#include "util/strutil.h"

namespace dt {

pid_t processId(const std::string& provider, size_t prefixLen) {
    std::string digits = provider.substr(std::min(prefixLen, provider.size()));
    char* end = nullptr;
    errno = 0;
    long pid = strtol(digits.c_str(), &end, 10);
    if (digits.empty() || errno != 0 || *end != '\0' || pid <= 0 || pid > 0x7fffffff)
        throw CompileError(Tag::D_PROC_BADPID, Loc{},
                           format("'{}' does not contain a valid pid", provider));
    return static_cast<pid_t>(pid);
}

std::vector<elf::LoadedObject> loadedObjectsOf(pid_t pid) {
    if (kill(pid, 0) != 0 && errno == ESRCH)
        throw CompileError(Tag::D_PROC_GRAB, Loc{}, format("failed to grab process {}", pid));
    return elf::loadedObjects(pid);
}

bool moduleMatches(const std::string& pattern, const elf::LoadedObject& obj, bool allowGlob) {
    std::string base = elf::baseName(obj.path);
    if (pattern == "a.out") return obj.isExecutable;
    if (pattern.find('/') != std::string::npos) {
        // A path names its object, through symbolic links too (/lib -> /usr/lib).
        struct stat a, b;
        return pattern == obj.path ||
               (stat(pattern.c_str(), &a) == 0 && stat(obj.path.c_str(), &b) == 0 &&
                a.st_dev == b.st_dev && a.st_ino == b.st_ino);
    }
    if (allowGlob && hasGlob(pattern)) return globMatch(pattern, base);
    if (pattern == base) return true;
    return startsWith(base, pattern + ".");
}

} // namespace dt
