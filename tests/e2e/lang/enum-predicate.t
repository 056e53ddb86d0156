# Enumerators and integer inlines are constants in predicates and actions
# of a real probe (the trigger makes getppid calls).
RUN: dtrace -qn 'enum state { IDLE, BUSY = 3 }; inline int LIMIT = BUSY + 1; syscall::getppid:entry /pid == $target && LIMIT == 4/ { @[BUSY] = count(); }' -c '$TRIGGERS/getppid-loop 4'
STDOUT:

        3                4
