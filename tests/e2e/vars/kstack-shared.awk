# Checks kstack-shared.t's output: "depth caller", then the stack() frames.
NR == 1 { depth = $1; caller = $2; next }
/^ *$/ { next }
{ frames++; if (frames == 1) first = $1 }
END {
	print (frames > 0 && depth == frames ? "depth ok" : "depth " depth " frames " frames)
	print (first != "" && caller == first ? "caller ok" : "caller " caller " first " first)
}
