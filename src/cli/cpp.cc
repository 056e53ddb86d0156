#include "cli/cpp.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

extern char** environ;

namespace dt::cli {

namespace {

// Macros DTrace defines for D programs, plus the target's own (cpp runs
// with -undef so that the host compiler's do not leak in).  Strict ANSI
// keeps the C library's headers to declarations D can read: without it
// <endian.h> defines GNU inline functions.
const char* const kPredefined[] = {
    "-D__SUNW_D=1",      "-D__SUNW_D_VERSION=0x02000000",
    "-D__SUNW_D_64",     "-D_LP64",
    "-D__LP64__",        "-D__linux",
    "-D__linux__",       "-D__unix",
    "-D__unix__",        "-D__x86_64",
    "-D__x86_64__",      "-D__amd64",
    "-D__ELF__",         "-D__CHAR_BIT__=8",
    "-D__STRICT_ANSI__",
};

const char* findCpp() {
    for (const char* p : {"/usr/bin/cpp", "/usr/local/bin/cpp", "/bin/cpp"})
        if (access(p, X_OK) == 0) return p;
    return nullptr;
}

bool writeAll(int fd, const std::string& s) {
    size_t off = 0;
    while (off < s.size()) {
        ssize_t n = write(fd, s.data() + off, s.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        off += static_cast<size_t>(n);
    }
    return true;
}

} // namespace

std::string blankInterpreterLine(const std::string& text) {
    if (text.rfind("#!", 0) != 0) return text;
    size_t nl = text.find('\n');
    return nl == std::string::npos ? std::string() : text.substr(nl);
}

std::optional<std::string> preprocess(const std::string& text,
                                      const std::vector<std::string>& cppArgs) {
    const char* cpp = findCpp();
    if (!cpp) {
        fprintf(stderr, "dtrace: failed to run cpp: not installed\n");
        return std::nullopt;
    }
    // The program goes in through an anonymous file rather than a pipe, so
    // that a large program cannot deadlock against cpp's output.
    int in = memfd_create("dtrace-cpp-in", MFD_CLOEXEC);
    if (in < 0 || !writeAll(in, text) || lseek(in, 0, SEEK_SET) != 0) {
        if (in >= 0) close(in);
        fprintf(stderr, "dtrace: failed to run cpp: %s\n", strerror(errno));
        return std::nullopt;
    }
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        close(in);
        return std::nullopt;
    }
    std::vector<std::string> args = {cpp, "-undef", "-fno-show-column",
                                     "-fno-diagnostics-show-caret", "-fno-diagnostics-color"};
    for (const char* d : kPredefined)
        args.push_back(d);
    for (const auto& a : cppArgs)
        args.push_back(a);
    args.push_back("/dev/stdin");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, cpp, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        fprintf(stderr, "dtrace: failed to run cpp: %s\n", strerror(rc));
        return std::nullopt;
    }
    std::string result;
    char buf[65536];
    for (;;) {
        ssize_t n = read(out[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        result.append(buf, static_cast<size_t>(n));
    }
    close(out[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    return result;
}

} // namespace dt::cli
