#include "runtime/funcinfo.h"

#include <linux/btf.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "diag/diag.h"
#include "util/format.h"

namespace dt {

namespace {

void put32(std::vector<uint8_t>& out, uint32_t v) {
    uint8_t b[4];
    memcpy(b, &v, 4);
    out.insert(out.end(), b, b + 4);
}

} // namespace

ProgFuncInfo makeFuncInfo(const std::vector<size_t>& starts) {
    std::string strings(1, '\0');
    auto name = [&](const std::string& s) {
        uint32_t off = static_cast<uint32_t>(strings.size());
        strings += s;
        strings += '\0';
        return off;
    };
    std::vector<uint8_t> types;
    // [1] int
    put32(types, name("int"));
    put32(types, BTF_KIND_INT << 24);
    put32(types, 4);
    put32(types, (BTF_INT_SIGNED << 24) | 32);
    // [2] int (void): the prototype every subprogram shares
    put32(types, 0);
    put32(types, BTF_KIND_FUNC_PROTO << 24);
    put32(types, 1);
    ProgFuncInfo fi;
    for (size_t i = 0; i < starts.size(); i++) {
        put32(types, name(format("dt_fn{}", i)));
        put32(types, (BTF_KIND_FUNC << 24) | BTF_FUNC_STATIC);
        put32(types, 2);
        fi.records.push_back({static_cast<uint32_t>(starts[i]), static_cast<uint32_t>(3 + i)});
    }
    struct btf_header h = {};
    h.magic = BTF_MAGIC;
    h.version = BTF_VERSION;
    h.hdr_len = sizeof(h);
    h.type_off = 0;
    h.type_len = static_cast<uint32_t>(types.size());
    h.str_off = h.type_len;
    h.str_len = static_cast<uint32_t>(strings.size());
    std::vector<uint8_t> blob(sizeof(h));
    memcpy(blob.data(), &h, sizeof(h));
    blob.insert(blob.end(), types.begin(), types.end());
    blob.insert(blob.end(), strings.begin(), strings.end());
    int fd = bpf_btf_load(blob.data(), blob.size(), nullptr);
    if (fd < 0) throw Error(format("failed to load program BTF: {}", strerror(errno)));
    fi.btf = Fd(fd);
    return fi;
}

} // namespace dt
