# print() of a D struct (in alloca() memory, and a D global variable):
# every kind of member with DTrace's layout, zero members left out,
# setopt("printsize") cutting with an ellipsis.
RUN: dtrace -s print-dstruct.d
STDOUT-MATCH:
0x[0-9a-f]+ = \*
 {44}\(struct rec\) \{
 {45}\.a = \(int\)\-5,
 {45}\.name = \(char \[6\]\) \[
 {46}\(char\)'h',
 {46}\(char\)'i',
 {45}\],
 {45}\.u = \(union\) \{
 {46}\.c = \(__u8\)65,
 {46}\.d = \(__u64\)321,
 {45}\},
 {45}\.s = \(struct\) \{
 {46}\.p = \(void \*\)0xfeedfacefeedface,
 {45}\},
 {45}\.ok = \(bool\)1,
 {45}\.col = \(enum color\)GREEN,
 {45}\.arr = \(int \[3\]\) \[
 {46}\(int\)0,
 {46}\(int\)7,
 {46}\(int\)0,
 {45}\],
 {44}\}
0x[0-9a-f]+ = \*
 {44}\(struct rec\) \{
 {45}\.a = \(int\)\-5,
 {45}\.name = \(char \[6\]\) \[
 {46}\(char\)'h',
 {46}\(char\)'i',
 {45}\],
 {45}\.u = \(union\) \{
 {46}\.c = \(__u8\)65,
 {46}\.\.\.
 {45}\},
 {44}\}
0x[0-9a-f]+ = \*
 {44}\(struct rec\) \{
 {45}\.a = \(int\)3,
 {45}\.col = \(enum color\)RED,
 {44}\}

