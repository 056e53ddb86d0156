# On/off options take yes/true/enable(d)/on/set or no/false/disable(d)/off/
# unset (any case); another value is DTrace's D_PRAGMA_OPTSET error, as is
# setting from a program an option that shapes how programs are read.
RUN: dtrace -s /dev/stdin <<< $'#pragma D option quiet=Yes\n#pragma D option flowindent=off\nBEGIN { trace("q"); exit(0); }' && $DTRACE -s /dev/stdin <<< $'#pragma D option quiet=please\nBEGIN { exit(0); }'; $DTRACE -xerrtags -s /dev/stdin <<< $'#pragma D option ldpath=/x\nBEGIN { exit(0); }'
EXIT: 1
STDOUT:
q
STDERR-CONTAINS: failed to set option 'quiet' to 'please': Invalid value for specified option
STDERR-CONTAINS: [D_PRAGMA_OPTSET] line 1: failed to set option 'ldpath' to '/x': Option cannot be used from within a D program
