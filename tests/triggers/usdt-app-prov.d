/* The usdt-app trigger's provider. */
provider myapp {
	probe work__start(int, char *, long);
	probe work__done(int);
	probe report(int);
};
