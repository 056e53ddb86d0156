#include "codegen/print_types.h"

namespace dt::codegen {

std::string printTypeName(const Type* t) {
    switch (t->kind) {
    case Type::Kind::Struct:
    case Type::Kind::Union:
    case Type::Kind::Enum: {
        std::string n = t->name;
        if (n.size() > 7 && n.compare(n.size() - 7, 7, " (anon)") == 0) n.resize(n.size() - 7);
        return n;
    }
    case Type::Kind::Array:
        return printTypeName(t->target) + " [" + std::to_string(t->count) + "]";
    case Type::Kind::Pointer: {
        std::string n = printTypeName(t->target);
        return n + (n.empty() || n.back() == '*' ? "*" : " *");
    }
    default:
        return t->name;
    }
}

int PrintTypes::add(const Type* t) {
    if (auto it = ids_.find(t); it != ids_.end()) return it->second;
    const Type* r = t->resolve();
    output::PrintType p;
    p.name = printTypeName(t);
    p.size = static_cast<uint32_t>(r->size);
    p.isSigned = r->isSigned;
    using K = output::PrintType::Kind;
    switch (r->kind) {
    case Type::Kind::Int:
        p.kind = r->isChar && (r->name == "char" || r->name == "signed char") ? K::Char : K::Int;
        break;
    case Type::Kind::Float:
        p.kind = K::Float;
        break;
    case Type::Kind::Pointer:
        p.kind = K::Pointer;
        p.size = 8;
        break;
    case Type::Kind::String:
        p.kind = K::String;
        break;
    case Type::Kind::Enum:
        p.kind = K::Enum;
        p.enumerators = r->enums;
        break;
    case Type::Kind::Struct:
    case Type::Kind::Union:
        p.kind = r->kind == Type::Kind::Struct ? K::Struct : K::Union;
        break;
    case Type::Kind::Array:
        p.kind = K::Array;
        p.count = static_cast<uint32_t>(r->count);
        break;
    default:
        p.kind = K::Other;
        break;
    }
    int id = static_cast<int>(table_.size());
    table_.push_back(std::move(p));
    ids_[t] = id;
    // Members and elements after the entry itself (a struct holds no copy
    // of itself, so this ends).
    if (r->kind == Type::Kind::Array && r->target) {
        int e = add(r->target);
        table_[static_cast<size_t>(id)].element = e;
    } else if (r->kind == Type::Kind::Struct || r->kind == Type::Kind::Union) {
        std::vector<output::PrintType::Member> members;
        for (const auto& m : r->members)
            members.push_back({m.name, add(m.type), m.offsetBits, m.bitWidth});
        table_[static_cast<size_t>(id)].members = std::move(members);
    }
    return id;
}

} // namespace dt::codegen
