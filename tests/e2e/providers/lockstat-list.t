# lockstat's probes and their argument types.
RUN: dtrace -lv -n lockstat:::adaptive-block | sed -n '/Argument Types/,$p'
STDOUT:
	Argument Types
		args[0]: struct mutex *
		args[1]: uint64_t

