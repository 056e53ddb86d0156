# Speculative records appear on commit, in order, and vanish on discard;
# speculation() runs out of buffers as -x nspec says.
RUN: dtrace -qs commit.d
STDOUT:
id 1
second 0
kept 1
kept 2
after

STDERR:
dtrace: 1 failed speculation (no speculative buffer available)
