# A preprocessor error: cpp's messages, then DTrace's, exit status 1.
RUN: printf '#if !defined\nBEGIN { exit(0); }\n' > /tmp/dt-cpp-error.d; $DTRACE -C -s /tmp/dt-cpp-error.d
EXIT: 1
STDERR:
/dev/stdin:1: error: operator "defined" requires an identifier
/dev/stdin:1: error: unterminated #if
dtrace: failed to compile script /tmp/dt-cpp-error.d: Preprocessor failed to process input program
