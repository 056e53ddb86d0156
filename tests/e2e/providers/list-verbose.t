# -lv: each probe's stability attributes and argument types, DTrace's layout.
RUN: dtrace -lv -n BEGIN -n 'sdt:task::task_rename'
STDOUT-MATCH:
   ID   PROVIDER            MODULE                          FUNCTION NAME
    1     dtrace                                                     BEGIN

	Probe Description Attributes
		Identifier Names: Stable
		Data Semantics:   Stable
		Dependency Class: Common

	Argument Attributes
		Identifier Names: Stable
		Data Semantics:   Stable
		Dependency Class: Common

	Argument Types
		None

 +\d+        sdt              task                                   task_rename

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: ISA

	Argument Types
		args\[0\]: pid_t
		args\[1\]: char \[16\]
		args\[2\]: char \[16\]
		args\[3\]: short

