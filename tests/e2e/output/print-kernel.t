# print() of kernel structs through curthread (types from BTF): nested
# anonymous unions and structs, typedef names, pointers; an array member.
RUN: dtrace -qn 'syscall::openat:entry /pid == $target/ { print(&curthread->mm->exe_file->f_path.dentry->d_name); print(curthread->comm); exit(0); }' -c $TRIGGERS/open
STDOUT-MATCH:
0x[0-9a-f]+ = \*
 {44}\(struct qstr\) \{
 {45}\(union\) \{
 {46}\(struct\) \{
 {47}\.hash = \(u32\)[0-9]+,
 {47}\.len = \(u32\)4,
 {46}\},
 {46}\.hash_len = \(u64\)[0-9]+,
 {45}\},
 {45}\.name = \(unsigned char \*\)0x[0-9a-f]+,
 {44}\}
0x[0-9a-f]+ = \*
 {44}\(char \[16\]\) \[
 {45}\(char\)'o',
 {45}\(char\)'p',
 {45}\(char\)'e',
 {45}\(char\)'n',
 {44}\]

