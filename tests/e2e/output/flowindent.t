# -F (flowindent): the CPU and the function indented by call depth, "->" on
# entry and "<-" on return ("=>" for a system call); a second clause's
# record of the same firing is "| function:name" and does not indent again,
# and only the last clause of a return unindents.
RUN: dtrace -F -n 'pid$target:user-funcs:outer:entry, pid$target:user-funcs:outer:return, pid$target:user-funcs:leaf:entry, pid$target:user-funcs:leaf:return {} pid$target:user-funcs:leaf:return { trace(arg1); } pid$target:user-funcs:leaf:entry { trace(arg0); } syscall::exit_group:entry /pid == $target/ {}' -c "$TRIGGERS/user-funcs 2" 2>/dev/null
STDOUT-MATCH:
CPU FUNCTION                                 
 +\d+  -> outer                                 
 +\d+    -> leaf                                
 +\d+     \| leaf:entry                                             1
 +\d+     \| leaf:return                         
 +\d+    <- leaf                                                   2
 +\d+  <- outer                                 
 +\d+  -> outer                                 
 +\d+    -> leaf                                
 +\d+     \| leaf:entry                                             2
 +\d+     \| leaf:return                         
 +\d+    <- leaf                                                   5
 +\d+  <- outer                                 
 +\d+  => exit_group                            

