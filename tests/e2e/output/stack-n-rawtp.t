# stack(n) on a raw tracepoint records n frames of the traced kernel code
# (not the BPF program and bpf_trace_run* that ran it); caller is the
# function that fired the tracepoint (3 frames and the caller line).
RUN: dtrace -qn 'rawtp:sched::sched_switch { stack(3); printf("%a\n", caller); exit(0); }' | grep -c 'vmlinux`'
STDOUT:
4
