#pragma once
#include <string>
#include <utility>
#include <vector>

namespace dt {

// The tracefs mount point, mounting tracefs (and bpffs) first if this
// process may and they are missing.  Computed once per process.
const std::string& tracefsRoot();
std::string tracefsPath(const std::string& rel);
// The numeric id of a tracefs event, or -1.
long tracepointId(const std::string& category, const std::string& name);
// The size of a tracefs event's record (end of its last field), or -1.
int tracepointRecordSize(const std::string& category, const std::string& name);

// Every tracefs event as (category, event), from available_events (one
// read, cached for the process).
const std::vector<std::pair<std::string, std::string>>& availableEvents();
// Whether raw tracepoint links take an attach cookie (Linux 6.10).
bool rawTracepointCookies();

} // namespace dt
