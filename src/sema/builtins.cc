#include "sema/builtins.h"

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
    {"ucaller", Builtin::Ucaller, "uint64_t"},
    {"ustackdepth", Builtin::Ustackdepth, "uint32_t"},
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
    // As statements, sym() and the others trace their value.
    {"stack", Func::Stack, 0, 1, true},
    {"ustack", Func::Ustack, 0, 2, true},
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
