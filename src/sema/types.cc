#include "sema/types.h"

#include <algorithm>

namespace dt {

const Type* Type::resolve() const {
    const Type* t = this;
    while (t->kind == Kind::Typedef)
        t = t->target;
    return t;
}
bool Type::isInteger() const {
    auto k = resolve()->kind;
    return k == Kind::Int || k == Kind::Enum;
}
bool Type::isPointer() const {
    return resolve()->kind == Kind::Pointer;
}
bool Type::isArithmetic() const {
    auto k = resolve()->kind;
    return k == Kind::Int || k == Kind::Enum || k == Kind::Float;
}
bool Type::isScalar() const {
    return isArithmetic() || isPointer();
}
bool Type::isString() const {
    return resolve()->kind == Kind::String;
}
bool Type::isVoid() const {
    return resolve()->kind == Kind::Void;
}

Type* TypeTable::add(Type t) {
    storage_.push_back(std::move(t));
    return &storage_.back();
}

Type* TypeTable::create(Type t) {
    return add(std::move(t));
}

TypeTable::TypeTable() {
    void_ = add({.kind = Type::Kind::Void, .name = "void", .size = 0});
    names_["void"] = void_;
    struct IntDef {
        const char* names[4];
        unsigned size;
        bool isSigned;
        bool isChar;
    };
    const IntDef defs[] = {
        {{"char", "signed char", "int8_t", nullptr}, 1, true, true},
        {{"unsigned char", "uchar_t", "uint8_t", nullptr}, 1, false, true},
        {{"short", "signed short", "int16_t", "short int"}, 2, true, false},
        {{"unsigned short", "ushort_t", "uint16_t", "unsigned short int"}, 2, false, false},
        {{"int", "signed int", "int32_t", "signed"}, 4, true, false},
        {{"unsigned int", "uint_t", "uint32_t", "unsigned"}, 4, false, false},
        {{"long", "signed long", "int64_t", "long int"}, 8, true, false},
        {{"unsigned long", "ulong_t", "uint64_t", "unsigned long int"}, 8, false, false},
        {{"long long", "signed long long", "longlong_t", "long long int"}, 8, true, false},
        {{"unsigned long long", "u_longlong_t", "unsigned long long int", nullptr},
         8,
         false,
         false},
    };
    for (const auto& d : defs) {
        Type* t = add({.kind = Type::Kind::Int,
                       .name = d.names[0],
                       .size = d.size,
                       .align = d.size,
                       .isSigned = d.isSigned,
                       .isChar = d.isChar});
        for (const char* n : d.names)
            if (n) names_[n] = t;
        if (!ints_.count({d.size, d.isSigned})) ints_[{d.size, d.isSigned}] = t;
    }
    char_ = names_["char"];
    int_ = names_["int"];
    uint_ = names_["unsigned int"];
    long_ = names_["long"];
    ulong_ = names_["unsigned long"];
    ll_ = names_["long long"];
    ull_ = names_["unsigned long long"];
    // The 8-byte ints that C's conversions pick are long/unsigned long.
    ints_[{8, true}] = long_;
    ints_[{8, false}] = ulong_;
    names_["intptr_t"] = long_;
    names_["uintptr_t"] = ulong_;
    names_["size_t"] = ulong_;
    names_["ssize_t"] = long_;
    names_["ptrdiff_t"] = long_;
    names_["pid_t"] = int_;
    names_["id_t"] = int_;
    names_["uid_t"] = uint_;
    names_["gid_t"] = uint_;
    names_["processorid_t"] = int_;
    names_["hrtime_t"] = ll_;
    // C99's boolean, as Oracle's D has it: a one-byte unsigned integer
    // that keeps its name (print() shows "(bool)1").
    names_["bool"] = names_["_Bool"] =
        add({.kind = Type::Kind::Int, .name = "bool", .size = 1, .align = 1});
    names_["boolean_t"] = int_;
    // From DTrace's network library (net.d): an IPv4 address.
    names_["ipaddr_t"] = uint_;
    names_["in_addr_t"] = uint_;
    string_ = stringMutable_ =
        add({.kind = Type::Kind::String, .name = "string", .size = 256, .align = 1});
    names_["string"] = string_;
    Type f = {.kind = Type::Kind::Float, .name = "float", .size = 4, .align = 4, .isSigned = true};
    names_["float"] = add(f);
    f.name = "double";
    f.size = f.align = 8;
    names_["double"] = add(f);
    f.name = "long double";
    f.size = f.align = 16;
    names_["long double"] = add(f);
}

const Type* TypeTable::lookup(const std::string& name) const {
    auto it = names_.find(name);
    return it == names_.end() ? nullptr : it->second;
}

const Type* TypeTable::integer(unsigned bytes, bool isSigned) const {
    auto it = ints_.find({bytes, isSigned});
    return it == ints_.end() ? nullptr : it->second;
}

const Type* TypeTable::pointerTo(const Type* t) {
    auto key = std::make_pair(t, uint64_t{0});
    auto it = derived_.find(key);
    if (it != derived_.end()) return it->second;
    std::string n = t->name;
    n += (n.empty() || n.back() == '*') ? "*" : " *";
    const Type* p =
        add({.kind = Type::Kind::Pointer, .name = n, .size = 8, .align = 8, .target = t});
    derived_[key] = p;
    return p;
}

const Type* TypeTable::arrayOf(const Type* t, uint64_t n) {
    auto key = std::make_pair(t, n + 1);
    auto it = derived_.find(key);
    if (it != derived_.end()) return it->second;
    const Type* a = add({.kind = Type::Kind::Array,
                         .name = t->name + " [" + std::to_string(n) + "]",
                         .size = t->size * n,
                         .align = t->align,
                         .target = t,
                         .count = n});
    derived_[key] = a;
    return a;
}

const Type* promote(TypeTable& tt, const Type* t) {
    const Type* r = t->resolve();
    if (r->kind == Type::Kind::Enum) return tt.intType();
    return t;
}

const Type* arithmeticResult(TypeTable& tt, const Type* a, const Type* b) {
    const Type* pa = promote(tt, a)->resolve();
    const Type* pb = promote(tt, b)->resolve();
    int ra = static_cast<int>(pa->size) * 8 + !pa->isSigned;
    int rb = static_cast<int>(pb->size) * 8 + !pb->isSigned;
    return rb > ra ? pb : pa;
}

bool isStructOrUnion(const Type* t) {
    auto k = t->resolve()->kind;
    return k == Type::Kind::Struct || k == Type::Kind::Union;
}

void layoutMembers(Type& t) {
    uint64_t pos = 0, end = 0; // in bits
    uint32_t align = 1;
    bool isUnion = t.kind == Type::Kind::Union;
    for (auto& m : t.members) {
        const Type* mt = m.type->resolve();
        uint64_t size = mt->size * 8;
        uint32_t a = std::max<uint32_t>(1, mt->align);
        if (isUnion) {
            m.offsetBits = 0;
            uint64_t bits = m.bitWidth ? (m.bitWidth + 7) / 8 * 8 : size;
            end = std::max(end, bits);
        } else if (m.bitWidth) {
            // A bit-field starts in the current unit of its type if it fits
            // there, else at the next unit boundary.
            uint64_t unit = size ? size : 8;
            if (pos / unit != (pos + m.bitWidth - 1) / unit) pos = (pos + unit - 1) / unit * unit;
            m.offsetBits = pos;
            pos += m.bitWidth;
            end = pos;
        } else {
            pos = (pos + a * 8 - 1) / (a * 8) * (a * 8);
            m.offsetBits = pos;
            pos += size;
            end = pos;
        }
        if (!m.name.empty() || !m.bitWidth) align = std::max(align, a);
    }
    uint64_t bytes = (end + 7) / 8;
    t.size = (bytes + align - 1) / align * align;
    t.align = align;
}

std::optional<Type::Member> findMember(const Type* t, const std::string& name) {
    const Type* r = t->resolve();
    for (const auto& m : r->members) {
        if (m.name == name) return m;
        if (m.name.empty() && isStructOrUnion(m.type)) {
            if (auto inner = findMember(m.type, name)) {
                inner->offsetBits += m.offsetBits;
                return inner;
            }
        }
    }
    return std::nullopt;
}

bool isCharSequence(const Type* t) {
    const Type* r = t->resolve();
    return (r->kind == Type::Kind::Array || r->kind == Type::Kind::Pointer) && r->target &&
           r->target->resolve()->isChar;
}

} // namespace dt
