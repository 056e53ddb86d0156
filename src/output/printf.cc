#include "output/printf.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace dt::output {

Value Value::integer(uint64_t bits, unsigned size, bool isSigned) {
    Value v;
    v.kind = Kind::Int;
    v.bits = bits;
    v.size = size;
    v.isSigned = isSigned;
    return v;
}

Value Value::stack(std::vector<std::string> frames) {
    Value v;
    v.kind = Kind::String;
    v.isStack = true;
    v.str = "\n";
    for (const std::string& f : frames)
        v.str += std::string(14, ' ') + f + "\n";
    v.frames = std::move(frames);
    return v;
}

Value Value::string(std::string s) {
    Value v;
    v.kind = Kind::String;
    v.str = std::move(s);
    return v;
}

namespace {

bool isIntConv(char c) {
    return strchr("diuoxXcp", c) != nullptr;
}
bool isSignedConv(char c) {
    return c == 'd' || c == 'i';
}

// The prototype text DTrace shows for a conversion's expected argument.
const char* prototypeText(char c) {
    switch (c) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        return "char, short, int, long, or long long";
    case 'c':
        return "char";
    case 's':
        return "char [] or string (or use stringof)";
    case 'p':
        return "pointer or integer";
    case 'a':
    case 'A':
        return "pointer or integer";
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        return "double, float, or long double";
    case 'T':
    case 'Y':
        return "int64_t";
    case 'S':
        return "char [] or string (or use stringof)";
    case 'k':
        return "stack";
    }
    return "any";
}

bool accepts(char c, const ArgType& a) {
    using K = ArgType::Kind;
    switch (c) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'c':
        return a.kind == K::Int || a.kind == K::Pointer;
    case 'p':
    case 'a':
    case 'A':
        return a.kind == K::Int || a.kind == K::Pointer;
    case 's':
    case 'S':
        return a.kind == K::String;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        return a.kind == K::Float; // as DTrace: integers are refused
    case 'T':
    case 'Y':
        return a.kind == K::Int && a.size == 8;
    case 'k':
        return a.kind == K::Other;
    }
    return true;
}

} // namespace

Format Format::parse(std::string_view fmt, std::string_view func, Loc loc) {
    Format f;
    f.func_ = std::string(func);
    f.source_ = std::string(fmt);
    std::string lit;
    int convNo = 0;
    size_t i = 0;
    while (i < fmt.size()) {
        char ch = fmt[i];
        if (ch != '%') {
            lit += ch;
            i++;
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
            lit += '%';
            i += 2;
            continue;
        }
        convNo++;
        size_t start = i++;
        Conversion c;
        // Flags, width, precision and '@' in any order, as DTrace scans them.
        bool dot = false;
        for (bool more = true; more && i < fmt.size();) {
            char ch = fmt[i];
            if (isdigit(static_cast<unsigned char>(ch)) && !(ch == '0' && !dot && c.width < 0)) {
                int v = 0;
                while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i])))
                    v = v * 10 + (fmt[i++] - '0');
                if (i < fmt.size() && fmt[i] == '$')
                    fail(Tag::D_SYNTAX, loc,
                         "format conversion #{} uses unsupported positional format (%n$)", convNo);
                (dot ? c.precision : c.width) = v;
                continue;
            }
            switch (ch) {
            case '-':
            case '+':
            case ' ':
            case '#':
            case '0':
            case '\'':
                c.flags += ch;
                break;
            case '@':
                c.aggValue = true; // printa's value: "%@d", "%@10d", "%10@d"
                break;
            case '?':
                c.width = 16; // pointer width on 64-bit
                break;
            case '*':
                if (dot) {
                    if (c.precisionStar)
                        fail(Tag::D_SYNTAX, loc,
                             "format conversion #{} has more than one '*' specified for the "
                             "output precision",
                             convNo);
                    c.precisionStar = true;
                } else {
                    if (c.widthStar)
                        fail(Tag::D_SYNTAX, loc,
                             "format conversion #{} has more than one '*' specified for the "
                             "output width",
                             convNo);
                    c.widthStar = true;
                }
                break;
            case '.':
                if (dot)
                    fail(Tag::D_SYNTAX, loc,
                         "format conversion #{} has more than one '.' specified", convNo);
                dot = true;
                if (c.precision < 0) c.precision = 0;
                break;
            default:
                more = false;
                continue;
            }
            i++;
        }
        static const char* const lengths[] = {"hh", "ll", "h", "l", "L", "j", "t"};
        for (const char* l : lengths) {
            size_t n = strlen(l);
            if (fmt.substr(i, n) == l) {
                c.length = l;
                i += n;
                break;
            }
        }
        if (i >= fmt.size())
            fail(Tag::D_SYNTAX, loc,
                 "format conversion #{} name expected before end of format string", convNo);
        char conv = fmt[i++];
        if (!strchr("diuoxXcspaAeEfFgGkSTY", conv))
            fail(Tag::D_SYNTAX, loc, "format conversion #{} is undefined: %{}", convNo,
                 std::string(fmt.substr(start + 1, i - start - 1)));
        c.conv = conv;
        c.text = std::string(fmt.substr(start, i - start));
        Segment s;
        s.literal = lit;
        s.conv = c;
        f.segments_.push_back(std::move(s));
        lit.clear();
    }
    Segment tail;
    tail.literal = lit;
    f.segments_.push_back(std::move(tail));
    return f;
}

size_t Format::argCount() const {
    size_t n = 0;
    for (const auto& s : segments_)
        if (s.conv) n += 1 + s.conv->widthStar + s.conv->precisionStar;
    return n;
}

void Format::check(const std::vector<ArgType>& args, int firstArgNo, Loc loc) const {
    size_t ai = 0;
    int convNo = 0;
    for (const auto& s : segments_) {
        if (!s.conv) continue;
        const Conversion& c = *s.conv;
        convNo++;
        std::string shown = "%" + std::string(1, c.conv);
        if (c.aggValue) {
            if (func_ != "printa")
                fail(Tag::D_PRINTF_AGG_CONV, loc,
                     "%@ conversion requires an aggregation and is not for use with {}( )", func_);
            continue; // printa's value: no argument
        }
        auto dyn = [&](const char* what) {
            if (ai >= args.size())
                fail(Tag::D_PRINTF_DYN_PROTO, loc,
                     "{}( ) prototype mismatch: conversion #{} ({}) is missing a corresponding "
                     "\"{}\" argument",
                     func_, convNo, shown, what);
            if (args[ai].kind != ArgType::Kind::Int)
                fail(Tag::D_PRINTF_DYN_TYPE, loc,
                     "{}( ) argument #{} is incompatible with conversion #{} "
                     "prototype:\n\tconversion: % {} {}\n\t prototype: int\n\t  argument: {}",
                     func_, firstArgNo + static_cast<int>(ai), convNo, what, c.conv, args[ai].name);
            ai++;
        };
        if (c.widthStar) dyn("*");
        if (c.precisionStar) dyn(".*");
        if (ai >= args.size())
            fail(Tag::D_PRINTF_ARG_PROTO, loc,
                 "{}( ) prototype mismatch: conversion #{} ({}) is missing a corresponding value "
                 "argument",
                 func_, convNo, shown);
        if (!accepts(c.conv, args[ai]))
            fail(Tag::D_PRINTF_ARG_TYPE, loc,
                 "{}( ) argument #{} is incompatible with conversion #{} prototype:\n\tconversion: "
                 "{}\n\t prototype: {}\n\t  argument: {}",
                 func_, firstArgNo + static_cast<int>(ai), convNo, shown, prototypeText(c.conv),
                 args[ai].name);
        ai++;
    }
    if (ai < args.size())
        fail(Tag::D_PRINTF_ARG_EXTRA, loc,
             "{}( ) prototype mismatch: only {} arguments required by this format string", func_,
             ai);
}

void Format::checkPrinta(const std::vector<ArgType>& keys, Loc loc) const {
    size_t ki = 0;
    int convNo = 0;
    for (const auto& s : segments_) {
        if (!s.conv) continue;
        const Conversion& c = *s.conv;
        convNo++;
        if (c.aggValue) continue;
        // A '*' width or precision takes a key too.
        for (int star = 0; star < c.widthStar + c.precisionStar; star++) {
            if (ki >= keys.size())
                fail(Tag::D_PRINTF_DYN_PROTO, loc,
                     "{}( ) prototype mismatch: conversion #{} (%{}) is missing a corresponding "
                     "\"{}\" argument",
                     func_, convNo, std::string(1, c.conv), c.widthStar && star == 0 ? "*" : ".*");
            if (keys[ki].kind != ArgType::Kind::Int)
                fail(Tag::D_PRINTF_DYN_TYPE, loc,
                     "{}( ) argument #{} is incompatible with conversion #{} prototype:\n\t"
                     "conversion: % {} {}\n\t prototype: int\n\t  argument: {}",
                     func_, ki + 2, convNo, c.widthStar && star == 0 ? "*" : ".*", c.conv,
                     keys[ki].name);
            ki++;
        }
        if (ki >= keys.size())
            fail(Tag::D_PRINTF_ARG_PROTO, loc,
                 "{}( ) prototype mismatch: conversion #{} (%{}) is missing a corresponding value "
                 "argument",
                 func_, convNo, std::string(1, c.conv));
        if (!accepts(c.conv, keys[ki]))
            fail(Tag::D_PRINTF_ARG_TYPE, loc,
                 "{}( ) argument #{} is incompatible with conversion #{} prototype:\n\tconversion: "
                 "%{}\n\t prototype: {}\n\t  argument: {}",
                 func_, ki + 2, convNo, std::string(1, c.conv), prototypeText(c.conv),
                 keys[ki].name);
        ki++;
    }
}

// %S: the string with C escapes for characters that do not print.
static std::string escapeString(const std::string& in) {
    std::string out;
    for (unsigned char ch : in) {
        switch (ch) {
        case '\a':
            out += "\\a";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\v':
            out += "\\v";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        default:
            if (isprint(ch)) {
                out += static_cast<char>(ch);
            } else {
                char buf[8];
                snprintf(buf, sizeof buf, "\\%03o", ch);
                out += buf;
            }
        }
    }
    return out;
}

static int64_t signExtend(uint64_t bits, unsigned size) {
    if (size >= 8) return static_cast<int64_t>(bits);
    int sh = 64 - 8 * static_cast<int>(size);
    return static_cast<int64_t>(bits << sh) >> sh;
}

static uint64_t zeroExtend(uint64_t bits, unsigned size) {
    if (size >= 8) return bits;
    return bits & ((1ull << (8 * size)) - 1);
}

std::string Format::render(const std::vector<Value>& values, const Value* agg,
                           const std::string* aggText) const {
    std::vector<Value> aggs;
    std::vector<std::string> texts;
    if (agg) aggs.push_back(*agg);
    if (aggText) {
        if (aggs.empty()) aggs.push_back(Value::integer(0));
        texts.push_back(*aggText);
    }
    return render(values, aggs, texts);
}

std::string Format::render(const std::vector<Value>& values, const std::vector<Value>& aggs,
                           const std::vector<std::string>& aggTexts) const {
    std::string out;
    size_t aggNo = 0;
    size_t vi = 0;
    auto next = [&]() -> const Value* { return vi < values.size() ? &values[vi++] : nullptr; };
    char buf[8192];
    for (const auto& s : segments_) {
        out += s.literal;
        if (!s.conv) continue;
        const Conversion& c = *s.conv;
        int width = c.width, prec = c.precision;
        if (c.widthStar) {
            const Value* w = next();
            width = w ? static_cast<int>(signExtend(w->bits, w->size)) : 0;
        }
        if (c.precisionStar) {
            const Value* p = next();
            prec = p ? static_cast<int>(signExtend(p->bits, p->size)) : 0;
        }
        const Value* v = nullptr;
        if (c.aggValue) {
            if (aggs.empty()) continue;
            size_t k = std::min(aggNo++, aggs.size() - 1);
            if (k < aggTexts.size() && !aggTexts[k].empty()) {
                out += aggTexts[k];
                continue;
            }
            v = &aggs[k];
        } else {
            v = next();
        }
        std::string spec = "%" + c.flags;
        std::string flagsNoQuote;
        for (char f : c.flags)
            if (f != '\'') flagsNoQuote += f;
        spec = "%" + flagsNoQuote;
        if (width >= 0 || c.widthStar) spec += "*";
        // As DTrace: a precision of 0 (written or from '*') means none.
        if (prec == 0) prec = -1;
        if (prec > 0) spec += ".*";
        int w = width < 0 ? 0 : width;
        if (width < 0 && c.widthStar) w = width; // negative '*' width means left-justify
        int p = prec < 0 ? 0 : prec;
        bool hasW = width >= 0 || c.widthStar, hasP = prec > 0;
        auto emit = [&](const std::string& fmt, auto val) {
            int n;
            if (hasW && hasP)
                n = snprintf(buf, sizeof buf, fmt.c_str(), w, p, val);
            else if (hasW)
                n = snprintf(buf, sizeof buf, fmt.c_str(), w, val);
            else if (hasP)
                n = snprintf(buf, sizeof buf, fmt.c_str(), p, val);
            else
                n = snprintf(buf, sizeof buf, fmt.c_str(), val);
            if (n > 0) out.append(buf, std::min<size_t>(static_cast<size_t>(n), sizeof buf - 1));
        };
        if (!v) continue;
        if (v->isStack) {
            // As DTrace: each frame indented, in the conversion's width.
            out += '\n';
            for (const std::string& f : v->frames) {
                out.append(14, ' ');
                emit(spec + "s", f.c_str());
                out += '\n';
            }
            continue;
        }
        if (c.conv == 's' || c.conv == 'S') {
            std::string str = v->kind == Value::Kind::String ? v->str : std::to_string(v->bits);
            if (c.conv == 'S') str = escapeString(str);
            emit(spec + "s", str.c_str());
            continue;
        }
        if (c.conv == 'Y' || c.conv == 'T') {
            // Nanoseconds since the epoch as a date: %Y as DTrace's
            // "2026 Nov 25 18:35:35", %T as RFC 822.
            time_t sec = static_cast<time_t>(static_cast<int64_t>(v->bits) / 1000000000);
            struct tm tm;
            localtime_r(&sec, &tm);
            char date[128];
            strftime(date, sizeof date, c.conv == 'Y' ? "%Y %b %e %T" : "%a, %d %b %G %T %Z", &tm);
            emit(spec + "s", static_cast<const char*>(date));
            continue;
        }
        if (c.conv == 'c') {
            emit(spec + "c", static_cast<int>(static_cast<unsigned char>(v->bits)));
            continue;
        }
        if (strchr("eEfFgG", c.conv)) {
            // The recorded bits of a float or a double.
            double d;
            if (v->size == 4) {
                float fl;
                auto b = static_cast<uint32_t>(v->bits);
                memcpy(&fl, &b, 4);
                d = fl;
            } else {
                uint64_t b = v->bits;
                memcpy(&d, &b, 8);
            }
            emit(spec + c.conv, d);
            continue;
        }
        // %a, %A and %k of symbolized values (output/symbols.h): their text.
        if (strchr("aAk", c.conv) && v->kind == Value::Kind::String) {
            emit(spec + "s", v->str.c_str());
            continue;
        }
        if (c.conv == 'p') { // as DTrace: %x of the address (%#p for 0x)
            emit(spec + "llx", static_cast<unsigned long long>(v->bits));
            continue;
        }
        if (c.conv == 'a' || c.conv == 'A') {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "0x%llx", static_cast<unsigned long long>(v->bits));
            emit(spec + "s", static_cast<const char*>(tmp));
            continue;
        }
        // Integers: the value takes its type's size, then the length modifier.
        bool sconv = isSignedConv(c.conv);
        if (sconv) {
            // As DTrace: a value takes its type's signedness, so %d of an
            // unsigned value prints it unsigned.
            if (!v->isSigned && c.length != "hh" && c.length != "h") {
                emit(spec + "llu", static_cast<unsigned long long>(zeroExtend(v->bits, v->size)));
                continue;
            }
            int64_t x = v->isSigned ? signExtend(v->bits, v->size)
                                    : static_cast<int64_t>(zeroExtend(v->bits, v->size));
            if (c.length == "hh")
                x = static_cast<signed char>(x);
            else if (c.length == "h")
                x = static_cast<short>(x);
            emit(spec + "ll" + c.conv, static_cast<long long>(x));
        } else {
            uint64_t x = zeroExtend(v->bits, v->size);
            if (c.length == "hh")
                x = static_cast<unsigned char>(x);
            else if (c.length == "h")
                x = static_cast<unsigned short>(x);
            emit(spec + "ll" + c.conv, static_cast<unsigned long long>(x));
        }
        (void)isIntConv;
    }
    return out;
}

} // namespace dt::output
