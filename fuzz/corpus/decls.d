#pragma D option quiet
int a[int, string];
self int x;
this string s;
BEGIN, END /x++ < 5/ { this->s = "a"; x += 1 << 3; y = &x; }
