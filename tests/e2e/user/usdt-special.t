# USDT probes in tail calls and under is-enabled tests combined with && and ||.
RUN: for i in 1 3 4 5 6 8; do $DTRACE -q -n 'test_prov$target::: { trace(probename); }' -c "$TRIGGERS/usdt-tst-special $i"; done
STDOUT:
tail
enable_or
enable_or_2
enable_and
enable_and_2
enable_return
