translator struct out { int x; } < struct in { int y; } *p > { x = p->y; };
BEGIN { a = (char)1 ? "s" : "t"; b[1, "x"] = a; printf("%s %d\n", a, -~!b[1, "x"]); }
