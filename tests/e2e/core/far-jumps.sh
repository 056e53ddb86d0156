#!/bin/bash
# Writes a D script whose second clause is longer than a 16-bit BPF jump
# offset reaches (each statement below is about 120 instructions), so the
# assembler must widen the jumps across it to gotol.
#   far-jumps.sh run N:  N statements that all run, ten results a line.
#   far-jumps.sh skip N: the N statements in an if branch not taken, so the
#                        widened conditional jump over them is taken; then
#                        a clause that faults, whose reported BPF pc must
#                        have moved with the code.
mode=$1 n=$2
echo 'BEGIN { self->go = 1; self->v = 0; }'
echo 'BEGIN /self->go/ {'
[ "$mode" = skip ] && echo 'if (self->go == 2) {'
for i in $(seq 1 "$n"); do
    sep=' '
    [ $((i % 10)) = 0 ] && sep='\n'
    echo "self->v = self->v + 1; self->w = self->v * 3; printf(\"%d:%d$sep\", self->v, self->w);"
done
[ "$mode" = skip ] && echo '} else { printf("not taken\n"); } printf("v=%d\n", self->v);'
echo '}'
[ "$mode" = skip ] && echo 'BEGIN { trace(*(int *)0); }'
echo 'BEGIN { exit(0); }'
