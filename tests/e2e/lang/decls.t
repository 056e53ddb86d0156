# struct/union/enum/typedef/inline declarations: sizes and offsets as gcc
# computes them on x86-64, folded to constants in the BPF program that BEGIN
# runs in the kernel.
RUN: dtrace -s decls.d
STDOUT:
rec 24 4 8 16
bits 4 2
wide 12
union 8
outer 16 8 12
enum 0 5 6 4 6
inline 60
array 28 24
expr 4 1 4 256

