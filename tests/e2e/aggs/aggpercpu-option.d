/* aggpercpu as a pragma, and switched off by setopt() before a printa(). */
#pragma D option quiet
#pragma D option aggpercpu

syscall::exit_group:entry
/pid == $target/
{
	@["calls"] = count();
	printa(@);
	setopt("aggpercpu", "false");
	printa(@);
}
