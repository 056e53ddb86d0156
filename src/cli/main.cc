// dtrace(1): compile D programs to BPF, run them, print what they record.
#include <bpf/libbpf.h>
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

#include "ast/walk.h"
#include "bpf/disasm.h"
#include "cli/cpp.h"
#include "cli/options.h"
#include "cli/usdt_header.h"
#include "codegen/codegen.h"
#include "elf/symbolizer.h"
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
    size_t enablings = 0;            // (clause, probe) pairs: what "matched N probes" counts
    std::vector<bool> argReferenced; // macro arguments the unit used
    // Stability (dtrace -v, -x amin): the minimum over the unit's clauses.
    Attribute descAttr{Stability::Standard, Stability::Standard, DepClass::Common};
    Attribute stmtAttr{Stability::Standard, Stability::Standard, DepClass::Common};
};

// Processes created by -c, held stopped (under ptrace) at their entry
// point until tracing starts: the executable and the libraries it needs are
// mapped by then, so pid and usdt probes can be placed in them.
struct Child {
    pid_t pid = -1;
    bool stopped = false; // still held under ptrace
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

// Runs a process stopped after exec (under ptrace) to its ELF entry point:
// a breakpoint there, continue, then restore the instruction.  False if the
// process died on the way.
bool runToEntry(pid_t pid) {
    bool ok = false;
    std::string auxv = readFile(format("/proc/{}/auxv", pid), &ok);
    uint64_t entry = 0;
    for (size_t i = 0; ok && i + 16 <= auxv.size(); i += 16) {
        uint64_t type, val;
        memcpy(&type, auxv.data() + i, 8);
        memcpy(&val, auxv.data() + i + 8, 8);
        if (type == AT_ENTRY) entry = val;
    }
    if (entry == 0) return true; // nothing better to do: hold it at exec
    errno = 0;
    long word = ptrace(PTRACE_PEEKTEXT, pid, reinterpret_cast<void*>(entry), nullptr);
    if (errno != 0) return true;
    long trap = (word & ~0xffL) | 0xcc;
    if (ptrace(PTRACE_POKETEXT, pid, reinterpret_cast<void*>(entry),
               reinterpret_cast<void*>(trap)) != 0)
        return true;
    int sig = 0;
    for (;;) {
        if (ptrace(PTRACE_CONT, pid, nullptr, reinterpret_cast<void*>(static_cast<long>(sig))) != 0)
            return false;
        int st = 0;
        if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st)) return false;
        sig = WSTOPSIG(st);
        if (sig != SIGTRAP) continue; // deliver other signals as they come
        user_regs_struct regs;
        if (ptrace(PTRACE_GETREGS, pid, nullptr, &regs) != 0) return false;
        if (regs.rip != entry + 1) {
            sig = 0;
            continue;
        }
        ptrace(PTRACE_POKETEXT, pid, reinterpret_cast<void*>(entry), reinterpret_cast<void*>(word));
        regs.rip = entry;
        ptrace(PTRACE_SETREGS, pid, nullptr, &regs);
        return true;
    }
}

Child spawn(const std::string& cmd) {
    std::vector<std::string> words = split(trim(cmd), ' ');
    std::vector<std::string> argvS;
    for (auto& w : words)
        if (!w.empty()) argvS.push_back(w);
    if (argvS.empty() || !findProgram(argvS[0]))
        throw Error(format("failed to execute {}: {}", argvS.empty() ? cmd : argvS[0],
                           strerror(argvS.empty() ? EINVAL : ENOENT)));
    pid_t pid = fork();
    if (pid < 0) throw Error(format("failed to fork: {}", strerror(errno)));
    if (pid == 0) {
        if (ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0) _exit(127);
        std::vector<char*> av;
        for (auto& w : argvS)
            av.push_back(w.data());
        av.push_back(nullptr);
        execvp(av[0], av.data());
        fprintf(stderr, "dtrace: failed to execute %s: %s\n", av[0], strerror(errno));
        _exit(127);
    }
    Child ch;
    ch.pid = pid;
    ch.stopped = true;
    int st = 0;
    if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st)) {
        ch.stopped = false;
        ch.exited = true;
        return ch;
    }
    // Stopped after exec: a dtrace that dies takes the process with it
    // (it never ran), then run it to its entry point.
    ptrace(PTRACE_SETOPTIONS, pid, nullptr, reinterpret_cast<void*>(PTRACE_O_EXITKILL));
    if (!runToEntry(pid)) {
        waitpid(pid, nullptr, WNOHANG);
        ch.stopped = false;
        ch.exited = true;
    }
    return ch;
}

// Lets a -c process go.
void release(Child& c) {
    if (!c.stopped) return;
    ptrace(PTRACE_DETACH, c.pid, nullptr, nullptr);
    c.stopped = false;
}

// A size as DTrace writes it: in the largest unit that divides it.
std::string sizeText(uint64_t v) {
    int unit = -1;
    while (v && v % 1024 == 0 && unit < 3) {
        v /= 1024;
        unit++;
    }
    return std::to_string(v) + (unit >= 0 ? std::string(1, "kmgt"[unit]) : std::string());
}

std::string descDisplay(const ast::ProbeDesc& d) {
    return d.provider + ":" + d.module + ":" + d.function + ":" + d.name;
}

// Whether a clause reads its probe's arguments (args[], arg0..arg9).
bool usesArguments(const ast::Clause& clause) {
    bool uses = false;
    auto check = [&](const ast::Expr& e) {
        if (e.kind != ast::ExprKind::Ident) return;
        const std::string& n = ast::as<ast::Ident>(e).name;
        uses |= n == "args" || (n.size() == 4 && startsWith(n, "arg") && isdigit(n[3]));
    };
    if (clause.predicate) ast::walk(*clause.predicate, check);
    for (const auto& st : clause.body)
        ast::walk(*st, check);
    return uses;
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
    void applyStrsize();
    [[noreturn]] void compileFail(const Unit& u, const CompileError& e);
    void printMatched(const std::vector<Unit>& units);
    int trace(CompiledProgram& prog, const std::vector<Unit>& units);
    int generateBuildFiles(std::vector<Unit>& units);
    int list();
    void printProbeInfo(const Probe& p);

    void openLibrary();
    void clauseStability(Unit& u, const ast::Clause& clause,
                         const std::vector<const Probe*>& probes, const sema::Checker& checker,
                         bool statements);
    void printStability(const std::vector<Unit>& units);

    Options& opts_;
    sema::Library library_;
    ProbeRegistry reg_;
    TypeTable types_;
    std::vector<Child> children_;
};

// A probe description's attributes: its provider's, lowered by those of
// each field it names.
static Attribute descriptionAttribute(const ProviderAttributes& pa, const std::string& module,
                                      const std::string& function, const std::string& name) {
    Attribute a = pa.provider;
    if (!module.empty()) a = minAttribute(a, pa.module);
    if (!function.empty()) a = minAttribute(a, pa.function);
    if (!name.empty()) a = minAttribute(a, pa.name);
    return a;
}

// One section of -v's attribute listings (-lv and the stability report).
static void printAttributes(const char* title, const Attribute& a) {
    printf("\n\t%s\n", title);
    printf("\t\tIdentifier Names: %s\n", stabilityName(a.name));
    printf("\t\tData Semantics:   %s\n", stabilityName(a.data));
    printf("\t\tDependency Class: %s\n", depClassName(a.cls));
}

// DTrace's stability computation for a clause: its descriptions'
// attributes (from the providers they name; a description without a
// provider is Unstable), and its statements' (the built-in variables,
// functions, inlines and args[] it uses).  -x amin refuses a clause below
// the minimum.
void Dtrace::clauseStability(Unit& u, const ast::Clause& clause,
                             const std::vector<const Probe*>& probes, const sema::Checker& checker,
                             bool statements) {
    Attribute desc{Stability::Standard, Stability::Standard, DepClass::Common};
    for (const auto& d : clause.descs) {
        const Probe* p = nullptr;
        for (const Probe* q : probes)
            if (q->provider == d.provider) p = q;
        if (d.provider.empty() || hasGlob(d.provider) || !p) {
            desc = minAttribute(desc, {Stability::Unstable, Stability::Unstable, DepClass::Common});
            continue;
        }
        desc = minAttribute(
            desc, descriptionAttribute(reg_.attributes(*p), d.module, d.function, d.name));
    }
    Attribute stmt{Stability::Standard, Stability::Standard, DepClass::Common};
    // An inline with declared attributes (curpsinfo) counts as those, not
    // as what its value uses.
    std::set<const ast::Expr*> declared;
    auto visit = [&](const ast::Expr& e) {
        if (declared.count(&e)) return;
        if (e.kind == ast::ExprKind::Call) {
            stmt = minAttribute(stmt, sema::identifierAttribute(ast::as<ast::Call>(e).func));
        } else if (e.kind == ast::ExprKind::Ident) {
            const auto& id = ast::as<ast::Ident>(e);
            if (id.ref == ast::Ident::Ref::Builtin) {
                if (id.name == "args")
                    for (const Probe* p : probes)
                        stmt = minAttribute(stmt, reg_.attributes(*p).args);
                else
                    stmt = minAttribute(stmt, sema::identifierAttribute(id.name));
            } else if (auto a = checker.declaredAttribute(id.name)) {
                stmt = minAttribute(stmt, *a);
                if (id.inlineValue)
                    ast::walk(*id.inlineValue, [&](const ast::Expr& x) { declared.insert(&x); });
            }
        }
    };
    if (statements) {
        if (clause.predicate) ast::walk(*clause.predicate, visit);
        for (const auto& st : clause.body)
            ast::walk(*st, visit);
        u.descAttr = minAttribute(u.descAttr, desc);
        u.stmtAttr = minAttribute(u.stmtAttr, stmt);
    }
    if (opts_.x.count("amin")) {
        Attribute min;
        if (!parseAttribute(opts_.x["amin"], min))
            fail(Tag::D_ATTR_MIN, clause.loc, "invalid attributes for -x amin: {}",
                 opts_.x["amin"]);
        Attribute a = minAttribute(desc, stmt);
        if (a.name < min.name || a.data < min.data || a.cls < min.cls)
            fail(Tag::D_ATTR_MIN, clause.end.line ? clause.end : clause.loc,
                 "attributes for clause ({}) are less than predefined minimum", attributeText(a));
    }
}

// dtrace -v: each unit's minimum attributes, as DTrace reports them.
void Dtrace::printStability(const std::vector<Unit>& units) {
    if (!opts_.verbose) return;
    for (const auto& u : units) {
        bool script = u.src.kind == Source::Kind::Script;
        printf("\nStability attributes for %s %s:\n", script ? "script" : "description",
               u.src.text.c_str());
        printAttributes("Minimum Probe Description Attributes", u.descAttr);
        printAttributes("Minimum Statement Attributes", u.stmtAttr);
        printf("\n");
    }
    fflush(stdout);
}

// The D library: -L directories, then -x syslibdir or the one installed
// with this binary.
void Dtrace::openLibrary() {
    std::vector<std::string> dirs = opts_.libDirs;
    if (opts_.x.count("syslibdir")) {
        dirs.push_back(opts_.x["syslibdir"]);
    } else {
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = 0;
            for (auto& d : sema::Library::defaultDirs(exe))
                dirs.push_back(d);
        }
    }
    library_.open(dirs);
}

void Dtrace::printMatched(const std::vector<Unit>& units) {
    if (opts_.quiet) return;
    for (const auto& u : units) {
        size_t n = u.enablings;
        if (u.src.kind == Source::Kind::Script)
            fprintf(stderr, "dtrace: script '%s' matched %zu probe%s\n", u.src.text.c_str(), n,
                    n == 1 ? "" : "s");
        else
            fprintf(stderr, "dtrace: description '%s' matched %zu probe%s\n", u.src.text.c_str(), n,
                    n == 1 ? "" : "s");
    }
}

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
            // Options that shape how dtrace reads programs are set before
            // it reads one.
            static const std::set<std::string> outside = {
                "cpp",      "cpppath",  "ctfpath", "define", "evaltime",  "incdir", "ldpath",
                "linkmode", "linktype", "modpath", "stdc",   "syslibdir", "undef",  "nolibs",
            };
            if (outside.count(name))
                fail(Tag::D_PRAGMA_OPTSET, p.loc, "failed to set option '{}'{}: {}", name,
                     val.empty() ? "" : " to '" + val + "'",
                     "Option cannot be used from within a D program");
            std::string err = setOption(opts_, name, val);
            if (err.empty() && name == "strsize") applyStrsize();
            if (!err.empty())
                fail(Tag::D_PRAGMA_OPTSET, p.loc, "failed to set option '{}'{}: {}", name,
                     val.empty() ? "" : " to '" + val + "'",
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
        po.declared = [&checker](ast::TopLevel& item) { checker.check(item); };
        po.isTypeName = [&checker](std::string_view n) { return checker.isTypeName(n); };
        po.isKernelTypeName = [&checker](std::string_view n) {
            return checker.isKernelTypeName(n);
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
        u.argReferenced = std::move(res.argReferenced);
        if (u.program->items.empty() && u.src.kind == Source::Kind::Script &&
            !opts_.x.count("empty")) {
            Loc eof;
            eof.line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
            fail(Tag::D_EMPTY, eof, "empty D program translation unit");
        }
        for (auto& item : u.program->items) {
            if (item->kind == ast::TopKind::Pragma) {
                applyPragma(ast::as<ast::Pragma>(*item));
                checker.check(*item); // #pragma D attributes
                continue;
            }
            if (item->kind != ast::TopKind::Clause) continue; // checked while parsing
            auto& clause = ast::as<ast::Clause>(*item);
            codegen::ClauseInput in;
            in.clause = &clause;
            for (const auto& d : clause.descs) {
                std::vector<const Probe*> matched;
                if (d.id != 0) {
                    if (const Probe* p = reg_.byId(d.id)) matched.push_back(p);
                } else {
                    try {
                        matched = reg_.match(d.provider, d.module, d.function, d.name);
                    } catch (const CompileError& e) {
                        if (e.loc().line != 0) throw;
                        throw CompileError(e.tag(), d.loc, e.what());
                    }
                }
                if (matched.empty() && !opts_.zdefs)
                    fail(Tag::D_PDESC_ZERO, d.loc, "probe description {} does not match any probes",
                         d.id != 0 ? d.text : descDisplay(d));
                for (const Probe* p : matched) {
                    in.probes.push_back(p->id);
                    u.probes.insert(p->id);
                }
            }
            // The probes' argument types (read now, for the probes a
            // clause reads arguments of: format files are not free), then
            // what args[] is in the clause.
            std::vector<const Probe*> probes;
            bool readsArgs = usesArguments(clause);
            for (uint32_t id : std::set<uint32_t>(in.probes.begin(), in.probes.end())) {
                if (readsArgs || reg_.byId(id)->derived) reg_.describe(id);
                probes.push_back(reg_.byId(id));
            }
            std::string desc = clause.descs.empty() ? std::string() : descDisplay(clause.descs[0]);
            // As DTrace: the descriptions' stability is checked against
            // -x amin before the statements are looked at.
            clauseStability(u, clause, probes, checker, false);
            checker.checkClause(clause, sema::clauseArgs(probes, desc));
            clauseStability(u, clause, probes, checker, true);
            u.enablings += in.probes.size(); // one enabling per description and probe
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

// -lv: a probe's stability attributes and argument types, as DTrace prints
// them.  The description attributes are the minimum over the provider's
// attributes for the probe's non-empty fields.
void Dtrace::printProbeInfo(const Probe& p) {
    reg_.describe(p.id);
    ProviderAttributes pa = reg_.attributes(p);
    Attribute desc = descriptionAttribute(pa, p.module, p.function, p.name);
    printAttributes("Probe Description Attributes", desc);
    printAttributes("Argument Attributes", pa.args);
    printf("\n\tArgument Types\n");
    const Probe& described = *reg_.byId(p.id);
    for (size_t i = 0; i < described.argTypes.size(); i++)
        printf("\t\targs[%zu]: %s\n", i, described.argTypes[i].shown().c_str());
    if (described.argTypes.empty()) printf("\t\tNone\n");
    printf("\n");
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
            // $target in a listed description names the -c/-p process.
            for (size_t at; (at = t.find("$target")) != std::string::npos;)
                t.replace(at, 7,
                          !children_.empty()    ? std::to_string(children_[0].pid)
                          : !opts_.pids.empty() ? std::to_string(opts_.pids[0])
                                                : std::string("0"));
            // The description ends at '{' or at a predicate's '/' after its
            // last field (module paths have '/' too).
            size_t cut = t.find('{'), lastField = 0;
            for (int i = 0, at = 0; i < 3 && (at = static_cast<int>(t.find(':', lastField))) >= 0 &&
                                    static_cast<size_t>(at) < cut;
                 i++)
                lastField = static_cast<size_t>(at) + 1;
            cut = std::min(cut, t.find('/', lastField));
            d = splitDesc(trim(t.substr(0, cut)));
            break;
        }
        case Source::Kind::Script:
            continue;
        }
        std::vector<const Probe*> m;
        try {
            m = reg_.match(d.provider, d.module, d.function, d.name);
        } catch (const CompileError& e) {
            fprintf(stderr, "dtrace: invalid probe specifier %s: %s\n", s.text.c_str(),
                    e.render(opts_.errtags).c_str());
            return 1;
        }
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
    for (const Probe* p : probes) {
        printf("%5u %10s %17s %33s %s\n", p->id, p->provider.c_str(), p->module.c_str(),
               p->function.c_str(), p->name.c_str());
        if (opts_.verbose) printProbeInfo(*p);
    }
    return 0;
}

// sizeof (string) follows -x strsize (as the code generator's strings do,
// up to its most).
void Dtrace::applyStrsize() {
    uint64_t v = 256;
    if (opts_.x.count("strsize")) parseSize(opts_.x["strsize"], v);
    types_.setStringSize(std::clamp<uint64_t>(v, 1, codegen::kMaxStrsize));
}

int Dtrace::run() {
    applyStrsize();
    for (const auto& c : opts_.commands)
        children_.push_back(spawn(c));
    if (opts_.list) return list();
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
            if (opts_.cpp) {
                auto text = preprocess(blankInterpreterLine(u.text), opts_.cppArgs);
                if (!text) {
                    fprintf(stderr,
                            "dtrace: failed to compile script %s: Preprocessor failed to process "
                            "input program\n",
                            s.text.c_str());
                    return 1;
                }
                u.text = std::move(*text);
            }
        } else {
            u.text = s.text;
        }
        units.push_back(std::move(u));
    }
    if (opts_.genHeader || opts_.genObject) return generateBuildFiles(units);
    sema::Checker checker(types_, GlobalsLayout::kUser);
    openLibrary();
    checker.setLibrary(&library_);
    if (opts_.x.count("tregs"))
        checker.setTupleRegisters(
            static_cast<uint32_t>(strtoul(opts_.x["tregs"].c_str(), nullptr, 0)));
    std::vector<codegen::ClauseInput> inputs;
    for (auto& u : units)
        compileUnit(u, inputs, checker);
    // As DTrace: a macro argument that no program references is an error
    // (unless -x argref).
    if (!units.empty() && !opts_.x.count("argref")) {
        for (size_t i = 0; i < opts_.args.size(); i++) {
            bool used = false;
            for (const auto& u : units)
                used |= i + 1 < u.argReferenced.size() && u.argReferenced[i + 1];
            if (!used) {
                CompileError e(Tag::D_MACRO_UNUSED, Loc{},
                               format("extraneous argument '{}' (${} is not referenced)",
                                      opts_.args[i], i + 1));
                compileFail(units.back(), e);
            }
        }
    }
    sema::SemaResult sr = checker.finish();
    for (auto [name, field] :
         {std::pair{"stackframes", &sr.stackFrames}, std::pair{"ustackframes", &sr.ustackFrames},
          std::pair{"maxframes", &sr.maxFrames}})
        if (opts_.x.count(name)) {
            uint64_t v = 0;
            if (!parseSize(opts_.x[name], v) || v == 0) {
                fprintf(stderr, "dtrace: failed to set -x %s: Invalid value for specified option\n",
                        name);
                return 1;
            }
            *field = static_cast<uint32_t>(std::min<uint64_t>(v, kMaxStackFrames));
        }
    codegen::Options co;
    if (opts_.x.count("bufsize")) parseSize(opts_.x["bufsize"], co.bufsize);
    if (opts_.x.count("nspec")) co.nspec = static_cast<uint32_t>(std::stoul(opts_.x["nspec"]));
    if (opts_.x.count("strsize")) {
        uint64_t v = 256;
        parseSize(opts_.x["strsize"], v);
        co.strsize = static_cast<uint32_t>(std::min<uint64_t>(v, UINT32_MAX));
    }
    if (opts_.x.count("scratchsize")) {
        uint64_t v = 0;
        parseSize(opts_.x["scratchsize"], v);
        co.scratchsize = static_cast<uint32_t>(std::min<uint64_t>(v, DctxLayout::kAllocaSize));
    }
    if (opts_.x.count("aggsize")) parseSize(opts_.x["aggsize"], co.aggsize);
    co.zeroStrings = opts_.x.count("rawbytes") > 0;
    if (opts_.x.count("bufpolicy")) {
        const std::string& p = opts_.x["bufpolicy"];
        co.bufpolicy = p == "fill"   ? BufPolicy::Fill
                       : p == "ring" ? BufPolicy::Ring
                                     : BufPolicy::Switch;
    }
    co.bufresizeManual = opts_.x.count("bufresize") && opts_.x["bufresize"] == "manual";
    if (opts_.x.count("dynvarsize")) parseSize(opts_.x["dynvarsize"], co.dynvarsize);
    // For benchmarks only: where the raw_syscalls path starts.
    if (const char* v = getenv("DT_RAW_SYSCALL_MIN")) co.rawSyscallMin = strtoul(v, nullptr, 10);
    if (opts_.x.count("cpu")) {
        // -x cpu: only this CPU's firings are traced.
        const std::string& v = opts_.x["cpu"];
        char* end = nullptr;
        long cpu = strtol(v.c_str(), &end, 10);
        if (v.empty() || *end || cpu < 0 || cpu >= sysconf(_SC_NPROCESSORS_CONF)) {
            fprintf(stderr, "dtrace: failed to set -x cpu: Invalid value for specified option\n");
            return 1;
        }
        co.cpu = static_cast<int>(cpu);
    }
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
    if (opts_.compileOnly) {
        printStability(units);
        return 0;
    }
    if (prog.destructive && !opts_.destructive) {
        printMatched(units);
        fprintf(stderr, "dtrace: could not enable tracing: Destructive actions not allowed\n");
        return 1;
    }
    if (inputs.empty()) {
        // Nothing to enable (an empty -n, a script of declarations only).
        printMatched(units);
        fprintf(stderr, "dtrace: no probes matched\n");
        return 1;
    }
    return trace(prog, units);
}

// -h and -G: the header of probe macros and the object a build links in,
// named after the first script unless -o names them.
int Dtrace::generateBuildFiles(std::vector<Unit>& units) {
    std::vector<const ast::ProviderDef*> providers;
    std::string script;
    for (Unit& u : units) {
        if (u.src.kind != Source::Kind::Script) continue;
        if (script.empty()) script = u.src.text;
        try {
            parse::ParseOptions po;
            po.macroArgs.push_back(u.src.text);
            po.fromFile = true;
            po.isTypeName = [this](std::string_view n) {
                return types_.lookup(std::string(n)) != nullptr;
            };
            u.program = parse::parseProgram(u.text, po).program;
        } catch (const CompileError& e) {
            compileFail(u, e);
        }
        for (auto& item : u.program->items)
            if (item->kind == ast::TopKind::Provider)
                providers.push_back(&ast::as<ast::ProviderDef>(*item));
    }
    if (script.empty()) {
        fprintf(stderr, "dtrace: -%c requires a script (-s)\n", opts_.genHeader ? 'h' : 'G');
        return 1;
    }
    std::string base = script;
    if (endsWith(base, ".d")) base.resize(base.size() - 2);
    std::string path =
        !opts_.outFile.empty() ? opts_.outFile : base + (opts_.genHeader ? ".h" : ".o");
    if (opts_.genObject) {
        if (!writeEmptyObject(path)) {
            fprintf(stderr, "dtrace: failed to write %s: %s\n", path.c_str(), strerror(errno));
            return 1;
        }
        return 0;
    }
    std::string guard = "_";
    for (char c : elf::baseName(path))
        guard += isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(toupper(c)) : '_';
    std::string text = providerHeader(providers, guard);
    FILE* f = fopen(path.c_str(), "w");
    if (!f || fwrite(text.data(), 1, text.size(), f) != text.size()) {
        fprintf(stderr, "dtrace: failed to write %s: %s\n", path.c_str(), strerror(errno));
        if (f) fclose(f);
        return 1;
    }
    fclose(f);
    return 0;
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

    // The principal buffer's accounting: under fill, END's records have
    // their room kept.
    if (prog.bufState >= 0) {
        uint64_t size = session.bufsize();
        uint64_t limit = prog.bufPolicy == BufPolicy::Fill && prog.endReserve < size
                             ? size - prog.endReserve
                             : size;
        memcpy(globals + prog.bufState + BufferLayout::kLimit, &limit, 8);
        memcpy(globals + prog.bufState + BufferLayout::kEndLimit, &size, 8);
    }
    output::PrintOptions po{opts_.quiet};
    po.rawBytes = opts_.x.count("rawbytes") > 0;
    po.flowIndent = opts_.x.count("flowindent") > 0;
    if (opts_.x.count("printsize")) parseSize(opts_.x["printsize"], po.printSize);
    po.bufsize = session.bufsize();
    if (opts_.x.count("specsize")) parseSize(opts_.x["specsize"], po.specsize);
    uint64_t statusNs = 0;
    if (opts_.x.count("switchrate")) parseTimeValue(opts_.x["switchrate"], po.switchNs);
    if (opts_.x.count("statusrate")) parseTimeValue(opts_.x["statusrate"], statusNs);
    output::RecordPrinter printer(prog, reg_, out, po);
    printer.setGlobals(globals);
    output::Aggregations aggs(prog, session, aggSortOptionsFrom(opts_.x));
    printer.setAggregations(&aggs);
    if (auto it = opts_.x.find("aggpercpu"); it != opts_.x.end())
        aggs.setPerCpu(it->second != "false" && it->second != "0");
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
    printMatched(units);
    printStability(units);
    if (session.bufsize() < prog.bufsize)
        fprintf(stderr, "dtrace: buffer size lowered to %s\n", sizeText(session.bufsize()).c_str());
    if (!opts_.quiet && opts_.destructive)
        fprintf(stderr, "dtrace: allowing destructive actions\n");
    // User stacks and symbols of the traced processes are printed after
    // they may have exited: read their mappings while they live.
    for (const auto& c : children_)
        if (!c.exited) elf::Symbolizer::instance().remember(c.pid);
    for (int p : opts_.pids)
        elf::Symbolizer::instance().remember(p);
    session.runBegin();
    // BEGIN has run; start tracing unless it called exit().
    __sync_val_compare_and_swap(state, kStateInactive, kStateActive);
    for (auto& c : children_)
        release(c);

    // Drop counters: new drops since the last report, as DTrace words them;
    // with -x droptags each report starts with its DTRACEDROP_ tag.
    bool droptags = opts_.x.count("droptags") > 0;
    auto report = [&](const char* tag, uint64_t n, const std::string& what,
                      const std::string& where) {
        fflush(printer.out());
        fprintf(stderr, "dtrace: %s%llu %s%s%s\n",
                droptags ? (std::string("[DTRACEDROP_") + tag + "] ").c_str() : "",
                static_cast<unsigned long long>(n), what.c_str(), n == 1 ? "" : "s", where.c_str());
    };
    // Summed over CPUs, and per CPU.
    auto total = [&](int offset, uint64_t& last, const char* tag, const char* what,
                     const char* where) {
        uint64_t sum = 0;
        for (uint64_t v : session.perCpuCounter(kMapDrops, offset))
            sum += v;
        if (sum > last) report(tag, sum - last, what, where);
        last = std::max(last, sum);
    };
    auto perCpu = [&](int offset, std::vector<uint64_t>& last, const char* tag, const char* what) {
        auto v = session.perCpuCounter(kMapDrops, offset);
        for (size_t c = 0; c < v.size() && c < last.size(); c++) {
            if (v[c] > last[c]) report(tag, v[c] - last[c], what, format(" on CPU {}", c));
            last[c] = std::max(last[c], v[c]);
        }
    };
    std::vector<uint64_t> lastDrops(session.ncpus(), 0), lastAggDrops(session.ncpus(), 0);
    uint64_t lastDyn = 0, lastUnavail = 0, lastBusy = 0, lastSpec = 0;
    auto reportDrops = [&]() {
        total(DropsLayout::kDynvar, lastDyn, "DYNAMIC", "dynamic variable drop", "");
        if (printer.specDrops() > lastSpec)
            report("SPEC", printer.specDrops() - lastSpec, "speculative drop", "");
        lastSpec = printer.specDrops();
        total(DropsLayout::kSpecBusy, lastBusy, "SPECBUSY", "failed speculation",
              " (available buffer(s) still busy)");
        total(DropsLayout::kSpecUnavail, lastUnavail, "SPECUNAVAIL", "failed speculation",
              " (no speculative buffer available)");
        perCpu(DropsLayout::kAggregation, lastAggDrops, "AGGREGATION", "aggregation drop");
        perCpu(DropsLayout::kBuffer, lastDrops, "PRINCIPAL", "drop");
    };
    // Whether a CPU's buffer has filled (fill policy): tracing then stops
    // as if exit() had been called.
    auto bufferFilled = [&]() {
        if (prog.bufPolicy != BufPolicy::Fill || prog.bufState < 0) return false;
        for (int c = 0; c < session.ncpus(); c++) {
            uint64_t v;
            memcpy(&v,
                   globals + prog.bufState + BufferLayout::kCpuBlocks +
                       BufferLayout::kCpuBlockSize * c + BufferLayout::kFilled,
                   8);
            if (v) return true;
        }
        return false;
    };
    // The consumer's clock: it reads the buffer at each switch (-x
    // switchrate; unset, as data comes, at most 10 ms late), looks at the
    // status at each status tick (-x statusrate; unset, at every wakeup:
    // exit() is seen at once) and reports drops once a second.
    auto nowNs = []() {
        timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return static_cast<uint64_t>(t.tv_sec) * 1000000000ull + static_cast<uint64_t>(t.tv_nsec);
    };
    constexpr uint64_t kTickNs = 10000000;
    uint64_t start = nowNs(), lastSwitch = start, lastStatus = start, lastDropReport = start;
    bool liveTargets = !children_.empty() || !opts_.pids.empty();
    std::vector<bool> pidGone(opts_.pids.size(), false);
    auto stopRequested = [&]() {
        return printer.exited() || bufferFilled() ||
               (prog.bufPolicy == BufPolicy::Ring && *state == kStateDraining) ||
               !printer.fatal().empty();
    };
    while (!gStop) {
        uint64_t now = nowNs();
        uint64_t switchNs = printer.options().switchNs;
        uint64_t wait = kTickNs;
        if (switchNs)
            wait = std::min(wait, lastSwitch + switchNs > now ? lastSwitch + switchNs - now : 0);
        if (statusNs)
            wait = std::min(wait, lastStatus + statusNs > now ? lastStatus + statusNs - now : 0);
        // exit()'s record wakes the poll at once; other records wait for
        // the next switch.
        int woken = ring_buffer__poll(rb, static_cast<int>((wait + 999999) / 1000000));
        now = nowNs();
        if (!switchNs || now >= lastSwitch + switchNs || woken > 0) {
            ring_buffer__consume(rb);
            printer.endOfBatch();
            fflush(printer.out());
            if (switchNs && now >= lastSwitch + switchNs) lastSwitch = now;
        }
        bool statusTick = !statusNs || now >= lastStatus + statusNs;
        if (statusTick) {
            lastStatus = now;
            if (stopRequested()) break;
        }
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
        if (now - lastDropReport >= 1000000000ull) {
            reportDrops();
            lastDropReport = now;
        }
    }
    // Stop: no more firings, detach, then END.
    *state = kStateDraining;
    session.detach();
    ring_buffer__consume(rb);
    printer.endOfBatch();
    if (prog.hasEnd && printer.fatal().empty()) {
        session.runEnd();
        ring_buffer__consume(rb);
        printer.endOfBatch();
    }
    if (prog.bufPolicy == BufPolicy::Ring) printer.flushRing();
    reportDrops();
    FILE* out2 = printer.out();
    if (printer.fatal().empty()) {
        fputc('\n', out2);
        if (!prog.aggs.empty()) {
            fflush(out2); // END's output first, while the snapshot is read
            std::string text = aggs.printUnprinted();
            fwrite(text.data(), 1, text.size(), out2);
        }
    }
    fflush(out2);
    ring_buffer__free(rb);
    munmap(gm, mapLen);
    for (auto& c : children_)
        if (!c.exited) {
            kill(c.pid, SIGKILL);
            waitpid(c.pid, nullptr, 0);
        }
    if (out2 != out && out2 != stdout) fclose(out2);
    if (out != stdout) fclose(out);
    if (!printer.fatal().empty()) {
        fprintf(stderr, "dtrace: processing aborted: %s\n", printer.fatal().c_str());
        return 1;
    }
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
