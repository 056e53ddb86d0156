# Listing pid probes with globs over functions and the a.out alias.
RUN: dtrace -l -n 'pid$target:a.out:[lm]*:entry' -c "$TRIGGERS/user-funcs"
STDOUT-MATCH:
   ID   PROVIDER            MODULE                          FUNCTION NAME
 *\d+ +pid\d+ +user-funcs +leaf entry
 *\d+ +pid\d+ +user-funcs +middle entry
 *\d+ +pid\d+ +user-funcs +main entry
