// Values that print as symbols: stacks and code addresses.  Sema gives
// them their types, codegen their record and key layouts, output their
// text.  Layouts (u64 words):
//   KernelStack: nbytes, frames[n]        UserStack: pid, nbytes, frames[n]
//   Kernel*:     addr                     User*:     addr, pid
#pragma once
#include <cstdint>

namespace dt {

enum class SymbolKind : uint8_t {
    None,
    KernelStack, // stack()
    UserStack,   // ustack()
    KernelSym,   // sym(), func()
    KernelMod,   // mod()
    UserSym,     // usym(), ufunc()
    UserMod,     // umod()
    UserAddr,    // uaddr(), printf's %A
    KernelAddr,  // printf's %a
};

inline bool isStack(SymbolKind k) {
    return k == SymbolKind::KernelStack || k == SymbolKind::UserStack;
}
inline bool isUserSymbol(SymbolKind k) {
    return k == SymbolKind::UserStack || k == SymbolKind::UserSym || k == SymbolKind::UserMod ||
           k == SymbolKind::UserAddr;
}
// Bytes a value of this kind takes in a record or an aggregation key.
inline uint32_t symbolValueSize(SymbolKind k, uint32_t frames) {
    switch (k) {
    case SymbolKind::None:
        return 8;
    case SymbolKind::KernelStack:
        return 8 + 8 * frames;
    case SymbolKind::UserStack:
        return 16 + 8 * frames;
    case SymbolKind::KernelSym:
    case SymbolKind::KernelMod:
    case SymbolKind::KernelAddr:
        return 8;
    default:
        return 16;
    }
}

// Most frames a stack() or ustack() records (the kernel's default
// perf_event_max_stack).
constexpr uint32_t kMaxStackFrames = 127;

} // namespace dt
