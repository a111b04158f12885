/*
 * One applet's whole command line: FUZZ_MAIN (e.g. pause_main) with argv[1..] from the
 * input (split at NUL bytes), run until it exits or would act (see hooks.h).
 */
#include <stdint.h>
#include <stddef.h>
#include "hooks.h"

int FUZZ_MAIN(int argc, char **argv);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[2048];
	static char *argv[66];
	static struct hook_result r;
	int argc = hook_argv(data, size, FUZZ_ARGV0, buf, sizeof(buf), argv, 64);

	hook_run(FUZZ_MAIN, FUZZ_ARGV0, argc, argv, &r);
	return 0;
}
