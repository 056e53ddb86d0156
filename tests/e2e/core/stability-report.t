# dtrace -v: the program's minimum stability attributes, as DTrace reports
# them (a description without a provider is Unstable; curthread's data is
# Private; curpsinfo is declared Stable by the D library).
RUN: $DTRACE -ev -n 'BEGIN { trace(pid); }'; $DTRACE -ev -n 'dtrace:::BEGIN { trace(curthread->pid); trace(curpsinfo->pr_pid); }'
STDOUT:

Stability attributes for description BEGIN { trace(pid); }:

	Minimum Probe Description Attributes
		Identifier Names: Unstable
		Data Semantics:   Unstable
		Dependency Class: Common

	Minimum Statement Attributes
		Identifier Names: Stable
		Data Semantics:   Stable
		Dependency Class: Common


Stability attributes for description dtrace:::BEGIN { trace(curthread->pid); trace(curpsinfo->pr_pid); }:

	Minimum Probe Description Attributes
		Identifier Names: Stable
		Data Semantics:   Stable
		Dependency Class: Common

	Minimum Statement Attributes
		Identifier Names: Stable
		Data Semantics:   Private
		Dependency Class: Common

