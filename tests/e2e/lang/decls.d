/* Declarations laid out as C lays them out on x86-64, folded into BPF constants. */
#pragma D option quiet

struct rec {
	char c;
	int i;
	short s;
	long l;
};
struct bits {
	int a : 1;
	int b : 3;
	int c : 12;
	char d;
};
struct wide {
	char c;
	int x : 30;
	int y : 4;
};
union u {
	char c;
	long l;
	int i : 3;
};
struct outer {
	char c;
	struct {
		short s;
		int i;
	};
	char tail[3];
};
enum color { RED, GREEN = 5, BLUE };
typedef struct rec rec_t;
typedef enum color color_t;
inline int SIXTY = 3 * 4 * 5;
inline color_t FAVOURITE = BLUE;

BEGIN
{
	printf("rec %d %d %d %d\n", sizeof(struct rec), offsetof(struct rec, i),
	    offsetof(rec_t, s), offsetof(struct D`rec, l));
	printf("bits %d %d\n", sizeof(struct bits), offsetof(struct bits, d));
	printf("wide %d\n", sizeof(struct wide));
	printf("union %d\n", sizeof(union u));
	printf("outer %d %d %d\n", sizeof(struct outer), offsetof(struct outer, i),
	    offsetof(struct outer, tail));
	printf("enum %d %d %d %d %d\n", RED, GREEN, BLUE, sizeof(color_t), FAVOURITE);
	printf("inline %d\n", SIXTY);
	printf("array %d %d\n", sizeof(int[7]), sizeof(char *[3]));
	printf("expr %d %d %d %d\n", sizeof(1 + 'a'), sizeof((char)1), sizeof("abc"),
	    sizeof(execname));
	exit(0);
}
