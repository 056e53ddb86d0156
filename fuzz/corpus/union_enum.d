union u { char c; int i; } x;
enum e { A, B = 4, C };
typedef enum e e_t;
BEGIN { trace(C + sizeof(union u)); }
