#include "sema/builtins.h"

#include <set>

#include "sema/check.h"

namespace dt {

static const BuiltinInfo kBuiltins[] = {
    {"arg0", Builtin::Arg0, "int64_t"},
    {"arg1", Builtin::Arg1, "int64_t"},
    {"arg2", Builtin::Arg2, "int64_t"},
    {"arg3", Builtin::Arg3, "int64_t"},
    {"arg4", Builtin::Arg4, "int64_t"},
    {"arg5", Builtin::Arg5, "int64_t"},
    {"arg6", Builtin::Arg6, "int64_t"},
    {"arg7", Builtin::Arg7, "int64_t"},
    {"arg8", Builtin::Arg8, "int64_t"},
    {"arg9", Builtin::Arg9, "int64_t"},
    {"pid", Builtin::Pid, "pid_t"},
    {"tid", Builtin::Tid, "id_t"},
    {"ppid", Builtin::Ppid, "pid_t"},
    {"uid", Builtin::Uid, "uid_t"},
    {"gid", Builtin::Gid, "gid_t"},
    {"cpu", Builtin::Cpu, "processorid_t"},
    {"timestamp", Builtin::Timestamp, "uint64_t"},
    {"vtimestamp", Builtin::Vtimestamp, "uint64_t"},
    {"walltimestamp", Builtin::Walltimestamp, "int64_t"},
    {"execname", Builtin::Execname, "string"},
    {"probeprov", Builtin::Probeprov, "string"},
    {"probemod", Builtin::Probemod, "string"},
    {"probefunc", Builtin::Probefunc, "string"},
    {"probename", Builtin::Probename, "string"},
    {"id", Builtin::Id, "uint_t"},
    {"epid", Builtin::Epid, "uint_t"},
    {"errno", Builtin::Errno, "int"},
    {"curthread", Builtin::Curthread, "uintptr_t"},
    {"args", Builtin::Args, "int64_t"},
    {"ucaller", Builtin::Ucaller, "uint64_t"},
    {"ustackdepth", Builtin::Ustackdepth, "uint32_t"},
    {"caller", Builtin::Caller, "uintptr_t"},
    {"stackdepth", Builtin::Stackdepth, "uint32_t"},
    {"cwd", Builtin::Cwd, "string"},
    {"root", Builtin::Root, "string"},
    {"uregs", Builtin::Uregs, "uint64_t"},
};

const BuiltinInfo* findBuiltin(std::string_view name) {
    for (const auto& b : kBuiltins)
        if (name == b.name) return &b;
    return nullptr;
}

const BuiltinInfo& builtinInfo(Builtin b) {
    return kBuiltins[static_cast<int>(b)];
}

static const FuncInfo kFuncs[] = {
    {"trace", Func::Trace, 1, 1, true},
    {"printf", Func::Printf, 1, -1, true},
    {"exit", Func::Exit, 1, 1, true},
    {"count", Func::Count, 0, 0, false, true},
    {"sum", Func::Sum, 1, 1, false, true},
    {"min", Func::Min, 1, 1, false, true},
    {"max", Func::Max, 1, 1, false, true},
    {"avg", Func::Avg, 1, 1, false, true},
    {"quantize", Func::Quantize, 1, 2, false, true},
    {"lquantize", Func::Lquantize, 3, 5, false, true},
    {"printa", Func::Printa, 1, -1, true},
    {"copyinstr", Func::Copyinstr, 1, 2, false},
    {"strlen", Func::Strlen, 1, 1, false},
    {"stddev", Func::Stddev, 1, 1, false, true},
    // String and memory subroutines.
    {"strjoin", Func::Strjoin, 2, 2, false},
    {"substr", Func::Substr, 2, 3, false},
    {"index", Func::Index, 2, 3, false},
    {"rindex", Func::Rindex, 2, 3, false},
    {"strchr", Func::Strchr, 2, 2, false},
    {"strrchr", Func::Strrchr, 2, 2, false},
    {"strstr", Func::Strstr, 2, 2, false},
    {"basename", Func::Basename, 1, 1, false},
    {"dirname", Func::Dirname, 1, 1, false},
    {"toupper", Func::Toupper, 1, 1, false},
    {"tolower", Func::Tolower, 1, 1, false},
    {"lltostr", Func::Lltostr, 1, 2, false},
    {"htons", Func::Htons, 1, 1, false},
    {"htonl", Func::Htonl, 1, 1, false},
    {"htonll", Func::Htonll, 1, 1, false},
    {"ntohs", Func::Ntohs, 1, 1, false},
    {"ntohl", Func::Ntohl, 1, 1, false},
    {"ntohll", Func::Ntohll, 1, 1, false},
    {"rand", Func::Rand, 0, 0, false},
    {"copyin", Func::Copyin, 2, 2, false},
    {"progenyof", Func::Progenyof, 1, 1, false},
    {"getmajor", Func::Getmajor, 1, 1, false},
    {"getminor", Func::Getminor, 1, 1, false},
    {"strtok", Func::Strtok, 2, 2, false},
    {"alloca", Func::Alloca, 1, 1, false},
    {"bcopy", Func::Bcopy, 3, 3, false},
    {"copyinto", Func::Copyinto, 3, 3, false},
    {"inet_ntoa", Func::InetNtoa, 1, 1, false},
    {"inet_ntoa6", Func::InetNtoa6, 1, 2, false},
    {"inet_ntop", Func::InetNtop, 2, 2, false},
    {"cleanpath", Func::Cleanpath, 1, 1, false},
    {"d_path", Func::DPath, 1, 1, false},
    {"d_execargs", Func::DExecargs, 1, 1, false},
    {"link_ntop", Func::LinkNtop, 2, 2, false},
    {"mutex_owned", Func::MutexOwned, 1, 1, false},
    {"mutex_owner", Func::MutexOwner, 1, 1, false},
    {"mutex_type_adaptive", Func::MutexTypeAdaptive, 1, 1, false},
    {"mutex_type_spin", Func::MutexTypeSpin, 1, 1, false},
    {"rw_read_held", Func::RwReadHeld, 1, 1, false},
    {"rw_write_held", Func::RwWriteHeld, 1, 1, false},
    {"rw_iswriter", Func::RwIswriter, 1, 1, false},
    // Speculative tracing: control, not data-recording.
    {"speculation", Func::Speculation, 0, 0, false},
    {"speculate", Func::Speculate, 1, 1, false},
    {"commit", Func::Commit, 1, 1, false},
    {"discard", Func::Discard, 1, 1, false},
    // Destructive actions.
    {"system", Func::System, 1, -1, true},
    {"raise", Func::Raise, 1, 1, true},
    {"stop", Func::Stop, 0, 0, true},
    {"panic", Func::Panic, 0, 0, true},
    {"chill", Func::Chill, 1, 1, true},
    {"breakpoint", Func::Breakpoint, 0, 0, true},
    {"copyout", Func::Copyout, 3, 3, true},
    {"copyoutstr", Func::Copyoutstr, 3, 3, true},
    {"freopen", Func::Freopen, 1, -1, true},
    {"ftruncate", Func::Ftruncate, 0, 0, true},
    // Aggregations and their consumer-side actions (issue 5).
    {"llquantize", Func::Llquantize, 5, 6, false, true},
    {"normalize", Func::Normalize, 2, 2, true},
    {"denormalize", Func::Denormalize, 1, 1, true},
    {"trunc", Func::Trunc, 1, 2, true},
    {"clear", Func::Clear, 1, 1, true},
    {"setopt", Func::Setopt, 1, 2, true},
    {"tracemem", Func::Tracemem, 2, 3, true},
    {"print", Func::Print, 1, 1, true},
    // As statements, sym() and the others trace their value.
    {"stack", Func::Stack, 0, 1, true},
    {"ustack", Func::Ustack, 0, 2, true},
    {"jstack", Func::Jstack, 0, 2, true},
    {"sym", Func::Sym, 1, 1, true},
    {"func", Func::Kfunc, 1, 1, true},
    {"mod", Func::Mod, 1, 1, true},
    {"usym", Func::Usym, 1, 1, true},
    {"ufunc", Func::Ufunc, 1, 1, true},
    {"umod", Func::Umod, 1, 1, true},
    {"uaddr", Func::Uaddr, 1, 1, true},
};

const FuncInfo* findFunc(std::string_view name) {
    for (const auto& f : kFuncs)
        if (name == f.name) return &f;
    return nullptr;
}

const FuncInfo& funcInfo(Func f) {
    return kFuncs[static_cast<int>(f)];
}

} // namespace dt

namespace dt::sema {

Attribute identifierAttribute(const std::string& name) {
    // DTrace's attributes: the kernel-specific subroutines evolve, curthread's
    // data is the kernel's private task_struct, the rest is stable.
    static const std::set<std::string> evolving = {
        "d_path",      "d_execargs",  "getmajor",    "getminor",     "htonl",
        "htonll",      "htons",       "ntohl",       "ntohll",       "ntohs",
        "mutex_owned", "mutex_owner", "rw_iswriter", "rw_read_held", "rw_write_held"};
    if (name == "curthread") return {Stability::Stable, Stability::Private, DepClass::Common};
    if (evolving.count(name)) return {Stability::Evolving, Stability::Evolving, DepClass::Common};
    return {Stability::Stable, Stability::Stable, DepClass::Common};
}

} // namespace dt::sema
