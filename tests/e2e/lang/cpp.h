#define VALUE 21
#define TWICE(x) ((x) * 2)
