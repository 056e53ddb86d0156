#include "output/symbols.h"

#include <cstring>

#include "elf/symbolizer.h"

namespace dt::output {

namespace {

uint64_t word(const uint8_t* p, int i) {
    uint64_t v;
    memcpy(&v, p + 8 * i, 8);
    return v;
}

bool isTracingFrame(const std::string& fn) {
    static const char* const kPrefixes[] = {"perf_trace_",    "perf_syscall_", "perf_tp_event",
                                            "trace_call_bpf", "bpf_trace_run", "__bpf_trace_",
                                            "__traceiter_",   "bpf_prog_"};
    for (const char* p : kPrefixes)
        if (fn.compare(0, strlen(p), p) == 0) return true;
    return false;
}

} // namespace

std::vector<std::string> stackFrames(SymbolKind k, const uint8_t* p, uint32_t frames) {
    std::vector<std::string> out;
    bool user = k == SymbolKind::UserStack;
    auto pid = static_cast<pid_t>(user ? word(p, 0) : 0);
    auto nbytes = static_cast<int64_t>(word(p, user ? 1 : 0));
    if (nbytes <= 0) return out;
    uint32_t n = std::min<uint32_t>(frames, static_cast<uint32_t>(nbytes / 8));
    const uint8_t* f = p + (user ? 16 : 8);
    elf::Symbolizer& sym = elf::Symbolizer::instance();
    bool leading = !user;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t pc = word(f, static_cast<int>(i));
        if (pc == 0) break;
        elf::SymbolInfo si = user ? sym.user(pid, pc) : sym.kernel(pc);
        // A tracepoint's kernel stack starts in the tracing code that ran
        // the program; DTrace shows the stack from the traced code on.
        if (leading && isTracingFrame(si.function)) continue;
        leading = false;
        out.push_back(elf::frameText(si, pc));
    }
    return out;
}

std::string stackText(SymbolKind k, const uint8_t* p, uint32_t frames, int indent) {
    std::string out = "\n";
    for (const std::string& f : stackFrames(k, p, frames)) {
        out.append(static_cast<size_t>(indent), ' ');
        out += f;
        out += '\n';
    }
    return out;
}

std::string symbolText(SymbolKind k, const uint8_t* p) {
    uint64_t addr = word(p, 0);
    elf::Symbolizer& sym = elf::Symbolizer::instance();
    switch (k) {
    case SymbolKind::KernelSym:
        return elf::functionText(sym.kernel(addr), addr);
    case SymbolKind::KernelMod:
        return elf::moduleText(sym.kernel(addr), addr);
    case SymbolKind::UserSym:
        return elf::functionText(sym.user(static_cast<pid_t>(word(p, 1)), addr), addr);
    case SymbolKind::UserMod:
        return elf::moduleText(sym.user(static_cast<pid_t>(word(p, 1)), addr), addr);
    case SymbolKind::UserAddr:
        return elf::frameText(sym.user(static_cast<pid_t>(word(p, 1)), addr), addr);
    case SymbolKind::KernelAddr:
        return elf::frameText(sym.kernel(addr), addr);
    default:
        return "";
    }
}

Value symbolValue(SymbolKind k, const uint8_t* p, uint32_t frames) {
    if (isStack(k)) return Value::stack(stackFrames(k, p, frames));
    return Value::string(symbolText(k, p));
}

std::string symbolValueText(SymbolKind k, const uint8_t* p, uint32_t frames) {
    if (isStack(k)) return stackText(k, p, frames);
    return symbolText(k, p);
}

} // namespace dt::output
