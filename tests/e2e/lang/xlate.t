# Translators: a member of a translation, a whole struct assigned a
# translation (untranslated members zero), a struct copy.
RUN: dtrace -qs xlate.d
STDOUT:
10 c
0 7
7 0
7 0

