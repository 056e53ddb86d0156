RUN: dtrace -l -f 'openat*' | awk 'NR > 1 { print $2, $3, $4, $5 }'
STDOUT:
syscall vmlinux openat entry
syscall vmlinux openat return
syscall vmlinux openat2 entry
syscall vmlinux openat2 return
