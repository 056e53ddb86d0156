# cleanpath() resolves "//", "/./" and "/../" textually, as DTrace does;
# cwd, root and d_path() walk the kernel's dentries up to the task's root,
# crossing mount points (procfs here); a bad struct path faults.
RUN: cd /proc/sys/kernel && $DTRACE -qn 'syscall::openat:entry /pid == $target/ { printf("%s|%s|%s|%s\n", cwd, root, d_path(&curthread->fs->pwd), d_path(&curthread->mm->exe_file->f_path)); printf("%s|%s|%s|%s|%s|%s\n", cleanpath("/foo/bar/.././../sys/foo"), cleanpath("/a//b/./c/"), cleanpath("/a/b/.."), cleanpath("a/..b/.c/."), cleanpath("/x/y/../../../z"), cleanpath("")); } syscall::openat:entry /pid == $target/ { trace(d_path((struct path *)8)); }' -c "$TRIGGERS/open" | sed "s|$(realpath $TRIGGERS)|TRIGGERS|"
STDOUT:
/proc/sys/kernel|/|/proc/sys/kernel|TRIGGERS/open
/sys/foo|/a/b/c/|/a/|a/..b/.c/.|/z|

STDERR-CONTAINS: invalid address (0x8) at BPF pc
