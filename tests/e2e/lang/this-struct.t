# this-> variables of struct type: members set and read, whole structs
# copied between this-> and global variables (declared or implied by the
# first assignment) and into struct members.
RUN: dtrace -qn 'struct coords { int x, y; }; struct particle { struct coords position, velocity; }; this struct coords q; struct coords Q; this struct particle b; BEGIN { this->q.x = 15; this->q.y = 16; Q = this->q; this->b.velocity = Q; this->c = this->b; this->c.position.x = 7; G = this->c; printf("%d %d %d %d %d %d %d\n", this->q.x, this->q.y, Q.y, this->b.velocity.x, this->c.velocity.y, G.position.x, sizeof (this->c)); exit(0); }'
STDOUT:
15 16 16 15 16 7 16

