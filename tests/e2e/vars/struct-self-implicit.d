struct pt {
	int x;
	int y;
};

struct outer {
	char c;
	struct pt p;
};

struct pt g;
this struct pt val;
self struct outer o;
self struct pt never;

BEGIN
{
	this->val.x = 1;
	this->val.y = 2;
	self->a = this->val;
	this->val.x = 3;
	self->b = this->val;
	self->a.y += 10;
	self->a.x++;
	self->c = self->a;
	g = self->b;
	this->w = self->c;
	self->o.p = self->c;
	self->o.c = 'z';
	self->a = 0;
	printf("%d %d|%d %d|%d %d|%d %d|%d %d|%c %d %d\n", self->a.x, self->a.y,
	    self->b.x, self->b.y, self->c.x, self->c.y, g.x, g.y, this->w.x,
	    this->w.y, self->o.c, self->o.p.x, self->o.p.y);
	self->a.y = 5;
	self->d = self->never;
	printf("%d %d|%d %d\n", self->a.x, self->a.y, self->d.x, sizeof(self->d));
	exit(0);
}
