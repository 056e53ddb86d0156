#include "output/printf.h"

#include <cstdio>
#include <cstring>

namespace dt::output {

Value Value::integer(uint64_t bits, unsigned size, bool isSigned) {
    Value v;
    v.kind = Kind::Int;
    v.bits = bits;
    v.size = size;
    v.isSigned = isSigned;
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
        return a.kind == K::Float || a.kind == K::Int;
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
        while (i < fmt.size() && strchr("-+ #0'", fmt[i]))
            c.flags += fmt[i++];
        if (i < fmt.size() && fmt[i] == '?') {
            c.width = 16; // pointer width on 64-bit
            i++;
        } else if (i < fmt.size() && fmt[i] == '*') {
            c.widthStar = true;
            i++;
        } else {
            int w = -1;
            while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i])))
                w = (w < 0 ? 0 : w * 10) + (fmt[i++] - '0');
            c.width = w;
        }
        if (i < fmt.size() && fmt[i] == '.') {
            i++;
            if (i < fmt.size() && fmt[i] == '*') {
                c.precisionStar = true;
                i++;
            } else {
                int p = 0;
                while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i])))
                    p = p * 10 + (fmt[i++] - '0');
                c.precision = p;
            }
        }
        if (i < fmt.size() && fmt[i] == '@') {
            c.aggValue = true;
            i++;
        }
        static const char* const lengths[] = {"hh", "ll", "h", "l", "L", "z", "j", "t"};
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
        if (c.aggValue) continue; // printa's value: no argument
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
    std::string out;
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
        if (c.aggValue && aggText) {
            out += *aggText;
            continue;
        }
        const Value* v = c.aggValue ? agg : next();
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
        if (c.conv == 's' || c.conv == 'S') {
            std::string str = v->kind == Value::Kind::String ? v->str : std::to_string(v->bits);
            emit(spec + "s", str.c_str());
            continue;
        }
        if (c.conv == 'c') {
            emit(spec + "c", static_cast<int>(static_cast<unsigned char>(v->bits)));
            continue;
        }
        if (strchr("eEfFgG", c.conv)) {
            double d;
            if (v->size == 8 && v->kind == Value::Kind::Int) {
                uint64_t b = v->bits;
                memcpy(&d, &b, 8);
            } else {
                d = static_cast<double>(signExtend(v->bits, v->size));
            }
            emit(spec + c.conv, d);
            continue;
        }
        // %a, %A and %k of symbolized values (output/symbols.h): their text.
        if (strchr("aAk", c.conv) && v->kind == Value::Kind::String) {
            emit(spec + "s", v->str.c_str());
            continue;
        }
        if (c.conv == 'p' || c.conv == 'a' || c.conv == 'A') {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "0x%llx", static_cast<unsigned long long>(v->bits));
            emit(spec + "s", static_cast<const char*>(tmp));
            continue;
        }
        // Integers: the value takes its type's size, then the length modifier.
        bool sconv = isSignedConv(c.conv);
        if (sconv) {
            // As DTrace: 1- and 2-byte values are promoted without sign
            // extension; 4- and 8-byte ones keep their sign for %d.
            int64_t x = v->size < 4 ? static_cast<int64_t>(zeroExtend(v->bits, v->size))
                                    : signExtend(v->bits, v->size);
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
