#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dt {

std::vector<std::string> split(std::string_view s, char sep);
std::string trim(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
// DTrace-style glob match: '*', '?', '[...]' (with '!' negation and ranges), '\' escapes.
bool globMatch(std::string_view pattern, std::string_view text);
bool hasGlob(std::string_view pattern);
std::string readFile(const std::string& path, bool* ok = nullptr);
// DTrace's size values: a number with an optional k, m, g or t suffix.
bool parseSizeValue(const std::string& s, uint64_t& out);
// DTrace's time values: a number with a unit (ns, us, ms, s, m, h, d and
// their long names) or a rate (hz, or no unit).  Sets nanoseconds.
bool parseTimeValue(const std::string& s, uint64_t& ns);
// Quote a string for the -S output and for error messages.
std::string hex(uint64_t v);

} // namespace dt
