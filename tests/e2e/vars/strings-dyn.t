# String-valued self-> and array elements; string keys.
RUN: dtrace -qn 'BEGIN { self->s = "hello"; names["a"] = "first"; names["b"] = "second"; printf("%s %s %s [%s]\n", self->s, names["a"], names["b"], names["zz"]); exit(0); }'
STDOUT:
hello first second []

