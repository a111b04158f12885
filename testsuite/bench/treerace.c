/*
 * treerace SIZE DEADLINE_MS METHOD [ARG...]: a racing process tree, and the time one way of
 * killing it takes. Must be PID 1 of a namespace with its own /proc (unshare --pid --fork
 * --mount-proc), so that what escapes the tree is still counted and dies with it.
 *
 * The tree: a root in a process group of its own; each node forks up to three children,
 * seven levels deep at most, until SIZE processes were born; one node in 16 calls setsid()
 * first (its subtree leaves the root's process group and session), one in 32 keeps
 * forking short-lived children for as long as it lives. All are named "bench-tree".
 * METHOD, started once the tree is complete and churning:
 *   pgid         kill(-ROOT, SIGKILL)
 *   cgroup DIR   the root was put in cgroup DIR (v2) before its first fork; write 1 to
 *                DIR/cgroup.kill
 *   cmd ARGV...  run ARGV, with every "{}" replaced by the root's PID
 * Counts live (not zombie) "bench-tree" processes until none is left or DEADLINE_MS has
 * passed since the method started. Prints "MS SURVIVORS SIZE": MS to zero survivors ("-"
 * when survivors were left at the deadline), how many were left, the size of the tree.
 */
#include <dirent.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include "bench.h"

struct shared {
	atomic_long born;
};

static void node(struct shared *sh, long size, int depth, unsigned seed);

static pid_t fork_node(struct shared *sh, long size, int depth, unsigned seed, int escape)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (escape)
			setsid();
		node(sh, size, depth, seed);
	}
	return pid;
}

/*
 * Fork a child that lives 1..10 ms, every 20..100 ms: with one node in 32 doing it, about a
 * thousand forks a second, a race for any killer that leaves a core free for it.
 */
static void churn(unsigned seed)
{
	for (;;) {
		pid_t pid = fork();
		if (pid == 0) {
			sleep_ms(1 + rand_r(&seed) % 10);
			_exit(0);
		}
		sleep_ms(20 + rand_r(&seed) % 80);
		while (waitpid(-1, 0, WNOHANG) > 0)
			;
	}
}

/* Depth is bounded, so the tree is bushy (3^7 > 2000) rather than a few long chains. */
static void node(struct shared *sh, long size, int depth, unsigned seed)
{
	int c;

	prctl(PR_SET_NAME, "bench-tree");
	seed ^= (unsigned)getpid() * 2654435761u;
	for (c = 0; depth < 7 && c < 3 && atomic_fetch_add(&sh->born, 1) < size; c++)
		fork_node(sh, size, depth + 1, rand_r(&seed), rand_r(&seed) % 16 == 0);
	if (rand_r(&seed) % 32 == 0)
		churn(seed);
	for (;;)
		pause();
}

/* Live processes named bench-tree; reaps the zombies that came to PID 1 meanwhile. */
static long survivors(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long n = 0;

	while (waitpid(-1, 0, WNOHANG) > 0)
		;
	if (!d)
		bench_die("/proc: %s", strerror(errno));
	while ((e = readdir(d))) {
		char path[300], buf[256], *p;
		ssize_t len;
		int fd;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = 0;
		p = strrchr(buf, ')');
		if (strstr(buf, "(bench-tree)") && p && p[2] != 'Z' && p[2] != 'X')
			n++;
	}
	closedir(d);
	return n;
}

static void write_file(const char *dir, const char *name, const char *s)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, s, strlen(s)) < 0)
		bench_die("%s: %s", path, strerror(errno));
	close(fd);
}

static pid_t run_cmd(char **argv, pid_t root)
{
	char rootstr[16];
	int i;

	snprintf(rootstr, sizeof(rootstr), "%d", (int)root);
	for (i = 0; argv[i]; i++)
		if (!strcmp(argv[i], "{}"))
			argv[i] = rootstr;
	return spawn_quiet(argv, 1);
}

int main(int argc, char **argv)
{
	long size = argc > 3 ? atol(argv[1]) : 0, deadline_ms = argc > 3 ? atol(argv[2]) : 0;
	const char *method = argc > 3 ? argv[3] : "";
	struct shared *sh;
	long long t0, give_up;
	long left = -1;
	pid_t root;

	if (size < 1 || deadline_ms < 1 || (strcmp(method, "pgid") && argc < 5))
		bench_die("usage: treerace SIZE DEADLINE_MS pgid|cgroup DIR|cmd ARGV...");
	if (getpid() != 1)
		bench_die("treerace: must be PID 1 of a namespace");
	sh = mmap(0, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));
	atomic_store(&sh->born, 1);
	root = fork();
	if (root == 0) {
		setpgid(0, 0);
		if (!strcmp(method, "cgroup"))
			write_file(argv[4], "cgroup.procs", "0");
		node(sh, size, 0, 1);
	}
	give_up = now_ns() + 30000000000LL;
	while (atomic_load(&sh->born) < size && now_ns() < give_up)
		sleep_ms(5);
	sleep_ms(100); /* let the churn run */

	t0 = now_ns();
	if (!strcmp(method, "pgid"))
		kill(-root, SIGKILL);
	else if (!strcmp(method, "cgroup"))
		write_file(argv[4], "cgroup.kill", "1");
	else if (!strcmp(method, "cmd") && run_cmd(argv + 4, root) < 0)
		bench_die("cannot run %s", argv[4]);
	while ((left = survivors()) > 0 && now_ns() - t0 < deadline_ms * 1000000LL)
		sleep_ms(1);
	if (left == 0)
		printf("%.1f 0 %ld\n", (now_ns() - t0) / 1e6, size);
	else
		printf("- %ld %ld\n", left, size);
	return 0;
}
