# printf's conversions: integers of each width and length modifier, flags,
# widths and precisions (also from arguments), characters, %%, strings with
# escapes (%S), and dates (%Y).
RUN: TZ=UTC $DTRACE -qn 'BEGIN { printf("[%d|%i|%u|%x|%X|%o|%#x|%#o]\n", -1, 42, -1, 255, 255, 8, 255, 8); printf("[%hd|%hhd|%hu|%hhx|%ld|%lld|%lu]\n", 70000, 300, 70000, 300, -5, -6, 7); printf("[%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d]\n", 42, 42, 42, 42, 42, 42, 42); printf("[%*d|%-*d|%.*s|%*s]\n", 6, 7, 6, 7, 3, "abcdef", 5, "ab"); printf("[%c%c%c|%%|%5s|%-5s|%.2s]\n", 68, 84, 82, "x", "y", "zzz"); printf("[%S]\n", "tab\there\\ \"q\"\001"); printf("[%Y|%-22Y|]\n", (int64_t)0, (int64_t)86400000000000); exit(0); }'
STDOUT:
[-1|42|4294967295|ff|FF|10|0xff|010]
[4464|44|4464|2c|-5|-6|7]
[   42|42   |00042|+42| 42|042|     042]
[     7|7     |abc|   ab]
[DTR|%|    x|y    |zz]
[tab\there\\\\ \"q\"\001]
[1970 Jan  1 00:00:00|1970 Jan  2 00:00:00  |]

