# A translated char array member (curlwpsinfo->pr_name, char [16]) reads as
# a string, keeps its bounds for a constant index (D_ARR_BOUNDS), and casts
# to a char pointer.
RUN: dtrace -qn 'BEGIN { p = (char *)curlwpsinfo->pr_name; printf("%c%c %c\n", p[0], p[1], curlwpsinfo->pr_name[2]); exit(0); }' && $DTRACE -xerrtags -qn 'BEGIN { trace(curlwpsinfo->pr_name[16]); }'
EXIT: 1
STDOUT:
dt r

STDERR-CONTAINS: [D_ARR_BOUNDS] line 1: index outside array bounds: 16, max is 16
