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
    Args, // args[]: only indexed
    // User-space tracing (issue 7): from the user stack.
    Ucaller,
    Ustackdepth,
    // Kernel stack, process and register state.
    Caller,
    Stackdepth,
    Cwd,
    Root,
    Uregs, // uregs[]: only indexed
};

// uregs[] indexes: the x86-64 pt_regs words (0-20), then ds, es, fs, gs and
// the trap number (21-25).
constexpr int kUregsCount = 26;

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
    // String and memory subroutines (sema/subr.cc, codegen strings).
    Strjoin,
    Substr,
    Index,
    Rindex,
    Strchr,
    Strrchr,
    Strstr,
    Basename,
    Dirname,
    Toupper,
    Tolower,
    Lltostr,
    Htons,
    Htonl,
    Htonll,
    Ntohs,
    Ntohl,
    Ntohll,
    Rand,
    Copyin,
    Progenyof,
    Getmajor,
    Getminor,
    Strtok,
    Alloca,
    Bcopy,
    Copyinto,
    InetNtoa,
    InetNtoa6,
    InetNtop,
    Cleanpath,
    DPath,
    DExecargs,
    LinkNtop,
    MutexOwned,
    MutexOwner,
    MutexTypeAdaptive,
    MutexTypeSpin,
    RwReadHeld,
    RwWriteHeld,
    RwIswriter,
    // Speculative tracing.
    Speculation,
    Speculate,
    Commit,
    Discard,
    // Destructive actions (need -w).
    System,
    Raise,
    Stop,
    Panic,
    Chill,
    Breakpoint,
    Copyout,
    Copyoutstr,
    Freopen,
    Ftruncate,
    // Aggregations and their consumer-side actions (issue 5).
    Llquantize,
    Normalize,
    Denormalize,
    Trunc,
    Clear,
    Setopt,
    Tracemem,
    Print,
    // User-space tracing and symbols (issue 7): stacks and addresses
    // printed as symbols.
    Stack,
    Ustack,
    Jstack, // ustack() for Java: Linux has no JVM stack helpers, so a user stack
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
