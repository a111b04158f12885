/*
 * racetree [-i] [-r RACERS] MARKER TOTAL FIFO: a tree of about TOTAL processes below
 * itself, built as fast as fork allows, that keeps changing while it is being killed.
 * Every process forks up to 3 children (a random-shaped tree, depth ~log3 TOTAL); every
 * 4th calls setsid, every 5th setpgid. RACERS of them (default 8) never stop forking: each
 * forks a child every millisecond and kills and reaps its oldest when it has 4, forever;
 * a child missed by a kill survives (it sleeps until killed). All carry MARKER in their
 * command line (fork copies argv), so survivors can be counted in /proc/PID/cmdline.
 * Writes "ready\n" to FIFO once TOTAL have been forked. -i: all ignore SIGTERM.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int *made; /* shared by the whole tree */
static int total, racers;
static const char *fifo;

static void say_ready(void)
{
	int fd = open(fifo, O_WRONLY);
	if (fd >= 0) {
		write(fd, "ready\n", 6);
		close(fd);
	}
}

/* Fork for ever: a new child each millisecond, which lives until it is the 5th oldest. */
static void race(void)
{
	struct timespec ms = { 0, 1000000 };
	pid_t kids[4] = { 0 };

	for (unsigned i = 0;; i = (i + 1) % 4) {
		if (kids[i] > 0) {
			kill(kids[i], SIGKILL); /* our own unreaped child: its PID cannot be reused */
			waitpid(kids[i], 0, 0);
		}
		kids[i] = fork();
		if (kids[i] == 0)
			for (;;)
				pause();
		nanosleep(&ms, 0);
	}
}

static void grow(void)
{
	for (int k = 0; k < 3; k++) {
		int n = __atomic_add_fetch(made, 1, __ATOMIC_SEQ_CST);
		if (n > total)
			break;
		if (fork() == 0) {
			if (n % 4 == 0)
				setsid();
			else if (n % 5 == 0)
				setpgid(0, 0);
			if (n == total)
				say_ready();
			if (n > total - racers)
				race();
			k = -1; /* the child grows its own subtree */
		}
	}
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	int c;

	racers = 8;
	while ((c = getopt(argc, argv, "ir:")) != -1)
		switch (c) {
		case 'i': signal(SIGTERM, SIG_IGN); break;
		case 'r': racers = atoi(optarg); break;
		default: return 2;
		}
	if (argc - optind != 3) {
		fprintf(stderr, "usage: racetree [-i] [-r RACERS] MARKER TOTAL FIFO\n");
		return 2;
	}
	total = atoi(argv[optind + 1]);
	fifo = argv[optind + 2];
	made = mmap(0, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (made == MAP_FAILED)
		return 1;
	grow();
	return 0;
}
