# A declaration's error comes with its tag and line, before a later
# syntax error in the program (declarations are checked as parsed).
RUN: printf 'struct r {\n\tstruct nosuch_pirate p;\n};\nBEGIN { x = ; }\n' > /tmp/dt-decl-error.d; $DTRACE -xerrtags -s /tmp/dt-decl-error.d
EXIT: 1
STDERR:
dtrace: failed to compile script /tmp/dt-decl-error.d: [D_DECL_INCOMPLETE] line 2: incomplete struct/union/enum struct nosuch_pirate: p
