// The kernel's BTF (/sys/kernel/btf/vmlinux), loaded lazily the first time
// a program needs a kernel type, so start-up pays nothing otherwise.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

struct btf; // libbpf

namespace dt {

class KernelBtf {
  public:
    KernelBtf() = default;
    ~KernelBtf();
    KernelBtf(const KernelBtf&) = delete;
    KernelBtf& operator=(const KernelBtf&) = delete;
    // Byte offset of `member` in `struct name`, if the kernel has them.
    std::optional<uint32_t> memberOffset(const std::string& structName, const std::string& member);

  private:
    ::btf* btf_ = nullptr;
    bool tried_ = false;
};

} // namespace dt
