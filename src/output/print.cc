#include "output/print.h"

#include <cctype>
#include <cinttypes>
#include <cstring>

#include <algorithm>

namespace dt::output {

namespace {

// DTrace's layout: one member a line, indented one column per level past
// the 44 columns of "CPU ID FUNCTION:NAME "; ".name = (type)value,".  A
// struct's closing brace waits until a line at its level or above comes
// (so an ellipsis for a member cut off by printsize comes before the
// braces of the members it ends).
class Walker {
  public:
    Walker(const std::vector<PrintType>& types, const uint8_t* data, size_t size, size_t end)
        : types_(types), data_(data), size_(size), end_(end) {}

    void value(int depth, const std::string& name, int type, uint64_t offsetBits, uint32_t bitWidth,
               bool top, bool inArray);
    std::string finish() {
        flush(0);
        return std::move(out_);
    }

  private:
    void line(int depth, const std::string& text) {
        flush(depth);
        out_.append(44 + static_cast<size_t>(depth), ' ');
        out_ += text;
        out_ += '\n';
    }
    // Closes the structs, unions and arrays opened at `depth` or deeper.
    void flush(int depth) {
        while (!closers_.empty() && closers_.back().first >= depth) {
            out_.append(44 + static_cast<size_t>(closers_.back().first), ' ');
            out_ += closers_.back().second;
            out_ += '\n';
            closers_.pop_back();
        }
    }
    bool zero(uint64_t offsetBits, uint32_t bitWidth, uint64_t size) const;
    uint64_t bits(uint64_t offsetBits, uint32_t bitWidth, uint32_t size) const;
    std::string scalarText(const PrintType& t, uint64_t offsetBits, uint32_t bitWidth) const;

    const std::vector<PrintType>& types_;
    const uint8_t* data_;
    size_t size_; // the bytes recorded
    size_t end_;  // the bytes shown (printsize)
    std::string out_;
    std::vector<std::pair<int, std::string>> closers_;
    bool stopped_ = false;
};

bool Walker::zero(uint64_t offsetBits, uint32_t bitWidth, uint64_t size) const {
    if (bitWidth) return bits(offsetBits, bitWidth, 0) == 0;
    uint64_t from = offsetBits / 8;
    for (uint64_t i = from; i < from + size && i < end_; i++)
        if (data_[i]) return false;
    return true;
}

// An integer of `size` bytes at offsetBits/8, or a bit-field's bits.
uint64_t Walker::bits(uint64_t offsetBits, uint32_t bitWidth, uint32_t size) const {
    uint64_t v = 0;
    if (bitWidth) {
        uint64_t first = offsetBits / 8;
        uint32_t shift = static_cast<uint32_t>(offsetBits % 8);
        uint32_t nbytes = (shift + bitWidth + 7) / 8;
        unsigned __int128 w = 0;
        for (uint32_t i = 0; i < nbytes && first + i < size_; i++)
            w |= static_cast<unsigned __int128>(data_[first + i]) << (8 * i);
        w >>= shift;
        v = static_cast<uint64_t>(w);
        if (bitWidth < 64) v &= (1ULL << bitWidth) - 1;
        return v;
    }
    uint64_t at = offsetBits / 8;
    if (at < size_) memcpy(&v, data_ + at, std::min<uint64_t>({size, 8, size_ - at}));
    return v;
}

std::string Walker::scalarText(const PrintType& t, uint64_t offsetBits, uint32_t bitWidth) const {
    char buf[64];
    uint32_t size = t.size > 8 ? 8 : t.size;
    uint64_t v = bits(offsetBits, bitWidth, size);
    uint32_t width = bitWidth ? bitWidth : 8 * size;
    int64_t sv = static_cast<int64_t>(v);
    if (t.isSigned && width < 64 && width > 0)
        sv = static_cast<int64_t>(v << (64 - width)) >> (64 - width);
    switch (t.kind) {
    case PrintType::Kind::Pointer:
        snprintf(buf, sizeof buf, "0x%" PRIx64, v);
        return buf;
    case PrintType::Kind::Char:
        if (!bitWidth && v < 0x80 && isprint(static_cast<int>(v))) {
            snprintf(buf, sizeof buf, "'%c'", static_cast<char>(v));
            return buf;
        }
        break;
    case PrintType::Kind::Enum:
        for (const auto& [name, value] : t.enumerators)
            if (value == (t.isSigned ? sv : static_cast<int64_t>(v))) return name;
        break;
    case PrintType::Kind::Float:
        if (t.size == 4 && offsetBits / 8 + 4 <= size_) {
            float f;
            memcpy(&f, data_ + offsetBits / 8, 4);
            snprintf(buf, sizeof buf, "%g", static_cast<double>(f));
            return buf;
        }
        if (t.size == 8 && offsetBits / 8 + 8 <= size_) {
            double d;
            memcpy(&d, data_ + offsetBits / 8, 8);
            snprintf(buf, sizeof buf, "%g", d);
            return buf;
        }
        snprintf(buf, sizeof buf, "0x%" PRIx64, v);
        return buf;
    default:
        break;
    }
    if (t.isSigned)
        snprintf(buf, sizeof buf, "%" PRId64, sv);
    else
        snprintf(buf, sizeof buf, "%" PRIu64, v);
    return buf;
}

void Walker::value(int depth, const std::string& name, int type, uint64_t offsetBits,
                   uint32_t bitWidth, bool top, bool inArray) {
    if (stopped_ || type < 0 || static_cast<size_t>(type) >= types_.size()) return;
    const PrintType& t = types_[static_cast<size_t>(type)];
    // (Aggregates and strings show what fits; other values fit whole or
    // not at all.)
    bool aggregate = t.kind == PrintType::Kind::Struct || t.kind == PrintType::Kind::Union ||
                     t.kind == PrintType::Kind::Array || t.kind == PrintType::Kind::String;
    uint64_t start = offsetBits / 8;
    uint64_t need = bitWidth ? (offsetBits % 8 + bitWidth + 7) / 8 : t.size;
    if (!top && (start >= end_ || (!aggregate && start + need > end_))) {
        // Past printsize: an ellipsis where it was cut, and nothing after.
        out_.append(44 + static_cast<size_t>(depth), ' ');
        out_ += "...\n";
        stopped_ = true;
        return;
    }
    if (!top && !inArray && zero(offsetBits, bitWidth, t.size)) return;
    std::string head = name.empty() ? "" : "." + name + " = ";
    head += "(" + t.name + ")";
    const char* comma = top ? "" : ",";
    switch (t.kind) {
    case PrintType::Kind::Struct:
    case PrintType::Kind::Union:
        line(depth, head + " {");
        closers_.emplace_back(depth, std::string("}") + comma);
        for (const auto& m : t.members)
            value(depth + 1, m.name, m.type, offsetBits + m.offsetBits, m.bitWidth, false, false);
        return;
    case PrintType::Kind::Array: {
        line(depth, head + " [");
        closers_.emplace_back(depth, std::string("]") + comma);
        if (t.element < 0 || static_cast<size_t>(t.element) >= types_.size()) return;
        const PrintType& et = types_[static_cast<size_t>(t.element)];
        for (uint32_t i = 0; i < t.count && !stopped_; i++) {
            uint64_t at = offsetBits / 8 + static_cast<uint64_t>(i) * et.size;
            // Elements are shown while they fit; a char array ends at its NUL.
            if (at + et.size > end_) break;
            if (et.kind == PrintType::Kind::Char && data_[at] == 0) break;
            value(depth + 1, "", t.element, at * 8, 0, false, true);
        }
        if (!stopped_) flush(depth);
        return;
    }
    case PrintType::Kind::String: {
        size_t n = 0;
        while (n < t.size && start + n < end_ && data_[start + n])
            n++;
        line(depth, head + "\"" + std::string(reinterpret_cast<const char*>(data_ + start), n) +
                        "\"" + comma);
        return;
    }
    default:
        line(depth, head + scalarText(t, offsetBits, bitWidth) + comma);
        return;
    }
}

} // namespace

std::string printText(const std::vector<PrintType>& types, int type, uint64_t addr,
                      const uint8_t* data, size_t size, size_t limit) {
    char buf[48];
    snprintf(buf, sizeof buf, "0x%" PRIx64 " = *\n", addr);
    Walker w(types, data, size, limit < size ? limit : size);
    w.value(0, "", type, 0, 0, true, false);
    return buf + w.finish();
}

} // namespace dt::output
