// The rawtp provider: the raw tracepoint behind every tracefs event
// (rawtp:CATEGORY::EVENT, as Oracle's DTrace for Linux), attached as a
// BPF_PROG_TYPE_RAW_TRACEPOINT program.  args[i] are the tracepoint's own
// arguments (real kernel pointers such as sched_switch's struct
// task_struct *prev), typed from the kernel BTF's btf_trace_EVENT typedef.
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "providers/provider.h"
#include "runtime/tracefs.h"
#include "sema/btf.h"

namespace dt {

// The C spelling of a BTF type, as the front end resolves type names
// (typeFromString): "struct task_struct *", "long unsigned int", "u64".
// Types it cannot spell (anonymous aggregates, function pointers) become a
// word (uint64_t) or a void pointer.
std::string btfTypeSpelling(const btf* b, uint32_t id) {
    if (id == 0) return "void";
    const btf_type* t = btf__type_by_id(b, id);
    if (!t) return "uint64_t";
    const char* n = btf__name_by_offset(b, t->name_off);
    std::string name = n ? n : "";
    switch (btf_kind(t)) {
    case BTF_KIND_INT:
    case BTF_KIND_FLOAT:
    case BTF_KIND_TYPEDEF:
        return name.empty() ? "uint64_t" : name;
    case BTF_KIND_STRUCT:
    case BTF_KIND_UNION:
    case BTF_KIND_ENUM:
    case BTF_KIND_ENUM64:
    case BTF_KIND_FWD: {
        if (name.empty()) return "uint64_t";
        int k = btf_kind(t);
        const char* kw = k == BTF_KIND_STRUCT  ? "struct "
                         : k == BTF_KIND_UNION ? "union "
                         : k == BTF_KIND_FWD   ? (btf_kflag(t) ? "union " : "struct ")
                                               : "enum ";
        return kw + name;
    }
    case BTF_KIND_PTR: {
        const btf_type* to = btf__type_by_id(b, t->type);
        std::string target = btfTypeSpelling(b, t->type);
        // Skip qualifiers to see what is pointed at.
        uint32_t tid = t->type;
        while (to && (btf_kind(to) == BTF_KIND_CONST || btf_kind(to) == BTF_KIND_VOLATILE ||
                      btf_kind(to) == BTF_KIND_RESTRICT || btf_kind(to) == BTF_KIND_TYPE_TAG)) {
            tid = to->type;
            to = btf__type_by_id(b, tid);
        }
        if (!to || btf_kind(to) == BTF_KIND_FUNC_PROTO || target == "uint64_t") return "void *";
        return target + (target.back() == '*' ? "*" : " *");
    }
    case BTF_KIND_CONST: {
        std::string inner = btfTypeSpelling(b, t->type);
        return inner.back() == '*' ? inner : "const " + inner;
    }
    case BTF_KIND_VOLATILE:
    case BTF_KIND_RESTRICT:
    case BTF_KIND_TYPE_TAG:
        return btfTypeSpelling(b, t->type);
    case BTF_KIND_ARRAY: {
        const struct btf_array* a = btf_array(t);
        return btfTypeSpelling(b, a->type) + " [" + std::to_string(a->nelems) + "]";
    }
    default:
        return "uint64_t";
    }
}

// The prototype of a raw tracepoint's BPF hook: btf_trace_EVENT is a
// pointer to a function whose first parameter is the hook's private data;
// the rest are the tracepoint's arguments.
const btf_type* rawTracepointPrototype(const std::string& event) {
    const btf* b = vmlinuxBtf();
    if (!b) return nullptr;
    int id = btf__find_by_name_kind(b, ("btf_trace_" + event).c_str(), BTF_KIND_TYPEDEF);
    if (id <= 0) return nullptr;
    const btf_type* t = btf__type_by_id(b, static_cast<uint32_t>(id));
    t = t ? btf__type_by_id(b, t->type) : nullptr; // the pointer
    t = t && btf_kind(t) == BTF_KIND_PTR ? btf__type_by_id(b, t->type) : nullptr;
    return t && btf_kind(t) == BTF_KIND_FUNC_PROTO ? t : nullptr;
}

namespace {

class RawtpProvider : public Provider {
  public:
    std::string_view name() const override { return "rawtp"; }
    ProviderAttributes attributes() const override { return tracepointAttributes(); }
    bool mightMatch(const std::string& module, const std::string& function,
                    const std::string& name) const override {
        return tracepointMightMatch(module, function, name);
    }
    void enumerate(ProbeRegistry& reg) override {
        addTracepointProbes(reg, "rawtp", AttachKind::RawTracepoint, ArgLayout::RawArgs);
    }
    void describe(Probe& p) override {
        p.argsState = ArgsState::Known;
        const btf_type* t = rawTracepointPrototype(p.tpName);
        if (!t) return;
        const btf_param* params = btf_params(t);
        for (unsigned i = 1; i < btf_vlen(t); i++) {
            if (p.argTypes.size() == 10) break;
            ProbeArg a;
            a.native = btfTypeSpelling(vmlinuxBtf(), params[i].type);
            p.argTypes.push_back(std::move(a));
        }
        p.rawArgCount = static_cast<int>(btf_vlen(t) > 0 ? btf_vlen(t) - 1 : 0);
    }
};

} // namespace

std::unique_ptr<Provider> makeRawtpProvider() {
    return std::make_unique<RawtpProvider>();
}

} // namespace dt
