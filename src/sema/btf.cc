#include "sema/btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

namespace dt {

KernelBtf::~KernelBtf() {
    if (btf_) btf__free(btf_);
}

std::optional<uint32_t> KernelBtf::memberOffset(const std::string& structName,
                                                const std::string& member) {
    if (!tried_) {
        tried_ = true;
        btf_ = btf__load_vmlinux_btf();
        if (libbpf_get_error(btf_)) btf_ = nullptr;
    }
    if (!btf_) return std::nullopt;
    int id = btf__find_by_name_kind(btf_, structName.c_str(), BTF_KIND_STRUCT);
    if (id < 0) return std::nullopt;
    const struct btf_type* t = btf__type_by_id(btf_, id);
    const struct btf_member* m = btf_members(t);
    for (unsigned i = 0; i < btf_vlen(t); i++, m++) {
        const char* n = btf__name_by_offset(btf_, m->name_off);
        if (n && member == n) return btf_member_bit_offset(t, i) / 8;
    }
    return std::nullopt;
}

} // namespace dt
