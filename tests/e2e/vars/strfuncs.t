# The string subroutines, on constants, variables and probe strings.
RUN: dtrace -qs strfuncs.d -c "$TRIGGERS/getppid-loop 1"
STDOUT:
foobar|foo|
world|ll|ell||hello
2 3 -1 3 -1 3 0
llo lo llo
foo lib / . /usr/lib . / /
HELLO hello -1234 ff 0
3412 78563412 807060504030201
1234 1
getppid.getppid

