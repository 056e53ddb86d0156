# BEGIN and END fire in dtrace itself: their kernel stack is empty (not the
# bpf(2) frames that run them), as an aggregation key too.  printa's %k
# sets each frame (not the whole stack) in the conversion's width.
RUN: dtrace -qn 'BEGIN { stack(); printf("[%k]\n", stack()); @[stack()] = count(); printa("<%-30k>\n", @); exit(0); } END { printf("end"); stack(); }'; $DTRACE -qn 'syscall::getppid:entry /pid == $target/ { @[stack()] = count(); exit(0); } END { printa("%-60k|\n", @); printa("%60k|\n", @); }' -c "$TRIGGERS/getppid-loop" > /tmp/dt-e2e-stack-begin.out; grep -c '^ \{14\}vmlinux`do_syscall_64+0x[0-9a-f]* *$' /tmp/dt-e2e-stack-begin.out; grep -c '^ \{14\} *vmlinux`do_syscall_64+0x[0-9a-f]*$' /tmp/dt-e2e-stack-begin.out; grep 'vmlinux`' /tmp/dt-e2e-stack-begin.out | awk '{ print length($0) }' | sort -u
STDOUT:

[
]
<
>
end

1
1
74
