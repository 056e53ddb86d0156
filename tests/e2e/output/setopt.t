# setopt() of an unknown option, a bad value, or an option fixed once
# tracing runs: DTrace's error lines; good ones are silent.
RUN: dtrace -qn 'BEGIN { setopt("Nixon"); setopt("quiet", "um, no"); setopt("aggrate", "0.5hz"); setopt("bufsize", "1m"); setopt("aggrate", "10ms"); exit(0); }'
STDERR:
dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "Nixon" to "1": Invalid option name

dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "quiet" to "um, no": Invalid value for specified option

dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "aggrate" to "0.5hz": Invalid value for specified option

dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "bufsize" to "1m": Operation illegal when tracing is active

