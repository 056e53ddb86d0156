# Not quiet: after the CPU, ID and FUNCTION:NAME columns.
RUN: dtrace -n 'BEGIN { print(&curthread->se.load); exit(0); }' 2>/dev/null | sed -E 's/^ +[0-9]+ +[0-9]+ /CPU ID /; s/0x[0-9a-f]+ = /ADDR = /; s/\)[0-9]+,$/)N,/'
STDOUT:
CPU     ID                    FUNCTION:NAME
CPU ID                           :BEGIN ADDR = *
                                            (struct load_weight) {
                                             .weight = (unsigned long)N,
                                             .inv_weight = (u32)N,
                                            }


