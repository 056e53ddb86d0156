// D's built-in variables and functions (actions and subroutines).
#pragma once
#include <string_view>

namespace dt {

enum class Builtin {
    Arg0,
    Arg1,
    Arg2,
    Arg3,
    Arg4,
    Arg5,
    Arg6,
    Arg7,
    Arg8,
    Arg9,
    Pid,
    Tid,
    Ppid,
    Uid,
    Gid,
    Cpu,
    Timestamp,
    Vtimestamp,
    Walltimestamp,
    Execname,
    Probeprov,
    Probemod,
    Probefunc,
    Probename,
    Id,
    Epid,
    Errno,
    Curthread,
    // User-space tracing (issue 7): from the user stack.
    Ucaller,
    Ustackdepth,
};

struct BuiltinInfo {
    const char* name;
    Builtin id;
    const char* type; // D type name
};

const BuiltinInfo* findBuiltin(std::string_view name);
const BuiltinInfo& builtinInfo(Builtin b);

enum class Func {
    Trace,
    Printf,
    Exit,
    Count,
    Sum,
    Min,
    Max,
    Avg,
    Quantize,
    Lquantize,
    Printa,
    Copyinstr,
    Strlen,
    Stddev,
    // User-space tracing and symbols (issue 7): stacks and addresses
    // printed as symbols.
    Stack,
    Ustack,
    Sym,
    Kfunc, // func()
    Mod,
    Usym,
    Ufunc,
    Umod,
    Uaddr,
};
// Whether f is one of the Stack..Uaddr block above.
inline bool isSymbolFunc(Func f) {
    return f >= Func::Stack && f <= Func::Uaddr;
}

struct FuncInfo {
    const char* name;
    Func id;
    int minArgs, maxArgs;       // maxArgs -1: variadic
    bool isAction;              // records data (vs. a subroutine returning a value)
    bool isAggregating = false; // count(), sum(), ...: only assigned to aggregations
};

const FuncInfo* findFunc(std::string_view name);
const FuncInfo& funcInfo(Func f);

} // namespace dt
