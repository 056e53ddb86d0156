# The whole task_struct: a large record, every member by its type.
RUN: dtrace -qn 'BEGIN { print(curthread); exit(0); }' | grep -E '^ {44}\(struct task_struct\) \{$|^ {45}\.pid = \(pid_t\)[0-9]+,$|^ {45}\.se = \(struct sched_entity\) \{$|^ {44}\}$' | sed -E 's/[0-9]+,$/N,/'
STDOUT:
                                            (struct task_struct) {
                                             .se = (struct sched_entity) {
                                             .pid = (pid_t)N,
                                            }
