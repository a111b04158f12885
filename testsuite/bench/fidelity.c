/*
 * fidelity EXITWITH SPEC...: exit fidelity. For every exit code 0..255 and every signal
 * whose default action kills (the catchable ones and KILL), runs "PREFIX EXITWITH CASE"
 * for each contender in turn and compares the init's exit status with the shell's code for
 * the child's end (N, or 128+SIG). Prints "NAME MISMATCHES CASES [first mismatches]".
 */
#include "bench.h"

/* signals that neither stop nor are ignored by default, and can be sent */
static int kills_by_default(int sig)
{
	switch (sig) {
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
	case 32: case 33:
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct spec specs[MAX_SPECS];
	int mism[MAX_SPECS] = { 0 }, cases[400], ncases = 0, n, c, k, sig;
	char notes[MAX_SPECS][160] = { { 0 } };

	if (argc < 3)
		bench_die("usage: fidelity EXITWITH NAME=PREFIX...");
	n = specs_parse(specs, argc - 2, argv + 2);
	for (c = 0; c < 256; c++)
		cases[ncases++] = c;
	for (sig = 1; sig <= 64; sig++)
		if (kills_by_default(sig))
			cases[ncases++] = -sig;
	for (c = 0; c < ncases; c++)
		for (k = 0; k < n; k++) {
			int i = (c + k) % n, st, got, want = cases[c] >= 0 ? cases[c] : 128 - cases[c];
			char arg[16], *child[] = { argv[1], arg, 0 }, *av[MAX_WORDS + 8];
			pid_t pid;

			snprintf(arg, sizeof(arg), "%d", cases[c]);
			spec_argv(&specs[i], 0, child, av, MAX_WORDS + 8);
			pid = spawn_quiet(av, 1);
			if (pid < 0 || waitpid(pid, &st, 0) < 0)
				bench_die("cannot run %s", av[0]);
			got = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			if (got != want) {
				size_t len = strlen(notes[i]);
				if (++mism[i] <= 4 && len < sizeof(notes[i]) - 24)
					snprintf(notes[i] + len, sizeof(notes[i]) - len, "%s%s%d->%d",
						 len ? "," : "", cases[c] < 0 ? "sig" : "exit",
						 cases[c] < 0 ? -cases[c] : cases[c], got);
			}
		}
	for (k = 0; k < n; k++)
		printf("%s %d %d %s\n", specs[k].name, mism[k], ncases, notes[k]);
	return 0;
}
