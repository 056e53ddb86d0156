/*
 * CPUs: cpuinfo_t (the type of curcpu and of sched probe arguments) with a
 * translator from a CPU number.  Written for this project from DTrace's
 * documented types.
 */
#pragma D depends_on library procfs.d

typedef int chipid_t;
typedef int lgrp_id_t;

typedef struct processor_info {
	int pi_state;			/* P_ONLINE, ... */
	char pi_processor_type[16];	/* instruction set */
	char pi_fputypes[32];		/* floating-point units */
	int pi_clock;			/* clock rate in MHz */
} processor_info_t;

typedef struct cpuinfo {
	processorid_t cpu_id;		/* CPU number */
	psetid_t cpu_pset;		/* processor set */
	chipid_t cpu_chip;		/* physical package */
	lgrp_id_t cpu_lgrp;		/* locality group */
	processor_info_t cpu_info;	/* CPU information */
} cpuinfo_t;

translator cpuinfo_t < int C > {
	cpu_id = C;
	cpu_pset = -1;
	cpu_chip = 0;
	cpu_lgrp = 0;
};

inline cpuinfo_t *curcpu = xlate <cpuinfo_t *> (cpu);
#pragma D attributes Stable/Stable/Common curcpu
#pragma D binding "1.0" curcpu
