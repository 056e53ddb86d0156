// The dtrace command line: DTrace's option syntax and the -x options.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace dt::cli {

// A probe specifier or script, in command-line order.
struct Source {
    enum class Kind { Name, Script, Provider, Module, Function, Id } kind = Kind::Name;
    std::string text; // -n text, or the script path
};

struct Options {
    std::vector<Source> sources;
    std::vector<std::string> args;        // macro arguments $1..
    std::vector<std::string> commands;    // -c
    std::vector<int> pids;                // -p
    std::map<std::string, std::string> x; // -x name[=value], pragmas
    std::vector<std::string> cppArgs;     // -D -U -I -H
    std::vector<std::string> libDirs;     // -L: D library directories searched first
    std::string outFile;                  // -o
    bool quiet = false, compileOnly = false, showBpf = false, verbose = false, list = false;
    bool destructive = false, zdefs = false, cpp = false, version = false;
    bool errtags = false;
    // -h: write a C header of probe macros for the scripts' providers;
    // -G: write the object file a build links in (see cli/usdt_header.h).
    bool genHeader = false, genObject = false;
};

// Parses argv.  Returns 0 to go on, or the exit status (2 for usage errors,
// 0 for -V) after printing the message.
int parseOptions(int argc, char** argv, Options& opts);
void usage(const char* argv0);

// The most speculation buffers -x nspec may ask for.
constexpr unsigned long kMaxNspec = 1024;

// Applies one -x option or `#pragma D option`; returns an error message or "".
std::string setOption(Options& opts, const std::string& name, const std::string& value);

// Parses DTrace size values ("4m", "512k") and time values ("10ms", "1hz").
bool parseSize(const std::string& s, uint64_t& out);

} // namespace dt::cli
