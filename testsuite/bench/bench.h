/*
 * Shared by the bench helpers (plain host C, stdio allowed): the clock, contender specs,
 * spawning, /proc look-ups and statistics.
 *
 * A contender is given on the command line as one string "NAME=PREFIX...": NAME is its
 * column in the table, PREFIX the words put before the child's command ("tini=/usr/bin/tini
 * --"). An empty PREFIX ("none=") runs the child with no init at all. Words are split on
 * spaces: paths with spaces are not supported.
 */
#ifndef BENCH_H
#define BENCH_H
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_WORDS 32
#define MAX_SPECS 16

struct spec {
	const char *name;
	char *prefix[MAX_WORDS];
	int nprefix;
};

static inline void bench_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static inline long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static inline void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

/* "NAME=w1 w2 ..." -> spec (the string is modified in place). */
static inline void spec_parse(struct spec *s, char *arg)
{
	char *eq = strchr(arg, '='), *w;

	if (!eq)
		bench_die("contender '%s' is not NAME=PREFIX", arg);
	*eq = 0;
	s->name = arg;
	s->nprefix = 0;
	for (w = strtok(eq + 1, " "); w; w = strtok(0, " ")) {
		if (s->nprefix == MAX_WORDS - 1)
			bench_die("contender %s: too many words", s->name);
		s->prefix[s->nprefix++] = w;
	}
}

static inline int specs_parse(struct spec *specs, int argc, char **argv)
{
	int i;

	if (argc > MAX_SPECS)
		bench_die("too many contenders");
	for (i = 0; i < argc; i++)
		spec_parse(&specs[i], argv[i]);
	return argc;
}

/*
 * argv for "PREFIX CHILD...": in a fresh PID namespace (the init its PID 1) when ns is set
 * and there is an init; returns the number of words.
 */
static inline int spec_argv(const struct spec *s, int ns, char **child, char **out, int cap)
{
	static char *unshare[] = { "unshare", "--pid", "--fork", "--mount-proc", "--kill-child" };
	int n = 0, i;

	if (ns && s->nprefix)
		for (i = 0; i < 5; i++)
			out[n++] = unshare[i];
	for (i = 0; i < s->nprefix; i++)
		out[n++] = s->prefix[i];
	for (i = 0; child[i]; i++) {
		if (n >= cap - 1)
			bench_die("command too long");
		out[n++] = child[i];
	}
	out[n] = 0;
	return n;
}

/* posix_spawnp argv; stdout and stderr to /dev/null when quiet. */
static inline pid_t spawn_quiet(char **argv, int quiet)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&fa);
	if (quiet) {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	}
	err = posix_spawnp(&pid, argv[0], &fa, 0, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		errno = err;
		return -1;
	}
	return pid;
}

/* The first child of pid (from /proc), waiting at most timeout_ms for one; -1 if none. */
static inline pid_t proc_first_child(pid_t pid, long timeout_ms)
{
	long long end = now_ns() + timeout_ms * 1000000LL;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)pid, (int)pid);
	do {
		FILE *f = fopen(path, "r");
		int child = -1;

		if (!f)
			return -1;
		if (fscanf(f, "%d", &child) != 1)
			child = -1;
		fclose(f);
		if (child > 0)
			return child;
		sleep_ms(1);
	} while (now_ns() < end);
	return -1;
}

/* A "Key:  N kB" or "Key: N" line of /proc/PID/status; -1 when absent. */
static inline long proc_status_field(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t klen = strlen(key);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			v = strtol(line + klen + 1, 0, 10);
			break;
		}
	fclose(f);
	return v;
}

/* The state letter of /proc/PID/stat ('R', 'S', 'T', 'Z'...), 0 when it is gone. */
static inline char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : 0;
}

static inline int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The q-quantile (0..1) of v[0..n), sorting v. */
static inline long long quantile(long long *v, int n, double q)
{
	int i;

	if (n <= 0)
		return -1;
	qsort(v, (size_t)n, sizeof(*v), cmp_ll);
	i = (int)(q * (n - 1) + 0.5);
	return v[i];
}

#endif
