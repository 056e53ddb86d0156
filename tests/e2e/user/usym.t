# usym(), ufunc(), umod() and uaddr() of ucaller (the return address into
# the caller), traced as statements and used as keys.
RUN: dtrace -q -n 'pid$target:a.out:leaf:entry { usym(ucaller); printf("\n"); umod(ucaller); printf("\n"); uaddr(ucaller); printf("\n"); @[ufunc(ucaller)] = count(); }' -c "$TRIGGERS/user-funcs 1"
STDOUT-MATCH:
  user-funcs`middle +
  user-funcs +
  user-funcs`middle\+0x[0-9a-f]+ +

  user-funcs`middle +1
