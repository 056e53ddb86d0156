/* A chain of named functions whose innermost spins: known user stacks. */
volatile int spin = 1;

void myfunc_z(void) { while (spin) {} }
void myfunc_y(void) { myfunc_z(); }
void myfunc_x(void) { myfunc_y(); }
void myfunc_w(void) { myfunc_x(); }
void myfunc_v(void) { myfunc_w(); }
void myfunc_u(void) { myfunc_v(); }
void myfunc_t(void) { myfunc_u(); }
void myfunc_s(void) { myfunc_t(); }
void myfunc_r(void) { myfunc_s(); }
void myfunc_q(void) { myfunc_r(); }
void myfunc_p(void) { myfunc_q(); }
void myfunc_o(void) { myfunc_p(); }
void myfunc_n(void) { myfunc_o(); }
void myfunc_m(void) { myfunc_n(); }
void myfunc_l(void) { myfunc_m(); }
void myfunc_k(void) { myfunc_l(); }
void myfunc_j(void) { myfunc_k(); }
void myfunc_i(void) { myfunc_j(); }
void myfunc_h(void) { myfunc_i(); }
void myfunc_g(void) { myfunc_h(); }
void myfunc_f(void) { myfunc_g(); }
void myfunc_e(void) { myfunc_f(); }
void myfunc_d(void) { myfunc_e(); }
void myfunc_c(void) { myfunc_d(); }
void myfunc_b(void) { myfunc_c(); }
void myfunc_a(void) { myfunc_b(); }

int main(void) {
    myfunc_a();
    return 0;
}
