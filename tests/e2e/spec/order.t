# DTrace's rules on what may follow speculate() and commit().
RUN: dtrace -xerrtags -qn 'BEGIN { speculate(1); @a = count(); }'; $DTRACE -xerrtags -qn 'BEGIN { commit(1); printf("x"); }'; $DTRACE -xerrtags -qn 'BEGIN { trace(1); speculate(1); }'; $DTRACE -xerrtags -qn 'BEGIN { speculate(1); exit(0); }'; $DTRACE -qn 'BEGIN { commit(-1); } BEGIN { exit(0); }'
EXIT: 0
STDERR-CONTAINS: [D_AGG_SPEC] line 1: aggregating actions may not follow speculate( )
STDERR-CONTAINS: [D_DREC_COMM] line 1: data-recording actions may not follow commit( )
STDERR-CONTAINS: [D_SPEC_DREC] line 1: speculate( ) may not follow data-recording action(s)
STDERR-CONTAINS: [D_EXIT_SPEC] line 1: exit( ) may not follow speculate( )
STDERR-CONTAINS: dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): illegal operation at BPF pc
