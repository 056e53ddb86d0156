# Checks kstack-uregs.t's output: "depth caller", the stack() frames, a
# "regs" line, "%A of uregs[R_PC]", the ustack(1) frame.
NR == 1 { depth = $1; caller = $2; section = "stack"; next }
/^regs / { section = "regs"; regs = $2 " " $3 " " $4 " " $5; next }
/^ *$/ { next }
section == "stack" { frames++; if (frames == 1) first = $1; next }
section == "regs" && pc == "" { pc = $1; next }
section == "regs" { upc = $1 }
END {
	# (When other tracers share the tracepoint the kernel reaches it through
	# __traceiter_*, which neither stack() nor caller and stackdepth count:
	# see kstack-shared.t.)
	print (frames > 0 && depth == frames ? "depth ok" : "depth " depth " frames " frames)
	print (first != "" && caller == first ? "caller ok" : "caller " caller " first " first)
	print regs
	print (pc != "" && pc == upc ? "pc ok" : "pc " pc " ustack " upc)
}
