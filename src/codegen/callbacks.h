// bpf_loop callbacks of the subroutines that scan: the IPv6 formatter of
// inet_ntop()/inet_ntoa6(), cleanpath()'s state machine, and the dentry
// walk of d_path(), cwd and root.  Each is emitted once per program that
// uses it; it gets the loop index in r1 and a pointer to the DTrace
// context pointer in r2, and keeps its state in the context's string words.
#pragma once
#include <cstdint>

#include "bpf/insn.h"
#include "program/program.h"

namespace dt::codegen {

// State words in the context (kStrState + 8 * i): the string callbacks'
// inputs and results.
// kSet: a 256-bit set of characters (strtok()'s delimiters), 4 words.
enum StrWord { kLenA = 0, kLenB, kStart, kMode, kFound, kTmp0, kTmp1, kArg, kSet };
inline int16_t strWordOff(int w) {
    return static_cast<int16_t>(DctxLayout::kStrState + 8 * w);
}

// The context's string areas, after DctxLayout::kFixedSize, sized by -x
// strsize (codegen lays them out).  Indexes into a buffer are masked with
// mask(), which the verifier can bound.
struct StrAreas {
    uint32_t bytes = 257;                  // a string's storage: strsize characters and its NUL
    uint32_t buf = 512;                    // an operand or scratch buffer: a power of two >= bytes
    int a = 0, b = 0;                      // operand buffers A and B
    int tok = 0;                           // strtok()'s saved string, then its position (u64)
    int key = 0, arrKey = 0, thisVars = 0; // aggregation and array keys, this->
    int scratch = 0;                       // result buffers, one per eval-stack slot (mod 8)
    int size = 0;                          // the whole context value
    int32_t mask() const { return static_cast<int32_t>(buf - 1); }
};

// Callbacks a program may need, besides the string searches of codegen.cc.
enum class Callback { Inet6Run, Inet6Format, Cleanpath, PathWalk, PathCopy, Count };

// Kernel structure offsets the dentry walk needs (from BTF).
struct PathOffsets {
    int32_t dentryParent, dentryName; // dentry.d_parent, dentry.d_name.name
    int32_t mountMnt, mountParent, mountMountpoint;
    int32_t vfsmountRoot;
};
constexpr int kPathMaxDepth = DctxLayout::kPathSize / 8;

// inet6run: for i in 0..15 over the address in operand buffer B, DTrace's
// search for the zero run that "::" replaces: kTmp0 = the run being tried
// (-1), kStart = its first byte (-1: none), kLenB = its length in bytes.
void emitInet6Run(bpf::Builder& b, bpf::Label fn, const StrAreas& a);
// inet6format: for group g in 0..7 (byte i = 2g, up to kMode = the last
// group's byte), appends the group to operand buffer A at kLenA: "::" at
// kStart for kLenB bytes (kStart < 0: no run), hex digits otherwise.
void emitInet6Format(bpf::Builder& b, bpf::Label fn, const StrAreas& a);
// cleanpath: for i over operand buffer B (with its NUL), DTrace's state
// machine (kMode) writing A at kLenA, at most kStart - 5 bytes; stops at the
// end with A NUL-terminated.
void emitCleanpath(bpf::Builder& b, bpf::Label fn, const StrAreas& a);
// pathwalk: from dentry kTmp0 in mount kTmp1 up to the root (kStart,
// kMode: the task's root dentry and vfsmount, or the global root), pushing
// each named dentry on the context's path stack (kLenA entries).
void emitPathWalk(bpf::Builder& b, bpf::Label fn, const PathOffsets& o);
// pathcopy: for j in 0..kLenA-1, appends "/" and the name of stack entry
// kLenA-1-j to operand buffer A at kLenB (at most kArg bytes).
void emitPathCopy(bpf::Builder& b, bpf::Label fn, const PathOffsets& o, const StrAreas& a);

} // namespace dt::codegen
