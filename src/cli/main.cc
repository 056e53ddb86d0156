// dtrace(1): compile D programs to BPF, run them, print what they record.
#include <bpf/libbpf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

#include "bpf/disasm.h"
#include "cli/options.h"
#include "codegen/codegen.h"
#include "output/records.h"
#include "parse/parser.h"
#include "runtime/session.h"
#include "sema/check.h"
#include "util/strutil.h"

namespace dt::cli {
namespace {

volatile sig_atomic_t gStop = 0;
void onSignal(int) {
    gStop = 1;
}

// A compiled -n or -s unit: its AST and what it matched.
struct Unit {
    Source src;
    std::string text;
    std::unique_ptr<ast::Program> program;
    std::set<uint32_t> probes;
};

// Processes created by -c, held stopped on a pipe until tracing starts.
struct Child {
    pid_t pid = -1;
    int releaseFd = -1;
    bool exited = false;
};

// Whether execvp would find `prog` (checked before tracing starts, so that
// a bad -c command fails at once, as DTrace's does).
bool findProgram(const std::string& prog) {
    if (prog.find('/') != std::string::npos) return access(prog.c_str(), X_OK) == 0;
    const char* path = getenv("PATH");
    for (const auto& dir : split(path ? path : "/usr/bin:/bin", ':'))
        if (access(((dir.empty() ? "." : dir) + "/" + prog).c_str(), X_OK) == 0) return true;
    return false;
}

Child spawn(const std::string& cmd) {
    std::vector<std::string> words = split(trim(cmd), ' ');
    std::vector<std::string> argvS;
    for (auto& w : words)
        if (!w.empty()) argvS.push_back(w);
    if (argvS.empty() || !findProgram(argvS[0]))
        throw Error(format("failed to execute {}: {}", argvS.empty() ? cmd : argvS[0],
                           strerror(argvS.empty() ? EINVAL : ENOENT)));
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw Error("failed to create pipe");
    pid_t pid = fork();
    if (pid < 0) throw Error(format("failed to fork: {}", strerror(errno)));
    if (pid == 0) {
        close(fds[1]);
        char c;
        if (read(fds[0], &c, 1) != 1) _exit(127);
        std::vector<char*> av;
        for (auto& w : argvS)
            av.push_back(w.data());
        av.push_back(nullptr);
        execvp(av[0], av.data());
        fprintf(stderr, "dtrace: failed to execute %s: %s\n", av[0], strerror(errno));
        _exit(127);
    }
    close(fds[0]);
    Child ch;
    ch.pid = pid;
    ch.releaseFd = fds[1];
    return ch;
}

std::string descDisplay(const ast::ProbeDesc& d) {
    return d.provider + ":" + d.module + ":" + d.function + ":" + d.name;
}

int wallOffsetInit(uint8_t* globals) {
    timespec rt, bt;
    clock_gettime(CLOCK_REALTIME, &rt);
    clock_gettime(CLOCK_BOOTTIME, &bt);
    int64_t off =
        (static_cast<int64_t>(rt.tv_sec) - bt.tv_sec) * 1000000000LL + (rt.tv_nsec - bt.tv_nsec);
    memcpy(globals + GlobalsLayout::kWallOffset, &off, 8);
    return 0;
}

// The aggregation sort options (-x aggsortkey ...), as set at start.
output::AggSortOptions aggSortOptionsFrom(const std::map<std::string, std::string>& x) {
    output::AggSortOptions o;
    auto flag = [&](const char* name) {
        auto it = x.find(name);
        return it != x.end() && it->second != "false" && it->second != "0";
    };
    auto number = [&](const char* name) {
        auto it = x.find(name);
        return it == x.end() ? 0 : atoi(it->second.c_str());
    };
    o.byKey = flag("aggsortkey");
    o.reverse = flag("aggsortrev");
    o.keyPos = number("aggsortkeypos");
    o.aggPos = number("aggsortpos");
    return o;
}

class Dtrace {
  public:
    explicit Dtrace(Options& o) : opts_(o) {}
    int run();

  private:
    void compileUnit(Unit& u, std::vector<codegen::ClauseInput>& inputs, sema::Checker& checker);
    void applyPragma(const ast::Pragma& p);
    [[noreturn]] void compileFail(const Unit& u, const CompileError& e);
    int trace(CompiledProgram& prog, const std::vector<Unit>& units);
    int list();

    Options& opts_;
    ProbeRegistry reg_;
    TypeTable types_;
    std::vector<Child> children_;
};

void Dtrace::compileFail(const Unit& u, const CompileError& e) {
    if (u.src.kind == Source::Kind::Script)
        fprintf(stderr, "dtrace: failed to compile script %s: %s\n", u.src.text.c_str(),
                e.render(opts_.errtags).c_str());
    else
        fprintf(stderr, "dtrace: invalid probe specifier %s: %s\n", u.src.text.c_str(),
                e.render(opts_.errtags).c_str());
    throw 1;
}

void Dtrace::applyPragma(const ast::Pragma& p) {
    if (p.words.empty()) return;
    if (p.words[0] == "option") {
        for (size_t i = 1; i < p.words.size(); i++) {
            const std::string& w = p.words[i];
            size_t eq = w.find('=');
            std::string name = w.substr(0, eq);
            std::string val = eq == std::string::npos ? "" : w.substr(eq + 1);
            std::string err = setOption(opts_, name, val);
            if (!err.empty())
                fail(Tag::D_PRAGMA_OPTSET, p.loc, "failed to set option '{}': {}", name,
                     err == "unrecognized option: " + name ? "Invalid option name"
                                                           : "Invalid value for specified option");
        }
    }
}

void Dtrace::compileUnit(Unit& u, std::vector<codegen::ClauseInput>& inputs,
                         sema::Checker& checker) {
    try {
        parse::ParseOptions po;
        po.macroArgs.push_back(u.src.kind == Source::Kind::Script ? u.src.text : "dtrace");
        for (auto& a : opts_.args)
            po.macroArgs.push_back(a);
        po.defaultArgs = opts_.x.count("defaultargs") > 0;
        po.fromFile = u.src.kind == Source::Kind::Script;
        po.pspec = opts_.x.count("pspec") > 0;
        po.isTypeName = [this](std::string_view n) {
            return types_.lookup(std::string(n)) != nullptr;
        };
        po.namedMacro = [this](std::string_view n) -> std::optional<std::string> {
            if (n == "target") {
                if (!children_.empty()) return std::to_string(children_[0].pid);
                if (!opts_.pids.empty()) return std::to_string(opts_.pids[0]);
                return std::nullopt;
            }
            if (n == "pid") return std::to_string(getpid());
            if (n == "ppid") return std::to_string(getppid());
            if (n == "uid") return std::to_string(getuid());
            if (n == "gid") return std::to_string(getgid());
            if (n == "sid") return std::to_string(getsid(0));
            if (n == "pgid") return std::to_string(getpgid(0));
            if (n == "projid" || n == "taskid") return std::string("0");
            return std::nullopt;
        };
        std::string text = u.text;
        if (u.src.kind == Source::Kind::Provider)
            text = u.text + ":::";
        else if (u.src.kind == Source::Kind::Module)
            text = "::" + u.text + "::";
        auto res = parse::parseProgram(text, po);
        u.program = std::move(res.program);
        for (auto& item : u.program->items) {
            if (item->kind == ast::TopKind::Pragma) {
                applyPragma(ast::as<ast::Pragma>(*item));
                continue;
            }
            if (item->kind != ast::TopKind::Clause) continue;
            auto& clause = ast::as<ast::Clause>(*item);
            codegen::ClauseInput in;
            in.clause = &clause;
            for (const auto& d : clause.descs) {
                std::vector<const Probe*> matched;
                if (d.id != 0) {
                    if (const Probe* p = reg_.byId(d.id)) matched.push_back(p);
                } else {
                    matched = reg_.match(d.provider, d.module, d.function, d.name);
                }
                if (matched.empty() && !opts_.zdefs)
                    fail(Tag::D_PDESC_ZERO, d.loc, "probe description {} does not match any probes",
                         d.id != 0 ? d.text : descDisplay(d));
                for (const Probe* p : matched) {
                    in.probes.push_back(p->id);
                    u.probes.insert(p->id);
                }
            }
            checker.checkClause(clause);
            inputs.push_back(std::move(in));
        }
    } catch (const CompileError& e) {
        compileFail(u, e);
    }
}

// Splits a probe description into its four fields, filling from the right.
ast::ProbeDesc splitDesc(const std::string& text) {
    std::vector<std::string> f = split(text, ':');
    ast::ProbeDesc d;
    d.text = text;
    std::string* fields[] = {&d.provider, &d.module, &d.function, &d.name};
    size_t n = std::min<size_t>(f.size(), 4);
    for (size_t i = 0; i < n; i++)
        *fields[4 - n + i] = f[f.size() - n + i];
    return d;
}

int Dtrace::list() {
    std::vector<const Probe*> probes;
    std::set<uint32_t> seen;
    auto addAll = [&](const std::vector<const Probe*>& v) {
        for (const Probe* p : v)
            if (seen.insert(p->id).second) probes.push_back(p);
    };
    if (opts_.sources.empty()) {
        for (const Probe& p : reg_.probes())
            probes.push_back(&p);
    }
    for (const auto& s : opts_.sources) {
        ast::ProbeDesc d;
        switch (s.kind) {
        case Source::Kind::Provider:
            d.provider = s.text;
            break;
        case Source::Kind::Module:
            d = splitDesc(s.text + ":"), d.function.clear();
            break;
        case Source::Kind::Function:
            d = splitDesc(s.text + ":");
            break;
        case Source::Kind::Id: {
            const Probe* p = reg_.byId(static_cast<uint32_t>(strtoul(s.text.c_str(), nullptr, 10)));
            if (p) addAll({p});
            continue;
        }
        case Source::Kind::Name: {
            std::string t = s.text;
            size_t cut = t.find_first_of("/{");
            d = splitDesc(trim(t.substr(0, cut)));
            break;
        }
        case Source::Kind::Script:
            continue;
        }
        auto m = reg_.match(d.provider, d.module, d.function, d.name);
        if (m.empty() && !opts_.zdefs) {
            fprintf(stderr,
                    "dtrace: invalid probe specifier %s: probe description %s:%s:%s:%s does not "
                    "match any probes\n",
                    s.text.c_str(), d.provider.c_str(), d.module.c_str(), d.function.c_str(),
                    d.name.c_str());
            return 1;
        }
        addAll(m);
    }
    std::sort(probes.begin(), probes.end(),
              [](const Probe* a, const Probe* b) { return a->id < b->id; });
    printf("%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME");
    for (const Probe* p : probes)
        printf("%5u %10s %17s %33s %s\n", p->id, p->provider.c_str(), p->module.c_str(),
               p->function.c_str(), p->name.c_str());
    return 0;
}

int Dtrace::run() {
    if (opts_.list) return list();
    for (const auto& c : opts_.commands)
        children_.push_back(spawn(c));
    for (int p : opts_.pids)
        if (kill(p, 0) != 0) {
            fprintf(stderr, "dtrace: failed to grab pid %d: %s\n", p, strerror(errno));
            return 1;
        }
    std::vector<Unit> units;
    for (const auto& s : opts_.sources) {
        Unit u;
        u.src = s;
        if (s.kind == Source::Kind::Script) {
            bool ok = false;
            u.text = readFile(s.text == "-" ? "/dev/stdin" : s.text, &ok);
            if (!ok) {
                fprintf(stderr, "dtrace: failed to open %s: %s\n", s.text.c_str(), strerror(errno));
                return 1;
            }
        } else {
            u.text = s.text;
        }
        units.push_back(std::move(u));
    }
    sema::Checker checker(types_, GlobalsLayout::kUser);
    std::vector<codegen::ClauseInput> inputs;
    for (auto& u : units)
        compileUnit(u, inputs, checker);
    sema::SemaResult sr = checker.finish();
    codegen::Options co;
    if (opts_.x.count("bufsize")) parseSize(opts_.x["bufsize"], co.bufsize);
    if (opts_.x.count("aggsize")) parseSize(opts_.x["aggsize"], co.aggsize);
    CompiledProgram prog;
    try {
        prog = codegen::generate(inputs, sr, reg_, co);
    } catch (const CompileError& e) {
        if (units.empty()) throw Error(e.what());
        compileFail(units.back(), e);
    }
    if (opts_.showBpf) {
        for (const auto& p : prog.programs) {
            fprintf(stderr, "%s: %zu instructions, %zu probes\n", p.name.c_str(), p.insns.size(),
                    p.probes.size());
            std::string text = bpf::disassemble(
                p.insns, [&](int m) { return prog.maps.at(m).name; },
                [&](size_t pc) { return pc < p.labels.size() ? p.labels[pc] : std::string(); });
            fputs(text.c_str(), stderr);
        }
    }
    if (opts_.compileOnly) return 0;
    if (inputs.empty()) {
        // Nothing to enable (an empty -n, a script of declarations only).
        fprintf(stderr, "dtrace: no probes specified\n");
        return 1;
    }
    return trace(prog, units);
}

int Dtrace::trace(CompiledProgram& prog, const std::vector<Unit>& units) {
    FILE* out = stdout;
    if (!opts_.outFile.empty()) {
        out = fopen(opts_.outFile.c_str(), "a");
        if (!out) {
            fprintf(stderr, "dtrace: failed to open output file '%s': %s\n", opts_.outFile.c_str(),
                    strerror(errno));
            return 1;
        }
    }
    Session session(prog, reg_);
    session.load();
    size_t mapLen = (prog.globalsSize + 4095) / 4096 * 4096;
    void* gm =
        mmap(nullptr, mapLen, PROT_READ | PROT_WRITE, MAP_SHARED, session.mapFd(kMapGlobals), 0);
    if (gm == MAP_FAILED) throw Error(format("failed to map globals: {}", strerror(errno)));
    auto* globals = static_cast<uint8_t*>(gm);
    memcpy(globals, prog.globalsInit.data(), prog.globalsInit.size());
    wallOffsetInit(globals);
    auto* state = reinterpret_cast<volatile uint32_t*>(globals + GlobalsLayout::kState);

    output::RecordPrinter printer(prog, reg_, out, {opts_.quiet});
    output::Aggregations aggs(prog, session, aggSortOptionsFrom(opts_.x));
    printer.setAggregations(&aggs);
    struct RbCtx {
        output::RecordPrinter* printer;
    } rbctx{&printer};
    ring_buffer* rb = ring_buffer__new(
        session.mapFd(kMapRingbuf),
        [](void* ctx, void* data, size_t size) -> int {
            static_cast<RbCtx*>(ctx)->printer->print(static_cast<const uint8_t*>(data), size);
            return 0;
        },
        &rbctx, nullptr);
    if (!rb) throw Error("failed to set up the ring buffer");

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGPIPE, &sa, nullptr);

    session.attach();
    // As DTrace: the matched line once the probes are enabled.
    if (!opts_.quiet) {
        for (const auto& u : units) {
            size_t n = u.probes.size();
            if (u.src.kind == Source::Kind::Script)
                fprintf(stderr, "dtrace: script '%s' matched %zu probe%s\n", u.src.text.c_str(), n,
                        n == 1 ? "" : "s");
            else
                fprintf(stderr, "dtrace: description '%s' matched %zu probe%s\n",
                        u.src.text.c_str(), n, n == 1 ? "" : "s");
        }
    }
    session.runBegin();
    // BEGIN has run; start tracing unless it called exit().
    __sync_val_compare_and_swap(state, kStateInactive, kStateActive);
    for (auto& c : children_) {
        if (write(c.releaseFd, "g", 1) != 1) {
        }
        close(c.releaseFd);
    }

    std::vector<uint64_t> lastDrops(session.ncpus(), 0), lastAggDrops(session.ncpus(), 0);
    uint64_t lastDyn = 0;
    auto reportDrops = [&]() {
        uint64_t dyn = 0;
        for (uint64_t v : session.perCpuCounter(kMapDrops, DropsLayout::kDynvar))
            dyn += v;
        if (dyn > lastDyn) {
            fflush(out);
            uint64_t n = dyn - lastDyn;
            fprintf(stderr, "dtrace: %llu dynamic variable drop%s\n",
                    static_cast<unsigned long long>(n), n == 1 ? "" : "s");
            lastDyn = dyn;
        }
        auto ad = session.perCpuCounter(kMapDrops, DropsLayout::kAggregation);
        for (size_t c = 0; c < ad.size(); c++) {
            if (ad[c] > lastAggDrops[c]) {
                fflush(out);
                uint64_t n = ad[c] - lastAggDrops[c];
                fprintf(stderr, "dtrace: %s%llu aggregation drop%s on CPU %zu\n",
                        opts_.x.count("droptags") ? "[DTRACEDROP_AGGREGATION] " : "",
                        static_cast<unsigned long long>(n), n == 1 ? "" : "s", c);
                lastAggDrops[c] = ad[c];
            }
        }
        auto d = session.perCpuCounter(kMapDrops, DropsLayout::kBuffer);
        for (size_t c = 0; c < d.size(); c++) {
            if (d[c] > lastDrops[c]) {
                fflush(out);
                uint64_t n = d[c] - lastDrops[c];
                fprintf(stderr, "dtrace: %llu drop%s on CPU %zu\n",
                        static_cast<unsigned long long>(n), n == 1 ? "" : "s", c);
                lastDrops[c] = d[c];
            }
        }
    };
    timespec lastStatus;
    clock_gettime(CLOCK_MONOTONIC, &lastStatus);
    bool liveTargets = !children_.empty() || !opts_.pids.empty();
    std::vector<bool> pidGone(opts_.pids.size(), false);
    while (!gStop && !printer.exited()) {
        ring_buffer__poll(rb, 10);
        ring_buffer__consume(rb);
        fflush(out);
        if (liveTargets) {
            bool any = false;
            for (auto& c : children_) {
                if (c.exited) continue;
                int st;
                if (waitpid(c.pid, &st, WNOHANG) == c.pid) {
                    c.exited = true;
                    if (!opts_.quiet) fprintf(stderr, "dtrace: pid %d has exited\n", c.pid);
                } else {
                    any = true;
                }
            }
            for (size_t i = 0; i < opts_.pids.size(); i++) {
                if (pidGone[i]) continue;
                if (kill(opts_.pids[i], 0) != 0 && errno == ESRCH) {
                    pidGone[i] = true;
                    if (!opts_.quiet) fprintf(stderr, "dtrace: pid %d has exited\n", opts_.pids[i]);
                } else {
                    any = true;
                }
            }
            if (!any) break;
        }
        timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - lastStatus.tv_sec >= 1) {
            reportDrops();
            lastStatus = now;
        }
    }
    // Stop: no more firings, detach, then END.
    *state = kStateDraining;
    session.detach();
    ring_buffer__consume(rb);
    if (prog.hasEnd) {
        session.runEnd();
        ring_buffer__consume(rb);
    }
    reportDrops();
    fputc('\n', out);
    if (!prog.aggs.empty()) {
        fflush(out); // END's output first, while the snapshot is read
        std::string text = aggs.printUnprinted();
        fwrite(text.data(), 1, text.size(), out);
    }
    fflush(out);
    ring_buffer__free(rb);
    munmap(gm, mapLen);
    for (auto& c : children_)
        if (!c.exited) {
            kill(c.pid, SIGKILL);
            waitpid(c.pid, nullptr, 0);
        }
    if (out != stdout) fclose(out);
    return printer.exited() ? printer.exitStatus() : 0;
}

} // namespace
} // namespace dt::cli

int main(int argc, char** argv) {
    dt::cli::Options opts;
    int rc = dt::cli::parseOptions(argc, argv, opts);
    if (rc == -1) return 0;
    if (rc != 0) return rc;
    libbpf_set_print(nullptr);
    try {
        dt::cli::Dtrace d(opts);
        return d.run();
    } catch (int status) {
        return status;
    } catch (const dt::Error& e) {
        fprintf(stderr, "dtrace: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        fprintf(stderr, "dtrace: internal error: %s\n", e.what());
        return 1;
    }
}
