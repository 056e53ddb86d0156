# io:::start and io:::done on block_rq_issue and block_rq_complete: the
# trigger's 72 KiB O_DIRECT write, its device (that of the directory the
# file is in) and the file information Linux cannot give (DTrace's
# defaults).  start runs in the writing process.  (Only writes count: the
# exec of a freshly built trigger can read 72 KiB of it from disk.)
RUN: dtrace -qn 'io:::start, io:::done /args[0]->b_bcount == 73728 && (args[0]->b_flags & B_WRITE)/ { printf("%s %d %d %d %d %d %d %s %d %s %s %d\n", probename, args[0]->b_flags & B_READ, args[0]->b_bufsize, args[0]->b_resid, getmajor(args[0]->b_edev) == $1 && getminor(args[0]->b_edev) == $2, args[1]->dev_major == $1, args[1]->dev_minor == $2, args[1]->dev_pathname == strjoin("/dev/", args[1]->dev_name) ? "path-ok" : args[1]->dev_pathname, args[0]->b_blkno == args[0]->b_lblkno, args[2]->fi_name, args[2]->fi_pathname, args[2]->fi_offset); } io:::start /args[0]->b_bcount == 73728 && (args[0]->b_flags & B_WRITE)/ { printf("in trigger %d\n", pid == $target); } io:::done /args[0]->b_bcount == 73728 && (args[0]->b_flags & B_WRITE)/ { exit(0); }' -c "$TRIGGERS/direct-io /var/tmp" $(stat -c '%Hd %Ld' /var/tmp)
STDOUT:
start 0 73728 0 1 1 1 path-ok 1 <none> <none> -1
in trigger 1
done 0 73728 0 1 1 1 path-ok 1 <none> <none> -1

