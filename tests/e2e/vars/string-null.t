# A string NULL (a subroutine finding nothing, or NULL assigned) deletes a
# dynamic variable and reads back as NULL, which compares equal to another
# NULL; nested associative array keys keep their values.
RUN: dtrace -qn 'BEGIN { self->a = strchr("abc", 122); b["x"] = strstr("abc", "q"); self->c = "set"; self->c = NULL; this->d = self->a; printf("%d %d %d %d %d\n", self->a == NULL, b["x"] == NULL, self->c == NULL, self->a == b["x"], self->a == this->d); k[1, 2] = 7; k[2, 2] = 2; k[1, 1] = 2; printf("%d\n", k[1, k[2, k[1, 1]]]); exit(0); }'
STDOUT:
1 1 1 1 1
7

