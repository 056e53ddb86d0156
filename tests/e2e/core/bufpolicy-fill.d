/*
 * Fill policy: 240 bytes for the records of clauses other than END (each
 * printf of an int is 24 bytes of ring buffer), 24 more kept for END.  The
 * eleventh record fills the buffer: it and every later one are not
 * recorded (their clauses do not run), tracing stops as if exit() had been
 * called, and END runs and prints.
 */
#pragma D option bufpolicy=fill
#pragma D option bufsize=264
#pragma D option quiet

BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }
BEGIN { printf("%d\n", i++); }

END { printf("end %d\n", i); }
