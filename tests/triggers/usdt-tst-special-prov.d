/* Probes of the usdt-tst-special trigger: plain, is-enabled and tail-call sites. */
provider test_prov {
	probe tail();
	probe enable();
	probe enable_or();
	probe enable_or_2();
	probe enable_and();
	probe enable_and_2();
	probe enable_stmt();
	probe enable_return();
};
