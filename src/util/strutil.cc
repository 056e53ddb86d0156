#include "util/strutil.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace dt {

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find(sep, start);
        out.emplace_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
        e--;
    return std::string(s.substr(b, e - b));
}

bool startsWith(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}
bool endsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool hasGlob(std::string_view p) {
    return p.find_first_of("*?[\\") != std::string_view::npos;
}

static bool matchClass(std::string_view p, size_t& i, char c, bool& ok) {
    // p[i] == '[' on entry; on exit i is just past ']'.
    size_t j = i + 1;
    bool negate = false;
    if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
        negate = true;
        j++;
    }
    bool found = false;
    bool first = true;
    while (j < p.size() && (p[j] != ']' || first)) {
        first = false;
        char lo = p[j];
        if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
        char hi = lo;
        if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
            hi = p[j + 2];
            j += 2;
        }
        if (c >= lo && c <= hi) found = true;
        j++;
    }
    if (j >= p.size()) return false; // unterminated: treat '[' literally
    i = j + 1;
    ok = found != negate;
    return true;
}

bool globMatch(std::string_view p, std::string_view s) {
    size_t pi = 0, si = 0, starP = std::string_view::npos, starS = 0;
    while (si < s.size()) {
        if (pi < p.size()) {
            char pc = p[pi];
            if (pc == '*') {
                starP = pi++;
                starS = si;
                continue;
            }
            if (pc == '?') {
                pi++;
                si++;
                continue;
            }
            if (pc == '[') {
                size_t ni = pi;
                bool ok = false;
                if (matchClass(p, ni, s[si], ok)) {
                    if (ok) {
                        pi = ni;
                        si++;
                        continue;
                    }
                } else if (s[si] == '[') {
                    pi++;
                    si++;
                    continue;
                }
            } else {
                if (pc == '\\' && pi + 1 < p.size()) pc = p[pi + 1];
                if (pc == s[si]) {
                    pi += (p[pi] == '\\' && pi + 1 < p.size()) ? 2 : 1;
                    si++;
                    continue;
                }
            }
        }
        if (starP == std::string_view::npos) return false;
        pi = starP + 1;
        si = ++starS;
    }
    while (pi < p.size() && p[pi] == '*')
        pi++;
    return pi == p.size();
}

std::string readFile(const std::string& path, bool* ok) {
    std::ifstream in(path, std::ios::binary);
    if (ok) *ok = static_cast<bool>(in);
    if (!in) return {};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string hex(uint64_t v) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
    return buf;
}

bool parseSizeValue(const std::string& s, uint64_t& out) {
    if (s.empty() || s[0] == '-' || s[0] == '+' || isspace(static_cast<unsigned char>(s[0])))
        return false;
    char* end = nullptr;
    unsigned long long v = strtoull(s.c_str(), &end, 0);
    if (end == s.c_str()) return false;
    uint64_t mult = 1;
    std::string suf = end;
    if (suf == "k" || suf == "K")
        mult = 1ull << 10;
    else if (suf == "m" || suf == "M")
        mult = 1ull << 20;
    else if (suf == "g" || suf == "G")
        mult = 1ull << 30;
    else if (suf == "t" || suf == "T")
        mult = 1ull << 40;
    else if (!suf.empty())
        return false;
    out = v * mult;
    return true;
}

bool parseTimeValue(const std::string& s, uint64_t& ns) {
    if (s.empty() || !isdigit(static_cast<unsigned char>(s[0]))) return false;
    char* end = nullptr;
    unsigned long long v = strtoull(s.c_str(), &end, 0);
    std::string suf = end;
    for (char& c : suf)
        c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    static const struct {
        const char* name;
        uint64_t mult; // 0: a frequency
    } kUnits[] = {{"", 0},
                  {"hz", 0},
                  {"ns", 1},
                  {"nsec", 1},
                  {"us", 1000},
                  {"usec", 1000},
                  {"ms", 1000000},
                  {"msec", 1000000},
                  {"s", 1000000000},
                  {"sec", 1000000000},
                  {"m", 60000000000},
                  {"min", 60000000000},
                  {"h", 3600000000000},
                  {"hour", 3600000000000},
                  {"d", 86400000000000},
                  {"day", 86400000000000}};
    for (const auto& u : kUnits)
        if (suf == u.name) {
            ns = u.mult ? v * u.mult : v ? 1000000000ull / v : 0;
            return true;
        }
    return false;
}

} // namespace dt
