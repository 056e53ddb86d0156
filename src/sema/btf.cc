#include "sema/btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <algorithm>

#include "sema/types.h"

namespace dt {

::btf* vmlinuxBtf() {
    static ::btf* loaded = [] {
        ::btf* b = btf__load_vmlinux_btf();
        return libbpf_get_error(b) ? nullptr : b;
    }();
    return loaded;
}

bool KernelBtf::available() {
    if (!tried_) {
        tried_ = true;
        btf_ = vmlinuxBtf();
    }
    return btf_ != nullptr;
}

std::optional<uint32_t> KernelBtf::memberOffset(const std::string& structName,
                                                const std::string& member) {
    if (!available()) return std::nullopt;
    int id = btf__find_by_name_kind(btf_, structName.c_str(), BTF_KIND_STRUCT);
    if (id < 0) return std::nullopt;
    return memberIn(id, member);
}

// Searches anonymous struct and union members too (a kernel may move a
// member into one, e.g. dentry.d_name).
std::optional<uint32_t> KernelBtf::memberIn(int id, const std::string& member) {
    const struct btf_type* t = btf__type_by_id(btf_, id);
    const struct btf_member* m = btf_members(t);
    for (unsigned i = 0; i < btf_vlen(t); i++, m++) {
        const char* n = btf__name_by_offset(btf_, m->name_off);
        if (n && member == n) return btf_member_bit_offset(t, i) / 8;
        if (n && *n) continue;
        int inner = btf__resolve_type(btf_, m->type);
        const struct btf_type* it = inner < 0 ? nullptr : btf__type_by_id(btf_, inner);
        if (!it || (!btf_is_struct(it) && !btf_is_union(it))) continue;
        if (auto off = memberIn(inner, member)) return btf_member_bit_offset(t, i) / 8 + *off;
    }
    return std::nullopt;
}

const Type* KernelBtf::type(TypeTable& types, const std::string& kind, const std::string& name) {
    if (!available()) return nullptr;
    int id = -1;
    if (kind == "struct")
        id = btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_STRUCT);
    else if (kind == "union")
        id = btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_UNION);
    else if (kind == "enum") {
        id = btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_ENUM);
        if (id < 0) id = btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_ENUM64);
    } else {
        id = btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_TYPEDEF);
        if (id < 0) id = btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_INT);
    }
    if (id <= 0) return nullptr;
    const Type* t = convert(types, static_cast<uint32_t>(id));
    complete(types, t);
    return t;
}

void KernelBtf::complete(TypeTable& types, const Type* t) {
    auto it = pending_.find(t);
    if (it == pending_.end()) return;
    uint32_t id = it->second;
    pending_.erase(it);
    fill(types, const_cast<Type*>(t), id);
}

// One BTF type as a D type.  Structs and unions are made as empty shells
// first (so self-references end), filled by complete() when a script needs
// their members.
const Type* KernelBtf::convert(TypeTable& types, uint32_t id) {
    if (id == 0) return types.voidType();
    if (auto it = converted_.find(id); it != converted_.end()) return it->second;
    const btf_type* bt = btf__type_by_id(btf_, id);
    if (!bt) return types.voidType();
    const char* n = btf__name_by_offset(btf_, bt->name_off);
    std::string name = n ? n : "";
    const Type* r = nullptr;
    switch (btf_kind(bt)) {
    case BTF_KIND_INT: {
        uint32_t enc = btf_int_encoding(bt);
        if (name == "char")
            r = types.charType();
        else
            r = types.integer(bt->size, (enc & BTF_INT_SIGNED) != 0);
        if (!r) r = types.integer(8, false); // __int128: as wide as D has
        break;
    }
    case BTF_KIND_PTR:
        converted_[id] = types.pointerTo(types.voidType()); // placeholder against cycles
        r = types.pointerTo(convert(types, bt->type));
        break;
    case BTF_KIND_ARRAY: {
        const struct btf_array* a = btf_array(bt);
        r = types.arrayOf(convert(types, a->type), a->nelems);
        break;
    }
    case BTF_KIND_STRUCT:
    case BTF_KIND_UNION: {
        Type t;
        t.kind = btf_kind(bt) == BTF_KIND_STRUCT ? Type::Kind::Struct : Type::Kind::Union;
        t.name = (t.kind == Type::Kind::Struct ? "struct " : "union ") +
                 (name.empty() ? std::string("(anon)") : name);
        t.size = bt->size;
        t.align = 1;
        Type* nt = types.create(std::move(t));
        converted_[id] = nt;
        pending_[nt] = id;
        if (name.empty()) complete(types, nt); // anonymous members are reached directly
        return nt;
    }
    case BTF_KIND_FWD: {
        Type t;
        t.kind = btf_kflag(bt) ? Type::Kind::Union : Type::Kind::Struct;
        t.name = (btf_kflag(bt) ? "union " : "struct ") + name;
        t.complete = false;
        r = types.create(std::move(t));
        break;
    }
    case BTF_KIND_ENUM:
    case BTF_KIND_ENUM64: {
        Type t;
        t.kind = Type::Kind::Enum;
        t.name = "enum " + (name.empty() ? std::string("(anon)") : name);
        t.size = t.align = bt->size;
        t.isSigned = btf_kflag(bt);
        if (btf_kind(bt) == BTF_KIND_ENUM) {
            const struct btf_enum* e = btf_enum(bt);
            for (unsigned i = 0; i < btf_vlen(bt); i++, e++)
                t.enums.emplace_back(btf__name_by_offset(btf_, e->name_off), e->val);
        }
        r = types.create(std::move(t));
        break;
    }
    case BTF_KIND_TYPEDEF: {
        Type t;
        t.kind = Type::Kind::Typedef;
        t.name = name;
        converted_[id] = types.intType(); // placeholder against cycles
        t.target = convert(types, bt->type);
        t.size = t.target->resolve()->size;
        t.align = t.target->resolve()->align;
        r = types.create(std::move(t));
        break;
    }
    case BTF_KIND_VOLATILE:
    case BTF_KIND_CONST:
    case BTF_KIND_RESTRICT:
    case BTF_KIND_TYPE_TAG:
        r = convert(types, bt->type);
        break;
    case BTF_KIND_FLOAT:
        r = types.lookup(bt->size == 4 ? "float" : bt->size == 8 ? "double" : "long double");
        break;
    case BTF_KIND_FUNC_PROTO: {
        Type t;
        t.kind = Type::Kind::Function;
        t.target = convert(types, bt->type);
        t.name = t.target->name + " ()";
        r = types.create(std::move(t));
        break;
    }
    default:
        r = types.voidType();
        break;
    }
    converted_[id] = r;
    return r;
}

void KernelBtf::fill(TypeTable& types, Type* t, uint32_t id) {
    const btf_type* bt = btf__type_by_id(btf_, id);
    const btf_member* m = btf_members(bt);
    uint32_t align = 1;
    for (unsigned i = 0; i < btf_vlen(bt); i++, m++) {
        Type::Member mem;
        const char* n = btf__name_by_offset(btf_, m->name_off);
        mem.name = n ? n : "";
        mem.type = convert(types, m->type);
        mem.offsetBits = btf_member_bit_offset(bt, i);
        mem.bitWidth = btf_member_bitfield_size(bt, i);
        align = std::max(align, mem.type->resolve()->align);
        t->members.push_back(std::move(mem));
    }
    t->align = std::min<uint32_t>(align, 8);
}

} // namespace dt
