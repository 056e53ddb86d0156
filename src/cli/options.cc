#include "cli/options.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/strutil.h"

namespace dt::cli {

void usage(const char* argv0) {
    fprintf(stderr,
            "Usage: %s [-32|-64] [-aACeFGhHlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]\n"
            "\t[-I path] [-L path] [-o output] [-p pid] [-s script] [-U name]\n"
            "\t[-x opt[=val]] [-X a|c|s|t]\n\n"
            "\t[-P provider [[ predicate ] action ]]\n"
            "\t[-m [ provider: ] module [[ predicate ] action ]]\n"
            "\t[-f [[ provider: ] module: ] func [[ predicate ] action ]]\n"
            "\t[-n [[[ provider: ] module: ] func: ] name [[ predicate ] action ]]\n"
            "\t[-i probe-id [[ predicate ] action ]] [ args ... ]\n\n"
            "\tpredicate -> '/' D-expression '/'\n"
            "\t   action -> '{' D-statements '}'\n\n"
            "\t-32 generate 32-bit D programs and ELF files\n"
            "\t-64 generate 64-bit D programs and ELF files\n\n"
            "\t-a  claim anonymous tracing state\n"
            "\t-A  generate driver.conf(4) directives for anonymous tracing\n"
            "\t-b  set trace buffer size\n"
            "\t-c  run specified command and exit upon its completion\n"
            "\t-C  run cpp(1) preprocessor on script files\n"
            "\t-D  define symbol when invoking preprocessor\n"
            "\t-e  exit after compiling request but prior to enabling probes\n"
            "\t-f  enable or list probes matching the specified function name\n"
            "\t-F  coalesce trace output by function\n"
            "\t-G  generate an ELF file containing embedded dtrace program\n"
            "\t-h  generate a header file with definitions for static probes\n"
            "\t-H  print included files when invoking preprocessor\n"
            "\t-i  enable or list probes matching the specified probe id\n"
            "\t-I  add include directory to preprocessor search path\n"
            "\t-l  list probes matching specified criteria\n"
            "\t-L  add library directory to library search path\n"
            "\t-m  enable or list probes matching the specified module name\n"
            "\t-n  enable or list probes matching the specified probe name\n"
            "\t-o  set output file\n"
            "\t-p  grab specified process-ID and cache its symbol tables\n"
            "\t-P  enable or list probes matching the specified provider name\n"
            "\t-q  set quiet mode (only output explicitly traced data)\n"
            "\t-s  enable or list probes according to the specified D script\n"
            "\t-S  print D compiler intermediate code\n"
            "\t-U  undefine symbol when invoking preprocessor\n"
            "\t-v  set verbose mode (report stability attributes, arguments)\n"
            "\t-V  report DTrace API version\n"
            "\t-w  permit destructive actions\n"
            "\t-x  enable or modify compiler and tracing options\n"
            "\t-X  specify ISO C conformance settings for preprocessor\n"
            "\t-Z  permit probe descriptions that match zero probes\n",
            argv0);
}

bool parseSize(const std::string& s, uint64_t& out) {
    return parseSizeValue(s, out);
}

std::string setOption(Options& opts, const std::string& name, const std::string& value) {
    static const char* const known[] = {
        "aggrate",     "aggsize",      "aggsortkey", "aggsortkeypos", "aggsortpos",  "aggsortrev",
        "aggpercpu",   "bufpolicy",    "bufresize",  "bufsize",       "cleanrate",   "cpu",
        "cpp",         "cpppath",      "ctfpath",    "defaultargs",   "destructive", "dynvarsize",
        "errtags",     "droptags",     "flowindent", "grabanon",      "incdir",      "iregs",
        "kdefs",       "knodefs",      "ldpath",     "lazyload",      "linkmode",    "linktype",
        "maxframes",   "nolibs",       "nspec",      "pgmax",         "preallocate", "procfs",
        "quiet",       "rawbytes",     "specsize",   "stackframes",   "stackindent", "statusrate",
        "strsize",     "switchrate",   "syslibdir",  "tree",          "udefs",       "undef",
        "unodefs",     "ustackframes", "verbose",    "version",       "zdefs",       "argref",
        "amin",        "core",         "evaltime",   "disasm",        "modpath",     "noresolve",
        "scratchsize", "lockmem",      "pspec",      "bpflog",        "bpflogsize",  "pcapsize",
        "define",      "empty",        "stdc",       "printsize",     "tregs",
    };
    bool ok = false;
    for (const char* k : known)
        if (name == k) ok = true;
    if (!ok) return "unrecognized option: " + name;
    // Options that are on or off take no value.
    static const char* const flags[] = {
        "quiet",    "flowindent", "destructive", "zdefs",     "errtags",     "droptags",
        "rawbytes", "aggsortkey", "aggsortrev",  "aggpercpu", "defaultargs", "grabanon",
        "knodefs",  "kdefs",      "udefs",       "unodefs",   "verbose",     "noresolve",
        "pspec",    "argref",     "nolibs",      "empty",
    };
    bool isFlag = false;
    for (const char* f : flags) {
        if (name != f) continue;
        isFlag = true;
        if (value.empty()) continue;
        // As DTrace: a value turns them on (yes, true, enable(d), on, set)
        // or off (no, false, disable(d), off, unset), in any case.
        std::string v = value;
        for (char& ch : v)
            ch = static_cast<char>(tolower(static_cast<unsigned char>(ch)));
        bool on =
            v == "yes" || v == "true" || v == "enable" || v == "enabled" || v == "on" || v == "set";
        bool off = v == "no" || v == "false" || v == "disable" || v == "disabled" || v == "off" ||
                   v == "unset";
        if (!on && !off) return "invalid value for option " + name;
        if (off) {
            if (name == "quiet") opts.quiet = false;
            if (name == "destructive") opts.destructive = false;
            if (name == "zdefs") opts.zdefs = false;
            if (name == "errtags") opts.errtags = false;
            opts.x.erase(name);
            return "";
        }
    }
    if (name == "quiet") opts.quiet = true;
    if (name == "destructive") opts.destructive = true;
    if (name == "zdefs") opts.zdefs = true;
    if (name == "errtags") opts.errtags = true;
    if (name == "nspec") {
        // A count of speculation buffers: digits only, and a sane bound.
        if (value.empty() || value.size() > 6 ||
            value.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(value) > kMaxNspec)
            return "invalid value for option " + name;
    }
    if (name == "bufsize" || name == "strsize" || name == "dynvarsize" || name == "aggsize" ||
        name == "specsize" || name == "scratchsize" || name == "printsize") {
        uint64_t v;
        if (!parseSize(value, v)) return "invalid value for option " + name;
        if (name == "strsize" && v < 2) return "invalid value for option " + name;
    }
    if (name == "bufpolicy" && value != "switch" && value != "fill" && value != "ring")
        return "invalid value for option " + name;
    if (name == "bufresize" && value != "auto" && value != "manual")
        return "invalid value for option " + name;
    if (name == "switchrate" || name == "statusrate" || name == "cleanrate" || name == "aggrate") {
        uint64_t ns;
        if (!parseTimeValue(value, ns)) return "invalid value for option " + name;
    }
    if (name == "define") opts.cppArgs.push_back("-D" + value);
    if (name == "undef" && !value.empty()) opts.cppArgs.push_back("-U" + value);
    if (name == "incdir") opts.cppArgs.push_back("-I" + value);
    opts.x[name] = isFlag ? "" : value;
    return "";
}

int parseOptions(int argc, char** argv, Options& opts) {
    const char* argv0 = "dtrace";
    if (argc < 2) {
        usage(argv0);
        return 2;
    }
    // Options and arguments may interleave: non-option words are macro
    // arguments ($1, $2, ...), as in DTrace.
    for (int i = 1; i < argc; i++) {
        const char* a = argv[i];
        if (a[0] != '-' || a[1] == '\0') {
            opts.args.push_back(a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                opts.args.push_back(argv[i]);
            break;
        }
        if (strcmp(a, "-32") == 0 || strcmp(a, "-64") == 0) continue;
        for (int j = 1; a[j]; j++) {
            char c = a[j];
            const char* withArg = "bcDfiIlLmnopPsUxX";
            if (c != 'l' && strchr(withArg, c)) {
                std::string val;
                if (a[j + 1]) {
                    val = a + j + 1;
                } else if (i + 1 < argc) {
                    val = argv[++i];
                } else {
                    fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv0, c);
                    usage(argv0);
                    return 2;
                }
                switch (c) {
                case 'n':
                    opts.sources.push_back({Source::Kind::Name, val});
                    break;
                case 's':
                    opts.sources.push_back({Source::Kind::Script, val});
                    break;
                case 'P':
                    opts.sources.push_back({Source::Kind::Provider, val});
                    break;
                case 'm':
                    opts.sources.push_back({Source::Kind::Module, val});
                    break;
                case 'f':
                    opts.sources.push_back({Source::Kind::Function, val});
                    break;
                case 'i':
                    opts.sources.push_back({Source::Kind::Id, val});
                    break;
                case 'c':
                    opts.commands.push_back(val);
                    break;
                case 'p': {
                    char* end;
                    long p = strtol(val.c_str(), &end, 10);
                    if (*end || p <= 0) {
                        fprintf(stderr, "dtrace: invalid process ID: %s\n", val.c_str());
                        return 2;
                    }
                    opts.pids.push_back(static_cast<int>(p));
                    break;
                }
                case 'o':
                    opts.outFile = val;
                    break;
                case 'b': {
                    std::string err = setOption(opts, "bufsize", val);
                    if (!err.empty()) {
                        fprintf(stderr, "dtrace: failed to set -b %s: %s\n", val.c_str(),
                                err.c_str());
                        return 1;
                    }
                    break;
                }
                case 'x': {
                    size_t eq = val.find('=');
                    std::string name = val.substr(0, eq);
                    std::string v = eq == std::string::npos ? "" : val.substr(eq + 1);
                    std::string err = setOption(opts, name, v);
                    if (!err.empty()) {
                        fprintf(stderr, "dtrace: failed to set -x %s: %s\n", name.c_str(),
                                err == "unrecognized option: " + name
                                    ? "Invalid option name"
                                    : "Invalid value for specified option");
                        return 1;
                    }
                    break;
                }
                case 'D':
                    opts.cppArgs.push_back("-D" + val);
                    break;
                case 'U':
                    opts.cppArgs.push_back("-U" + val);
                    break;
                case 'I':
                    opts.cppArgs.push_back("-I" + val);
                    break;
                case 'L':
                    opts.libDirs.push_back(val);
                    break;
                default:
                    break; // -X: accepted, no effect here
                }
                break; // the rest of this word was the argument
            }
            switch (c) {
            case 'q':
                opts.quiet = true;
                break;
            case 'e':
                opts.compileOnly = true;
                break;
            case 'S':
                opts.showBpf = true;
                break;
            case 'v':
                opts.verbose = true;
                break;
            case 'V':
                opts.version = true;
                break;
            case 'w':
                opts.destructive = true;
                break;
            case 'Z':
                opts.zdefs = true;
                break;
            case 'C':
                opts.cpp = true;
                break;
            case 'l':
                opts.list = true;
                break;
            case 'H':
                opts.cppArgs.push_back("-H");
                break;
            case 'G':
                opts.genObject = true;
                break;
            case 'h':
                opts.genHeader = true;
                break;
            case 'F':
                opts.x["flowindent"] = "";
                break;
            case 'a':
            case 'A':
                break;
            default:
                fprintf(stderr, "%s: invalid option -- '%c'\n", argv0, c);
                usage(argv0);
                return 2;
            }
        }
    }
    if (opts.version) {
        printf("dtrace: Sun D 2.0\n");
        return -1;
    }
    if (opts.sources.empty() && !opts.list) {
        if (opts.commands.empty() && opts.pids.empty()) {
            usage(argv0);
            return 2;
        }
    }
    return 0;
}

} // namespace dt::cli
