// dtrace -h and -G: what an application's build needs to define its own
// DTrace providers.  Probes are SystemTap SDT notes (sys/sdt.h), which the
// usdt provider reads and other tools (gdb, perf, bpftrace) see too, so -G
// has nothing to add: it writes an empty relocatable object for builds
// that link the file DTrace's -G produces.
#pragma once
#include <string>
#include <vector>

#include "ast/ast.h"

namespace dt::cli {

// The C header for the providers: PROVIDER_PROBE(args...) and
// PROVIDER_PROBE_ENABLED() macros; `guard` names the include guard.
std::string providerHeader(const std::vector<const ast::ProviderDef*>& providers,
                           const std::string& guard);
// Writes an empty ELF64 relocatable object to `path`; false on failure.
bool writeEmptyObject(const std::string& path);

} // namespace dt::cli
