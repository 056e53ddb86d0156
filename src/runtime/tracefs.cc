#include "runtime/tracefs.h"

#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "util/strutil.h"

namespace dt {

static bool exists(const std::string& p) {
    struct stat st;
    return stat(p.c_str(), &st) == 0;
}

static std::string findTracefs() {
    const char* candidates[] = {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"};
    for (const char* c : candidates)
        if (exists(std::string(c) + "/events")) return c;
    if (geteuid() == 0) {
        mount("nodev", "/sys/kernel/tracing", "tracefs", 0, nullptr);
        // bpffs is not needed by the tracer itself, but tools that users run
        // next to it (bpftool) expect it.
        struct statfs sfs;
        if (statfs("/sys/fs/bpf", &sfs) == 0 && sfs.f_type != 0xcafe4a11)
            mount("bpf", "/sys/fs/bpf", "bpf", 0, nullptr);
        if (exists("/sys/kernel/tracing/events")) return "/sys/kernel/tracing";
    }
    return "/sys/kernel/tracing";
}

const std::string& tracefsRoot() {
    static const std::string root = findTracefs();
    return root;
}

std::string tracefsPath(const std::string& rel) {
    return tracefsRoot() + "/" + rel;
}

long tracepointId(const std::string& category, const std::string& name) {
    bool ok = false;
    std::string s = readFile(tracefsPath("events/" + category + "/" + name + "/id"), &ok);
    if (!ok) return -1;
    return std::strtol(s.c_str(), nullptr, 10);
}

} // namespace dt

namespace dt {

int tracepointRecordSize(const std::string& category, const std::string& name) {
    bool ok = false;
    std::string s = readFile(tracefsPath("events/" + category + "/" + name + "/format"), &ok);
    if (!ok) return -1;
    int end = 0;
    for (const auto& line : split(s, '\n')) {
        size_t o = line.find("offset:"), z = line.find("size:");
        if (o == std::string::npos || z == std::string::npos) continue;
        int off = std::atoi(line.c_str() + o + 7), size = std::atoi(line.c_str() + z + 5);
        end = std::max(end, off + size);
    }
    return end;
}

} // namespace dt

namespace dt {

const std::vector<std::pair<std::string, std::string>>& availableEvents() {
    static const std::vector<std::pair<std::string, std::string>> events = [] {
        std::vector<std::pair<std::string, std::string>> v;
        std::string text = readFile(tracefsPath("available_events"));
        for (const auto& line : split(text, '\n')) {
            size_t colon = line.find(':');
            if (colon == std::string::npos) continue;
            v.emplace_back(line.substr(0, colon), trim(line.substr(colon + 1)));
        }
        std::sort(v.begin(), v.end());
        return v;
    }();
    return events;
}

bool rawTracepointCookies() {
    static const bool yes = [] {
        utsname u;
        if (uname(&u) != 0) return false;
        int major = 0, minor = 0;
        if (sscanf(u.release, "%d.%d", &major, &minor) != 2) return false;
        return major > 6 || (major == 6 && minor >= 10);
    }();
    return yes;
}

} // namespace dt
