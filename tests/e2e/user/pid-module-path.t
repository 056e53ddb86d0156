# A library named by its full path, in a listed description.
RUN: dtrace -l -n "pid\$target:$(ldd $TRIGGERS/user-funcs | awk '/libc.so/ { print $3 }'):malloc:entry" -c "$TRIGGERS/user-funcs"
STDOUT-MATCH:
   ID   PROVIDER            MODULE                          FUNCTION NAME
 *\d+ +pid\d+ +libc\.so\.6 +malloc entry
