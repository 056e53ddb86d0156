// The kernel's BTF (/sys/kernel/btf/vmlinux), loaded lazily the first time
// a program needs a kernel type, so start-up pays nothing otherwise.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

struct btf; // libbpf

namespace dt {

struct Type;
class TypeTable;

// The kernel's BTF, loaded once per process on first use (null if the
// kernel has none); shared by the front end and the providers.
::btf* vmlinuxBtf();

class KernelBtf {
  public:
    KernelBtf() = default;
    ~KernelBtf() = default;
    KernelBtf(const KernelBtf&) = delete;
    KernelBtf& operator=(const KernelBtf&) = delete;
    // Byte offset of `member` in `struct name`, if the kernel has them.
    std::optional<uint32_t> memberOffset(const std::string& structName, const std::string& member);

    // Kernel types as D types, converted on first use: `kind` is "struct",
    // "union", "enum" or "" for a typedef or base type name.  Structs and
    // unions come back with their members (member types that are structs
    // reached through pointers stay incomplete until complete() is asked).
    const Type* type(TypeTable& types, const std::string& kind, const std::string& name);
    // Fills in the members of a struct/union made by type() (no-op otherwise).
    void complete(TypeTable& types, const Type* t);
    bool available();

  private:
    std::optional<uint32_t> memberIn(int id, const std::string& member);
    const Type* convert(TypeTable& types, uint32_t id);
    void fill(TypeTable& types, Type* t, uint32_t id);
    std::map<uint32_t, const Type*> converted_;
    std::map<const Type*, uint32_t> pending_; // structs/unions not filled in yet
    ::btf* btf_ = nullptr;
    bool tried_ = false;
};

} // namespace dt
