// Minimal "{}" formatter: g++ 12 has no <format>.  Each "{}" takes the next
// argument, streamed with operator<<; "{{" and "}}" are literal braces.
#pragma once
#include <sstream>
#include <string>
#include <string_view>

namespace dt {

namespace detail {
inline void formatRest(std::ostringstream& os, std::string_view fmt) {
    for (size_t i = 0; i < fmt.size(); i++) {
        if ((fmt[i] == '{' || fmt[i] == '}') && i + 1 < fmt.size() && fmt[i + 1] == fmt[i]) i++;
        os << fmt[i];
    }
}

template <typename T, typename... Rest>
void formatRest(std::ostringstream& os, std::string_view fmt, const T& first, const Rest&... rest) {
    for (size_t i = 0; i < fmt.size(); i++) {
        if (fmt[i] == '{' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
            os << '{';
            i++;
        } else if (fmt[i] == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
            os << '}';
            i++;
        } else if (fmt[i] == '{' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
            os << first;
            formatRest(os, fmt.substr(i + 2), rest...);
            return;
        } else {
            os << fmt[i];
        }
    }
}
} // namespace detail

template <typename... Args> std::string format(std::string_view fmt, const Args&... args) {
    std::ostringstream os;
    detail::formatRest(os, fmt, args...);
    return os.str();
}

} // namespace dt
