/*
 * initbench: figures of inits that run as PID 1 of their own namespace with `answer` as
 * their child. Every contender is started at once and measured in turns.
 *
 *   initbench idle SECONDS ANSWER DIR SPEC...
 *     the init's VmRSS and VmHWM (KiB) while its child sleeps, and its context switches
 *     (voluntary + involuntary) over SECONDS of idle: "NAME RSS HWM SWITCHES"
 *   initbench signals ROUNDS BURST MISS_MS ANSWER DIR SPEC...
 *     ROUNDS round trips of SIGUSR1 through the init to the child and back (one byte on a
 *     FIFO), interleaved; each of the 59 catchable signals once (TSTP, TTIN and TTOU count
 *     when they stopped the child: inits in session mode forward them as STOP on purpose);
 *     BURST real-time signals (40, RTMIN+6) sent as fast as the kernel takes them:
 *     "NAME P50_US P99_US LOST FORWARDED MISSING ARRIVED"
 *
 * DIR holds the FIFOs. An empty PREFIX ("none=") is the child alone, signalled directly.
 * A PREFIX whose first word is "+" ("pause=+ pidbox pause") is an init that runs no child
 * (idle only): it is ready once it has blocked its signals.
 * Signals go to the init through a pidfd opened while it is known to be unshare's child:
 * a recycled PID is never signalled.
 */
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "bench.h"

struct run {
	struct spec *spec;
	pid_t launcher, init, child;
	int init_fd, child_fd, fifo;
};

static int pidfd_open_child_of(pid_t pid, pid_t parent)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	/* the pidfd pins this process; it is the one we mean if its parent is still `parent` */
	if (fd >= 0 && proc_status_field(pid, "PPid") != parent) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_sig(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, 0, 0);
}

/* Read answers for at most idle_ms after the last byte; count bytes equal to want, stop
 * when `need` were seen. */
static long read_answers(struct run *r, int want, long need, long idle_ms)
{
	unsigned char buf[4096];
	long seen = 0;
	struct pollfd p = { r->fifo, POLLIN, 0 };

	while (seen < need && poll(&p, 1, (int)idle_ms) > 0) {
		ssize_t n = read(r->fifo, buf, sizeof(buf)), i;
		for (i = 0; i < n; i++)
			seen += buf[i] == want;
	}
	return seen;
}

static void drain(struct run *r)
{
	unsigned char buf[4096];

	while (read(r->fifo, buf, sizeof(buf)) > 0)
		;
}

/* An init with no child ("+ PREFIX"): ready once its signals are blocked. */
static void start_alone(struct run *r, struct spec *s)
{
	struct spec alone = *s;
	char *none[] = { 0 }, *av[MAX_WORDS + 16];
	long long give_up = now_ns() + 10000000000LL;
	char path[64], line[256];

	alone.nprefix--;
	memmove(alone.prefix, alone.prefix + 1, sizeof(alone.prefix[0]) * (size_t)alone.nprefix);
	spec_argv(&alone, 1, none, av, MAX_WORDS + 16);
	r->launcher = spawn_quiet(av, 1);
	r->init = r->launcher < 0 ? -1 : proc_first_child(r->launcher, 1000);
	r->init_fd = r->init < 0 ? -1 : pidfd_open_child_of(r->init, r->launcher);
	if (r->init_fd < 0)
		bench_die("%s: cannot start %s", s->name, av[5]);
	r->child = -1;
	r->child_fd = -1;
	r->fifo = -1;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)r->init);
	while (now_ns() < give_up) {
		FILE *f = fopen(path, "r");
		int blocked = 0;

		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "SigBlk:", 7))
				blocked = strspn(line + 7, "\t 0") < strlen(line + 7) - 1;
		if (f)
			fclose(f);
		if (blocked)
			return;
		sleep_ms(1);
	}
	bench_die("%s: did not block its signals within 10 s", s->name);
}

static void start(struct run *r, struct spec *s, char *answer, const char *dir)
{
	char fifo[512], *child[] = { answer, fifo, 0 }, *av[MAX_WORDS + 16];

	r->spec = s;
	if (s->nprefix && !strcmp(s->prefix[0], "+")) {
		start_alone(r, s);
		return;
	}
	snprintf(fifo, sizeof(fifo), "%s/%s.fifo", dir, s->name);
	unlink(fifo);
	if (mkfifo(fifo, 0600) < 0)
		bench_die("mkfifo %s: %s", fifo, strerror(errno));
	/* read-write: opening never blocks, and reads never see EOF */
	r->fifo = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	spec_argv(s, 1, child, av, MAX_WORDS + 16);
	r->launcher = spawn_quiet(av, 1);
	if (r->launcher < 0)
		bench_die("%s: cannot run %s", s->name, av[0]);
	if (read_answers(r, 0, 1, 10000) != 1)
		bench_die("%s: its child did not start within 10 s", s->name);
	r->init = s->nprefix ? proc_first_child(r->launcher, 1000) : r->launcher;
	r->child = s->nprefix ? proc_first_child(r->init, 1000) : r->launcher;
	r->init_fd = pidfd_open_child_of(r->init, s->nprefix ? r->launcher : getpid());
	r->child_fd = pidfd_open_child_of(r->child, s->nprefix ? r->init : getpid());
	if (r->init_fd < 0 || r->child_fd < 0)
		bench_die("%s: cannot find its init and child", s->name);
	unlink(fifo);
}

/* The init dies, and with it its namespace; unshare reaps it and exits. */
static void stop(struct run *r)
{
	send_sig(r->init_fd, SIGKILL);
	waitpid(r->launcher, 0, 0);
	close(r->init_fd);
	if (r->child_fd >= 0)
		close(r->child_fd);
	if (r->fifo >= 0)
		close(r->fifo);
}

static long switches(pid_t pid)
{
	return proc_status_field(pid, "voluntary_ctxt_switches") +
	       proc_status_field(pid, "nonvoluntary_ctxt_switches");
}

static int idle(int n, struct run *runs, long seconds)
{
	long before[MAX_SPECS], rss[MAX_SPECS], hwm[MAX_SPECS];
	int k;

	sleep_ms(500); /* let start-up settle */
	for (k = 0; k < n; k++) {
		rss[k] = proc_status_field(runs[k].init, "VmRSS");
		hwm[k] = proc_status_field(runs[k].init, "VmHWM");
		before[k] = switches(runs[k].init);
	}
	sleep_ms(seconds * 1000);
	for (k = 0; k < n; k++)
		printf("%s %ld %ld %ld\n", runs[k].spec->name, rss[k], hwm[k],
		       switches(runs[k].init) - before[k]);
	return 0;
}

static int catchable(int sig)
{
	return sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD && sig != 32 && sig != 33;
}

static int stopped(pid_t pid)
{
	char s = proc_state(pid);
	return s == 'T' || s == 't';
}

/* Send sig through the init; did the child get it? Leaves both running. */
static int forwarded(struct run *r, int sig, long miss_ms)
{
	int got;

	drain(r);
	send_sig(r->init_fd, sig);
	got = read_answers(r, sig, 1, miss_ms) == 1;
	if (!got && (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU))
		got = stopped(r->child);
	if (stopped(r->init) || stopped(r->child)) {
		send_sig(r->init_fd, SIGCONT);
		send_sig(r->child_fd, SIGCONT);
		sleep_ms(20);
	}
	drain(r);
	return got;
}

static long burst(struct run *r, long count)
{
	long long give_up = now_ns() + 5000000000LL;
	long sent = 0;

	drain(r);
	while (sent < count && now_ns() < give_up)
		if (send_sig(r->init_fd, 40) == 0)
			sent++;
		else if (errno == EAGAIN) /* the queue is full: let the init catch up */
			sleep_ms(1);
		else
			break;
	return read_answers(r, 40, count, 1000);
}

static int signals(int n, struct run *runs, long rounds, long count, long miss_ms)
{
	static long long rtt[MAX_SPECS][100000];
	long lost[MAX_SPECS] = { 0 }, ok[MAX_SPECS] = { 0 }, fwd[MAX_SPECS] = { 0 };
	char missing[MAX_SPECS][256] = { { 0 } };
	long r;
	int k, sig;

	for (r = 0; r < rounds; r++)
		for (k = 0; k < n; k++) {
			struct run *x = &runs[(r + k) % n];
			int i = (int)(x - runs);
			long long t0 = now_ns();

			send_sig(x->init_fd, SIGUSR1);
			if (read_answers(x, SIGUSR1, 1, 1000) == 1)
				rtt[i][ok[i]++] = now_ns() - t0;
			else
				lost[i]++;
		}
	for (sig = 1; sig <= 64; sig++)
		for (k = 0; catchable(sig) && k < n; k++) {
			if (forwarded(&runs[k], sig, miss_ms)) {
				fwd[k]++;
			} else {
				size_t len = strlen(missing[k]);
				snprintf(missing[k] + len, sizeof(missing[k]) - len, "%s%d",
					 len ? "," : "", sig);
			}
		}
	for (k = 0; k < n; k++) {
		long arrived = burst(&runs[k], count);
		printf("%s %.1f %.1f %ld %ld %s %ld\n", runs[k].spec->name,
		       quantile(rtt[k], (int)ok[k], 0.5) / 1000.0,
		       quantile(rtt[k], (int)ok[k], 0.99) / 1000.0, lost[k], fwd[k],
		       missing[k][0] ? missing[k] : "-", arrived);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct spec specs[MAX_SPECS];
	struct run runs[MAX_SPECS];
	int idle_mode = argc > 1 && !strcmp(argv[1], "idle");
	int first = idle_mode ? 5 : 7, n, k, rc;

	if (argc <= first || (strcmp(argv[1], "idle") && strcmp(argv[1], "signals")))
		bench_die("usage: initbench idle SECONDS ANSWER DIR NAME=PREFIX...\n"
			  "       initbench signals ROUNDS BURST MISS_MS ANSWER DIR NAME=PREFIX...");
	if (!idle_mode && (atol(argv[2]) < 1 || atol(argv[2]) > 100000))
		bench_die("ROUNDS: 1..100000");
	n = specs_parse(specs, argc - first, argv + first);
	signal(SIGPIPE, SIG_IGN);
	for (k = 0; k < n; k++)
		start(&runs[k], &specs[k], argv[first - 2], argv[first - 1]);
	rc = idle_mode ? idle(n, runs, atol(argv[2]))
		       : signals(n, runs, atol(argv[2]), atol(argv[3]), atol(argv[4]));
	for (k = 0; k < n; k++)
		stop(&runs[k]);
	return rc;
}
