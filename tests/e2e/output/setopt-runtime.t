# setopt() while tracing: quiet takes effect from the next record,
# switchrate takes DTrace's time values; buffer options cannot change.
RUN: dtrace -n 'BEGIN { setopt("quiet"); setopt("switchrate", "50ms"); setopt("switchrate", "fast"); setopt("bufpolicy", "ring"); setopt("specsize", "1k"); } BEGIN { printf("quiet now\n"); exit(0); }'
STDOUT-MATCH:
CPU     ID                    FUNCTION:NAME
 +\d+ +1 +:BEGIN 
quiet now

STDERR:
dtrace: description 'BEGIN { setopt("quiet"); setopt("switchrate", "50ms"); setopt("switchrate", "fast"); setopt("bufpolicy", "ring"); setopt("specsize", "1k"); } BEGIN { printf("quiet now\n"); exit(0); }' matched 2 probes
dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "switchrate" to "fast": Invalid value for specified option

dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "bufpolicy" to "ring": Operation illegal when tracing is active

dtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): couldn't set option "specsize" to "1k": Operation illegal when tracing is active

