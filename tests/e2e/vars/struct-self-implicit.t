# self-> variables of struct type declared by assignment (from this->),
# member stores (+=, ++), whole copies between self->, this->, globals and
# members; assigning 0 deletes one (its members read 0, and a member store
# makes it anew, zero-filled), as does never storing it.
RUN: dtrace -qs struct-self-implicit.d
STDOUT:
0 0|3 2|2 12|3 2|2 12|z 2 12
0 5|0 8

