// Shared by the process providers (pid, usdt): the process id in a
// provider name, the objects the process has loaded, module name matching.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

#include "elf/elf_file.h"

namespace dt {

// The process id after the first `prefixLen` characters of `provider`;
// throws CompileError(D_PROC_BADPID) if it is not a valid one.
pid_t processId(const std::string& provider, size_t prefixLen);
// The objects a process has mapped; throws CompileError(D_PROC_GRAB) if
// the process does not exist.
std::vector<elf::LoadedObject> loadedObjectsOf(pid_t pid);
inline std::vector<elf::LoadedObject> grabProcess(pid_t pid) {
    return loadedObjectsOf(pid);
}
// Whether a module pattern names an object: its file name ("libc.so.6"),
// its path, "a.out" for the executable, or a prefix of the file name up to a dot
// ("libc.so", "libc").  Globs match the file name.
bool moduleMatches(const std::string& pattern, const elf::LoadedObject& obj, bool allowGlob);

} // namespace dt
