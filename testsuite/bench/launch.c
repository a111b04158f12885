/*
 * launch ROUNDS CMD SPEC...: launch overhead. Each round runs "PREFIX CMD" once for every
 * contender, starting with a different one each round (the machines are shared and noisy:
 * interleaving spreads the noise over all), and times it from spawn to reaped.
 * Prints "NAME MEDIAN_US" per contender. Output of the commands goes to /dev/null.
 * A run that fails (non-zero exit) is reported as "NAME failed".
 */
#include "bench.h"

int main(int argc, char **argv)
{
	struct spec specs[MAX_SPECS];
	static long long t[MAX_SPECS][100000];
	int failed[MAX_SPECS] = { 0 };
	char *child[] = { argc > 2 ? argv[2] : 0, 0 };
	long rounds;
	int n, r, k;

	if (argc < 4 || (rounds = atol(argv[1])) < 1 || rounds > 100000)
		bench_die("usage: launch ROUNDS(1..100000) CMD NAME=PREFIX...");
	n = specs_parse(specs, argc - 3, argv + 3);
	for (r = 0; r < rounds; r++)
		for (k = 0; k < n; k++) {
			int i = (r + k) % n, st;
			char *av[MAX_WORDS + 8];
			long long t0;
			pid_t pid;

			spec_argv(&specs[i], 0, child, av, MAX_WORDS + 8);
			t0 = now_ns();
			pid = spawn_quiet(av, 1);
			if (pid < 0 || waitpid(pid, &st, 0) < 0 || st != 0)
				failed[i] = 1;
			t[i][r] = now_ns() - t0;
		}
	for (k = 0; k < n; k++)
		if (failed[k])
			printf("%s failed\n", specs[k].name);
		else
			printf("%s %.1f\n", specs[k].name, quantile(t[k], (int)rounds, 0.5) / 1000.0);
	return 0;
}
