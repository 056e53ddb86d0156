#include "codegen/callbacks.h"

#include <algorithm>

#include <linux/bpf.h>

namespace dt::codegen {

using bpf::Alu;
using bpf::Builder;
using bpf::Cond;
using bpf::Label;
using bpf::Size;
using namespace bpf; // registers

namespace {

// Every callback starts with r9 = the context; r6 = the loop index.
void prologue(Builder& b, Label fn) {
    b.bind(fn);
    b.load(Size::DW, R9, R2, 0);
    b.mov(R6, R1);
}

void tails(Builder& b, Label next, Label stop) {
    b.bind(next);
    b.mov(R0, 0);
    b.exit();
    b.bind(stop);
    b.mov(R0, 1);
    b.exit();
}

void loadWord(Builder& b, Reg r, int w) {
    b.load(Size::DW, r, R9, strWordOff(w));
}
void storeWord(Builder& b, int w, Reg r) {
    b.store(Size::DW, R9, strWordOff(w), r);
}

// A[kLenA++] = ch (the position masked below the buffer size).
void putChar(Builder& b, const StrAreas& A, Reg ch, Reg tmp) {
    loadWord(b, tmp, kLenA);
    b.alu(Alu::And, tmp, A.mask());
    b.alu(Alu::Add, tmp, R9);
    b.store(Size::B, tmp, A.a, ch);
    loadWord(b, tmp, kLenA);
    b.alu(Alu::Add, tmp, 1);
    storeWord(b, kLenA, tmp);
}
void putConst(Builder& b, const StrAreas& A, int ch) {
    b.mov(R5, ch);
    putChar(b, A, R5, R4);
}

// R0 = *(u64 *)(addr + off) read with probe_read_kernel into the
// callback's stack; jumps to `fail` if unreadable.
void read8(Builder& b, Reg addr, int32_t off, Label fail) {
    b.mov(R3, addr);
    if (off) b.alu(Alu::Add, R3, off);
    b.mov(R1, R10);
    b.alu(Alu::Add, R1, -8);
    b.mov(R2, 8);
    b.call(BPF_FUNC_probe_read_kernel);
    b.jmp(Cond::Ne, R0, 0, fail);
    b.load(Size::DW, R0, R10, -8);
}

} // namespace

void emitInet6Run(Builder& b, Label fn, const StrAreas& A) {
    prologue(b, fn);
    Label next = b.newLabel(), stop = b.newLabel();
    b.jmp(Cond::Gt, R6, 15, stop);
    b.mov(R1, R6);
    b.alu(Alu::And, R1, 15);
    b.alu(Alu::Add, R1, R9);
    b.load(Size::B, R7, R1, A.b); // R7 = byte i
    loadWord(b, R8, kTmp0);       // R8 = tryzero
    // A zero byte at an even index starts a run.
    Label notStart = b.newLabel();
    b.jmp(Cond::Ne, R7, 0, notStart);
    b.jmp(Cond::Ne, R8, -1, notStart);
    b.mov(R1, R6);
    b.alu(Alu::And, R1, 1);
    b.jmp(Cond::Ne, R1, 0, notStart);
    storeWord(b, kTmp0, R6);
    b.jmp(next);
    b.bind(notStart);
    // A run ends at a nonzero byte or the last one.
    b.jmp(Cond::Eq, R8, -1, next);
    Label ends = b.newLabel();
    b.jmp(Cond::Ne, R7, 0, ends);
    b.jmp(Cond::Ne, R6, 15, next);
    b.bind(ends);
    b.mov(R2, R6);
    b.alu(Alu::Sub, R2, R8);
    loadWord(b, R3, kLenB);
    Label longer = b.newLabel();
    b.jmp(Cond::Sgt, R2, R3, longer);
    b.mov(R1, -1);
    storeWord(b, kTmp0, R1);
    b.jmp(next);
    b.bind(longer);
    storeWord(b, kStart, R8);
    // length = i - i % 2 - tryzero (+ 2 when the last byte is zero too)
    b.mov(R2, R6);
    b.alu(Alu::And, R2, ~1);
    b.alu(Alu::Sub, R2, R8);
    Label stored = b.newLabel();
    b.jmp(Cond::Ne, R7, 0, stored);
    b.jmp(Cond::Ne, R6, 15, stored);
    b.alu(Alu::Add, R2, 2);
    b.bind(stored);
    storeWord(b, kLenB, R2);
    b.mov(R1, -1);
    storeWord(b, kTmp0, R1);
    tails(b, next, stop);
}

void emitInet6Format(Builder& b, Label fn, const StrAreas& A) {
    prologue(b, fn);
    Label next = b.newLabel(), stop = b.newLabel();
    b.alu(Alu::Lsh, R6, 1); // R6 = byte index i
    loadWord(b, R1, kMode);
    b.jmp(Cond::Sgt, R6, R1, stop);
    // Inside the run: "::" at its start, nothing after.
    Label outside = b.newLabel();
    loadWord(b, R7, kStart);
    b.jmp(Cond::Slt, R7, 0, outside);
    b.jmp(Cond::Slt, R6, R7, outside);
    loadWord(b, R1, kLenB);
    b.alu(Alu::Add, R1, R7);
    b.jmp(Cond::Sge, R6, R1, outside);
    b.jmp(Cond::Ne, R6, R7, next);
    putConst(b, A, ':');
    putConst(b, A, ':');
    b.jmp(next);
    b.bind(outside);
    // R8 = the group's value.
    b.mov(R1, R6);
    b.alu(Alu::And, R1, 14);
    b.alu(Alu::Add, R1, R9);
    b.load(Size::B, R8, R1, A.b);
    b.load(Size::B, R2, R1, A.b + 1);
    b.alu(Alu::Lsh, R8, 8);
    b.alu(Alu::Or, R8, R2);
    // Hex digits without leading zeros ("0" for zero); R7 = started.
    b.mov(R7, 0);
    for (int shift = 12; shift >= 0; shift -= 4) {
        Label skip = b.newLabel(), digit = b.newLabel();
        b.mov(R5, R8);
        b.alu(Alu::Rsh, R5, shift);
        b.alu(Alu::And, R5, 15);
        if (shift > 0) {
            Label emit = b.newLabel();
            b.jmp(Cond::Ne, R7, 0, emit);
            b.jmp(Cond::Eq, R5, 0, skip);
            b.bind(emit);
        }
        b.mov(R7, 1);
        b.jmp(Cond::Lt, R5, 10, digit);
        b.alu(Alu::Add, R5, 'a' - 10 - '0');
        b.bind(digit);
        b.alu(Alu::Add, R5, '0');
        putChar(b, A, R5, R4);
        b.bind(skip);
    }
    // A ':' after every group but the last, and not before the run.
    b.jmp(Cond::Ge, R6, 14, next);
    loadWord(b, R1, kStart);
    b.alu(Alu::Sub, R1, 2);
    b.jmp(Cond::Eq, R6, R1, next);
    putConst(b, A, ':');
    tails(b, next, stop);
}

void emitCleanpath(Builder& b, Label fn, const StrAreas& A) {
    prologue(b, fn);
    Label next = b.newLabel(), stop = b.newLabel(), finish = b.newLabel();
    b.mov(R1, R6);
    b.alu(Alu::And, R1, A.mask());
    b.alu(Alu::Add, R1, R9);
    b.load(Size::B, R7, R1, A.b); // R7 = c
    loadWord(b, R8, kMode);       // R8 = state
    // room: j + 5 < size, else the result ends here.
    auto checkRoom = [&]() {
        loadWord(b, R1, kLenA);
        b.alu(Alu::Add, R1, 5);
        loadWord(b, R2, kStart);
        b.jmp(Cond::Sge, R1, R2, finish);
    };
    auto setState = [&](int s) {
        b.mov(R1, s);
        storeWord(b, kMode, R1);
    };
    Label s1 = b.newLabel(), s2 = b.newLabel(), s3 = b.newLabel();
    b.jmp(Cond::Eq, R8, 1, s1);
    b.jmp(Cond::Eq, R8, 2, s2);
    b.jmp(Cond::Eq, R8, 3, s3);
    // State 0: an ordinary character, or a '/' starting a component.
    {
        checkRoom();
        Label slash = b.newLabel();
        b.jmp(Cond::Eq, R7, '/', slash);
        putChar(b, A, R7, R4);
        b.jmp(Cond::Eq, R7, 0, finish);
        b.jmp(next);
        b.bind(slash);
        setState(1);
        b.jmp(next);
    }
    // After '/': "//" is one slash; "/." may be "." or "..".
    b.bind(s1);
    {
        Label notSlash = b.newLabel(), dot = b.newLabel();
        b.jmp(Cond::Ne, R7, '/', notSlash);
        checkRoom();
        b.jmp(next);
        b.bind(notSlash);
        b.jmp(Cond::Eq, R7, '.', dot);
        putConst(b, A, '/');
        putChar(b, A, R7, R4);
        setState(0);
        b.jmp(Cond::Eq, R7, 0, finish);
        b.jmp(next);
        b.bind(dot);
        setState(2);
        b.jmp(next);
    }
    // After "/.": "/./" is dropped.
    b.bind(s2);
    {
        Label notSlash = b.newLabel(), dot = b.newLabel();
        b.jmp(Cond::Ne, R7, '/', notSlash);
        checkRoom();
        setState(1);
        b.jmp(next);
        b.bind(notSlash);
        b.jmp(Cond::Eq, R7, '.', dot);
        putConst(b, A, '/');
        putConst(b, A, '.');
        putChar(b, A, R7, R4);
        setState(0);
        b.jmp(Cond::Eq, R7, 0, finish);
        b.jmp(next);
        b.bind(dot);
        setState(3);
        b.jmp(next);
    }
    // After "/..": "/../" and a final "/.." remove the last component.
    b.bind(s3);
    {
        Label up = b.newLabel();
        b.jmp(Cond::Eq, R7, '/', up);
        b.jmp(Cond::Eq, R7, 0, up);
        putConst(b, A, '/');
        putConst(b, A, '.');
        putConst(b, A, '.');
        putChar(b, A, R7, R4);
        setState(0);
        b.jmp(next);
        b.bind(up);
        // while (j != 0 && A[--j] != '/')
        Label loop = b.newLabel(), found = b.newLabel();
        loadWord(b, R1, kLenA);
        b.mov(R3, 0);
        b.bind(loop);
        b.jmp(Cond::Eq, R1, 0, found);
        b.alu(Alu::Sub, R1, 1);
        b.mov(R2, R1);
        b.alu(Alu::And, R2, A.mask());
        b.alu(Alu::Add, R2, R9);
        b.load(Size::B, R2, R2, A.a);
        b.jmp(Cond::Eq, R2, '/', found);
        b.alu(Alu::Add, R3, 1);
        // (At most 4096 steps: the verifier walks this loop step by step
        // and keeps a pending branch for each.)
        b.jmp(Cond::Lt, R3, std::min(A.mask() + 1, 4096), loop);
        b.bind(found);
        Label again = b.newLabel();
        b.jmp(Cond::Ne, R7, 0, again);
        // At the end DTrace writes the '/' back past the component and
        // then the NUL over it: the result ends after the slash.
        b.alu(Alu::Add, R1, 1);
        storeWord(b, kLenA, R1);
        b.jmp(finish);
        b.bind(again);
        storeWord(b, kLenA, R1);
        checkRoom();
        setState(1);
        b.jmp(next);
    }
    b.bind(finish);
    b.mov(R5, 0);
    loadWord(b, R4, kLenA);
    b.alu(Alu::And, R4, A.mask());
    b.alu(Alu::Add, R4, R9);
    b.store(Size::B, R4, A.a, R5);
    b.jmp(stop);
    tails(b, next, stop);
}

void emitPathWalk(Builder& b, Label fn, const PathOffsets& o) {
    prologue(b, fn);
    Label next = b.newLabel(), stop = b.newLabel();
    loadWord(b, R6, kTmp0); // dentry
    loadWord(b, R7, kTmp1); // struct mount
    b.mov(R8, R7);
    b.alu(Alu::Add, R8, o.mountMnt); // its vfsmount
    // The task's root: the path is relative to it.
    Label notRoot = b.newLabel();
    loadWord(b, R1, kStart);
    b.jmp(Cond::Ne, R6, R1, notRoot);
    loadWord(b, R1, kMode);
    b.jmp(Cond::Eq, R8, R1, stop);
    b.bind(notRoot);
    read8(b, R8, o.vfsmountRoot, stop);
    Label inside = b.newLabel();
    b.jmp(Cond::Ne, R0, R6, inside);
    // The root of a mount: continue at its mount point in the parent
    // mount; a mount that is its own parent is the global root.
    read8(b, R7, o.mountParent, stop);
    b.jmp(Cond::Eq, R0, R7, stop);
    storeWord(b, kTmp1, R0);
    read8(b, R7, o.mountMountpoint, stop);
    storeWord(b, kTmp0, R0);
    b.jmp(next);
    b.bind(inside);
    read8(b, R6, o.dentryParent, stop);
    b.jmp(Cond::Eq, R0, R6, stop);
    storeWord(b, kTmp0, R0);
    loadWord(b, R2, kLenA);
    b.mov(R3, R2);
    b.alu(Alu::And, R3, kPathMaxDepth - 1);
    b.alu(Alu::Lsh, R3, 3);
    b.alu(Alu::Add, R3, R9);
    b.store(Size::DW, R3, DctxLayout::kPath, R6);
    b.alu(Alu::Add, R2, 1);
    storeWord(b, kLenA, R2);
    b.jmp(Cond::Ge, R2, kPathMaxDepth, stop);
    tails(b, next, stop);
}

void emitPathCopy(Builder& b, Label fn, const PathOffsets& o, const StrAreas& A) {
    prologue(b, fn);
    Label next = b.newLabel(), stop = b.newLabel();
    loadWord(b, R1, kLenA);
    b.alu(Alu::Sub, R1, 1);
    b.alu(Alu::Sub, R1, R6);
    b.alu(Alu::And, R1, kPathMaxDepth - 1);
    b.alu(Alu::Lsh, R1, 3);
    b.alu(Alu::Add, R1, R9);
    b.load(Size::DW, R6, R1, DctxLayout::kPath);
    read8(b, R6, o.dentryName, stop);
    b.mov(R8, R0); // the name
    loadWord(b, R7, kLenB);
    loadWord(b, R1, kArg);
    b.jmp(Cond::Sge, R7, R1, stop);
    b.mov(R5, '/');
    b.mov(R1, R7);
    b.alu(Alu::And, R1, A.mask());
    b.alu(Alu::Add, R1, R9);
    b.store(Size::B, R1, A.a, R5);
    b.alu(Alu::Add, R7, 1);
    // The name, NUL-terminated, in what is left (1..256 bytes).
    loadWord(b, R2, kArg);
    b.alu(Alu::Add, R2, 1);
    b.alu(Alu::Sub, R2, R7);
    Label lo = b.newLabel(), hi = b.newLabel();
    b.jmp(Cond::Sgt, R2, 0, lo);
    b.mov(R2, 1);
    b.bind(lo);
    b.jmp(Cond::Le, R2, A.mask() + 1, hi);
    b.mov(R2, A.mask() + 1);
    b.bind(hi);
    b.mov(R1, R7);
    b.alu(Alu::And, R1, A.mask());
    b.alu(Alu::Add, R1, R9);
    b.alu(Alu::Add, R1, A.a);
    b.mov(R3, R8);
    b.call(BPF_FUNC_probe_read_kernel_str);
    Label got = b.newLabel();
    b.jmp(Cond::Sgt, R0, 0, got);
    b.mov(R0, 1);
    b.bind(got);
    b.alu(Alu::Add, R7, R0);
    b.alu(Alu::Sub, R7, 1);
    storeWord(b, kLenB, R7);
    tails(b, next, stop);
}

} // namespace dt::codegen
