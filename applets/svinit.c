//config:config SVINIT
//config:	bool "svinit: several programs in one container, runit-style"
//config:	default y
//config:	select LIB_SIGLOOP
//config:	select LIB_REAP
//config:	select LIB_SPAWN
//config:	select LIB_NUM
//config:	select LIB_ENV
//config:	select LIB_PROC
//config:	help
//config:	  Runs every service of a runit-style directory (DIR/NAME/run) at
//config:	  once, prefixes and timestamps their output, and stops them all
//config:	  when one ends: the container's supervisor decides about restarts.

//usage:Usage: svinit [OPTIONS] [DIR]
//usage:
//usage:Run every service of DIR (default $SVINIT_DIR, else /etc/service) at once: each
//usage:subdirectory NAME with an executable NAME/run, started in NAME, in its own session.
//usage:As PID 1, or else as child subreaper. Layout as runit's runsvdir.
//usage:
//usage:A run that exits 115 has disabled itself: the others go on (all did: exit 0).
//usage:One fails, all stop: when a program exits otherwise, or on TERM or INT, every
//usage:program left gets TERM and CONT - or NAME/terminate is run, with its PID in
//usage:SVINIT_PID - then KILL after the grace; svinit exits once all are gone. Nothing
//usage:is restarted in place: the container's supervisor decides. A second TERM or INT
//usage:ends the grace; other signals are ignored.
//usage:
//usage:Reparented processes (a daemon), looked for at every signal (a child's exit is
//usage:one; svinit never polls): terminate = TERM, KILL after the grace; adopt = its exit
//usage:counts as a program's; ignore = only reaped. At the stop all get TERM, then KILL.
//usage:
//usage:Output: each line of a program's stdout and stderr goes to svinit's stdout and
//usage:stderr as "NAME 2006-01-02T15:04:05.000Z LINE" (RFC 3339, UTC). Lines over 4096
//usage:bytes are split, never dropped; a last partial line is flushed. NAME/log/run, when
//usage:there, reads the program's stdout; its own stdout counts as the program's.
//usage:
//usage:  -t, --grace DURATION  TERM to KILL: 5s (250ms, 2s, 1m); SVINIT_KILL_TIMEOUT
//usage:      --reparent POLICY terminate, adopt, ignore; SVINIT_REPARENTING_POLICY
//usage:      --json            a stdout line that is a JSON object gets "service" and
//usage:                        "time" fields, not a prefix (others: a warning);
//usage:                        SVINIT_JSON_STDOUT=1
//usage:  -v, --verbose         more (twice: debug); SVINIT_LOG_LEVEL=none, error, warn
//usage:                        (the default), info, debug
//usage:
//usage:Limits: 64 services, names of 63 bytes. Exit 2 (nothing started): no DIR, no
//usage:service, a run, log/run or terminate not executable. A NAME without run: skipped,
//usage:with a warning (runit would wait); names starting with '.' are ignored.
//usage:Exit status: 0 after TERM or INT, else that of the program that ended first
//usage:(128+N: killed by signal N); 1: a system call failed; 2: usage error.

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "applet.h"
#include "clock.h"
#include "env.h"
#include "fmt.h"
#include "log.h"
#include "num.h"
#include "opt.h"
#include "proc.h"
#include "reap.h"
#include "sigloop.h"
#include "spawn.h"
#include "wr.h"

#define SV_MAX 64          /* services */
#define SV_NAME_MAX 64     /* a service's name, its NUL included */
#define SV_LINE_MAX 4096   /* longer lines are split */
#define SV_ORPHAN_MAX 64   /* reparented processes tracked at once */
#define SV_DISABLED 115    /* runit's "this service disabled itself" */

enum policy { TERMINATE, ADOPT, IGNORE };
/* log_level values: the log part's 0 (warnings), 1 (-v) and 2 (-vv), and two below */
enum { LV_NONE = -2, LV_ERROR = -1, LV_WARN = 0 };

#define log_warn(...) do { if (log_level >= LV_WARN) log_msg(__VA_ARGS__); } while (0)
#define log_error(...) do { if (log_level >= LV_ERROR) log_msg(__VA_ARGS__); } while (0)

struct stream {              /* a pipe svinit reads lines from */
	int fd;              /* its read end; -1 at end of file */
	int to;              /* where its lines go: svinit's stdout or stderr */
	size_t len;
	char buf[SV_LINE_MAX];
};

struct service {
	char name[SV_NAME_MAX];
	pid_t pid;           /* the program (run); 0 once it ended */
	pid_t log_pid;       /* its log/run; 0 when none or ended */
	pid_t term_pid;      /* its terminate while that runs */
	int has_log, has_terminate;
	struct stream out, err;
};

struct orphan {              /* a process reparented to svinit */
	pid_t pid;
	int adopted;
	long long kill_at;   /* monotonic ms of its SIGKILL; 0: none planned */
};

struct svinit {
	struct service sv[SV_MAX];
	size_t nsv;
	struct orphan orphans[SV_ORPHAN_MAX];
	size_t norphans;
	int running;         /* programs and adopted processes still running */
	int stopping;
	int status;          /* svinit's exit status; -1 until something decided it */
	long long kill_at;   /* when stopping: monotonic ms of the SIGKILL; 0 once sent */
	unsigned long long grace_ms;
	enum policy policy;
	int json;
	struct spawn_opts spawn;
};

/* ------------------------------------------------------------------ output */

/* Days since 1970-01-01 to a civil date (proleptic Gregorian): Howard Hinnant's algorithm. */
static void civil_from_days(long long z, unsigned *y, unsigned *m, unsigned *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = (unsigned)(yoe + era * 400 + (*m <= 2));
}

/* "2006-01-02T15:04:05.000Z" into buf (32 bytes); returns its length. */
static size_t rfc3339_now(char *buf)
{
	struct timespec ts;
	unsigned y, m, d, s;

	clock_gettime(CLOCK_REALTIME, &ts);
	civil_from_days(ts.tv_sec / 86400, &y, &m, &d);
	s = (unsigned)(ts.tv_sec % 86400);
	return fmt_buf(buf, 32, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", y, m, d, s / 3600,
		       s / 60 % 60, s % 60, (unsigned)(ts.tv_nsec / 1000000));
}

static const char *json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static const char *json_string(const char *p, const char *end)
{
	if (p == end || *p++ != '"')
		return 0;
	for (; p < end; p++) {
		if (*p == '"')
			return p + 1;
		if ((unsigned char)*p < 0x20)
			return 0;
		if (*p == '\\' && ++p == end)
			return 0;
	}
	return 0;
}

static const char *json_digits(const char *p, const char *end)
{
	const char *start = p;

	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p > start ? p : 0;
}

static const char *json_number(const char *p, const char *end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0') /* no leading zeros: 0, 0.5, but not 01 */
		p++;
	else if (!(p = json_digits(p, end)))
		return 0;
	if (p < end && *p == '.' && !(p = json_digits(p + 1, end)))
		return 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		p = json_digits(p, end);
	}
	return p;
}

/* A string, number, true, false or null; NULL when none starts at p. */
static const char *json_scalar(const char *p, const char *end)
{
	static const char *const words[] = { "true", "false", "null" };
	unsigned i;

	if (p < end && *p == '"')
		return json_string(p, end);
	for (i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if ((size_t)(end - p) >= n && !memcmp(p, words[i], n))
			return p + n;
	}
	return json_number(p, end);
}

/* "key" : -- what comes before an object's member; NULL when it is not there. */
static const char *json_key(const char *p, const char *end)
{
	p = json_string(json_ws(p, end), end);
	p = p ? json_ws(p, end) : 0;
	return p && p < end && *p == ':' ? p + 1 : 0;
}

#define JSON_DEPTH 32 /* deeper lines are passed on with a prefix */

/*
 * Is [p, end) one JSON value and nothing else but blanks? Iterative, with the open
 * containers on a small stack: a line's nesting cannot grow svinit's stack.
 */
static int json_whole(const char *p, const char *end)
{
	char close[JSON_DEPTH];
	int depth = 0;

	for (;;) {
		p = json_ws(p, end); /* a value starts here */
		if (p < end && (*p == '{' || *p == '[')) {
			if (depth == JSON_DEPTH)
				return 0;
			close[depth++] = *p == '{' ? '}' : ']';
			p = json_ws(p + 1, end);
			if (p == end || *p != close[depth - 1]) {
				if (close[depth - 1] == '}' && !(p = json_key(p, end)))
					return 0;
				continue; /* the container's first value */
			}
			p++;
			depth--;
		} else if (!(p = json_scalar(p, end))) {
			return 0;
		}
		for (;;) { /* after a value: the end of containers, or ',' and the next one */
			p = json_ws(p, end);
			if (!depth)
				return p == end;
			if (p == end || *p != close[depth - 1])
				break;
			p++;
			depth--;
		}
		if (p == end || *p++ != ',')
			return 0;
		if (close[depth - 1] == '}' && !(p = json_key(p, end)))
			return 0;
	}
}

/* Is line one JSON object, nothing else? Returns where its '{' is, or NULL. */
static const char *json_object(const char *line, size_t len)
{
	const char *p = json_ws(line, line + len);

	return p < line + len && *p == '{' && json_whole(p, line + len) ? p : 0;
}

/* The name as a JSON string's body: '"', '\' and control bytes escaped. */
static size_t json_escape(char *dst, const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			dst[n++] = '\\';
			dst[n++] = *s;
		} else if ((unsigned char)*s < 0x20) {
			n += fmt_buf(dst + n, 7, "\\u%04x", (unsigned)*s);
		} else {
			dst[n++] = *s;
		}
	}
	return n;
}

/* One line of a program's output, to svinit's stdout or stderr, as one write. */
static void emit(const struct svinit *sv, const struct service *s, int to, const char *line,
		 size_t len)
{
	char out[SV_LINE_MAX + 6 * SV_NAME_MAX + 64], ts[32];
	const char *obj = sv->json && to == STDOUT_FILENO ? json_object(line, len) : 0;
	size_t n;

	rfc3339_now(ts);
	if (obj) {
		const char *rest = json_ws(obj + 1, line + len);
		n = fmt_buf(out, sizeof(out), "{\"service\":\"");
		n += json_escape(out + n, s->name);
		n += fmt_buf(out + n, sizeof(out) - n, "\",\"time\":\"%s\"%s", ts, *rest == '}' ? "" : ",");
		len -= (size_t)(obj + 1 - line); /* the object goes on just after its '{' */
		line = obj + 1;
	} else {
		if (sv->json && to == STDOUT_FILENO)
			log_warn("%s: stdout line is not a JSON object: passed with a prefix", s->name);
		n = fmt_buf(out, sizeof(out), "%s %s ", s->name, ts);
	}
	memcpy(out + n, line, len);
	n += len;
	out[n++] = '\n';
	wr_all(to, out, n); /* a closed stdout must not stop the container: errors dropped */
}

/* Every complete line in the buffer; a full buffer without a newline goes as one line. */
static void stream_lines(const struct svinit *sv, const struct service *s, struct stream *st)
{
	size_t start = 0;
	char *nl;

	while ((nl = memchr(st->buf + start, '\n', st->len - start))) {
		emit(sv, s, st->to, st->buf + start, (size_t)(nl - st->buf) - start);
		start = (size_t)(nl - st->buf) + 1;
	}
	if (start == 0 && st->len == sizeof(st->buf)) {
		emit(sv, s, st->to, st->buf, st->len);
		start = st->len;
	}
	st->len -= start;
	memmove(st->buf, st->buf + start, st->len);
}

/* Read what the pipe holds; 1 when something came. At end of file, a partial line is flushed. */
static int stream_read(const struct svinit *sv, const struct service *s, struct stream *st)
{
	ssize_t n = read(st->fd, st->buf + st->len, sizeof(st->buf) - st->len);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n > 0) {
		st->len += (size_t)n;
		stream_lines(sv, s, st);
		return 1;
	}
	if (st->len)
		emit(sv, s, st->to, st->buf, st->len);
	st->len = 0;
	close(st->fd);
	st->fd = -1;
	return 0;
}

/* ------------------------------------------------------------------ the service directory */

/* Does NAME/FILE exist? 0 or an errno (ENOTDIR: NAME is no directory). Exit 2 when it exists
 * and cannot be executed. */
static int missing(const char *name, const char *file)
{
	char path[SV_NAME_MAX + 16];

	fmt_buf(path, sizeof(path), "%s/%s", name, file);
	if (access(path, F_OK) < 0)
		return errno;
	if (access(path, X_OK) < 0)
		die(2, "%s is not executable", path);
	return 0;
}

/* One directory entry: the next service when it is one, kept sorted by name. */
static void service_add(struct svinit *sv, const char *name)
{
	struct service *s = &sv->sv[sv->nsv];
	int err;

	if (name[0] == '.')
		return;
	if ((err = missing(name, "run"))) {
		if (err != ENOTDIR) /* a file, not a service directory: runsvdir skips those too */
			log_warn("%s: no run file: skipped", name);
		return;
	}
	if (strlen(name) >= SV_NAME_MAX)
		die(2, "service name longer than %d bytes: %s", SV_NAME_MAX - 1, name);
	if (sv->nsv == SV_MAX)
		die(2, "more than %d services", SV_MAX);
	memcpy(s->name, name, strlen(name) + 1);
	s->has_log = !missing(name, "log/run");
	s->has_terminate = !missing(name, "terminate");
	sv->nsv++;
	for (; s > sv->sv && strcmp(s[-1].name, s->name) > 0; s--) {
		struct service t = s[-1];
		s[-1] = *s;
		*s = t;
	}
}

/* Every service of the current directory, sorted by name. readdir needs malloc: getdents. */
static void services_find(struct svinit *sv, const char *dir)
{
	char buf[4096];
	long n;
	int fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		die(2, "cannot read %s: %s", dir, err_str(errno));
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((struct dirent *)(buf + off))->d_reclen)
			service_add(sv, ((struct dirent *)(buf + off))->d_name);
	if (n < 0)
		die(2, "cannot read %s: %s", dir, err_str(errno));
	close(fd);
	if (!sv->nsv)
		die(2, "no service in %s (no NAME/run)", dir);
}

/* ------------------------------------------------------------------ starting */

/* Start DIR/FILE (run or terminate) in DIR; 0 when it could not even be created. */
static pid_t start_script(const struct svinit *sv, const char *dir, const char *file,
		   const int stdio[3], char *const *env)
{
	char path[16], *argv[] = { path, 0 };
	struct spawn_opts o = sv->spawn;
	struct spawn_error e;
	pid_t pid;

	fmt_buf(path, sizeof(path), "./%s", file);
	o.dir = dir;
	o.env = env;
	o.redirect = stdio != 0;
	if (stdio)
		memcpy(o.stdio, stdio, sizeof(o.stdio));
	pid = spawn_child(argv, &o, &e);
	if (pid < 0)
		log_error("cannot start %s/%s: %s", dir, file, err_str(errno));
	else if (e.err) /* it has exited already, 126 or 127: its exit will be seen */
		log_error("%s/%s: %s", dir, file, err_str(e.err));
	else
		log_info("started %s/%s: pid %d", dir, file, (int)pid);
	return pid < 0 ? 0 : pid;
}

static int pipe_pair(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		die(1, "pipe: %s", err_str(errno));
	return fds[0];
}

/*
 * run's stdout goes to log/run when there is one, whose stdout is then read as the
 * program's; both write to the same stderr pipe.
 */
static void service_start(struct svinit *sv, struct service *s)
{
	int out[2], err[2], lg[2] = { -1, -1 };

	s->out.fd = pipe_pair(out);
	s->out.to = STDOUT_FILENO;
	s->err.fd = pipe_pair(err);
	s->err.to = STDERR_FILENO;
	if (s->has_log) {
		char logdir[SV_NAME_MAX + 8];
		pipe_pair(lg);
		fmt_buf(logdir, sizeof(logdir), "%s/log", s->name);
		s->log_pid = start_script(sv, logdir, "run", (int[3]){ lg[0], out[1], err[1] }, 0);
		close(lg[0]);
	}
	s->pid = start_script(sv, s->name, "run", (int[3]){ -1, s->has_log ? lg[1] : out[1], err[1] }, 0);
	if (s->has_log)
		close(lg[1]);
	close(out[1]);
	close(err[1]);
	ioctl(s->out.fd, FIONBIO, &(int){ 1 }); /* only svinit's ends: the writers block */
	ioctl(s->err.fd, FIONBIO, &(int){ 1 });
	sv->running += s->pid > 0;
}

/* ------------------------------------------------------------------ stopping */

static void term(pid_t pid)
{
	/* a stopped process would not act on TERM until continued: runsv sends both */
	if (pid > 0) {
		kill(pid, SIGTERM);
		kill(pid, SIGCONT);
	}
}

/* The program's terminate, with SVINIT_PID in its environment; SIGTERM when there is none. */
static void service_stop(const struct svinit *sv, struct service *s)
{
	char pidvar[32];

	if (!s->pid)
		return;
	if (!s->has_terminate) {
		log_info("%s: sending SIGTERM to %d", s->name, (int)s->pid);
		term(s->pid);
		return;
	}
	fmt_buf(pidvar, sizeof(pidvar), "SVINIT_PID=%d", (int)s->pid);
	{
		char *set[] = { pidvar }, *env[env_count(environ) + 2];
		env_merge(env, environ, set, 1);
		s->term_pid = start_script(sv, s->name, "terminate", 0, env);
	}
	if (!s->term_pid)
		term(s->pid);
}

/* One fails, all stop: the first reason decides the exit status. */
static void stop_all(struct svinit *sv, int status)
{
	size_t i;

	if (sv->status < 0)
		sv->status = status;
	if (sv->stopping)
		return;
	sv->stopping = 1;
	log_info("stopping every service (exit status %d), SIGKILL in %llu ms", sv->status,
		 sv->grace_ms);
	for (i = 0; i < sv->nsv; i++)
		service_stop(sv, &sv->sv[i]);
	for (i = 0; i < sv->norphans; i++)
		term(sv->orphans[i].pid);
	sv->kill_at = clock_now_ms() + (long long)sv->grace_ms;
}

/* Our own unreaped children, from /proc: no PID among them can have been recycled. */
static int children(pid_t *pids, int cap)
{
	char buf[16384];
	ssize_t len = proc_read_file("/proc/thread-self/children", buf, sizeof(buf));

	return len < 0 ? 0 : proc_parse_children(buf, (size_t)len, pids, cap);
}

/* The grace is over: SIGKILL to everything left. */
static void kill_all(struct svinit *sv)
{
	pid_t pids[2048];
	int i, n;

	log_info("grace over: SIGKILL to every process left");
	sv->kill_at = 0;
	/* as PID 1 of a namespace, -1 is exactly "every other process in it" */
	if (getpid() == 1) {
		kill(-1, SIGKILL);
		return;
	}
	n = children(pids, 2048);
	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	/* those svinit started, also when /proc cannot list children */
	for (i = 0; i < (int)sv->nsv; i++) {
		struct service *s = &sv->sv[i];
		if (s->pid)
			kill(s->pid, SIGKILL);
		if (s->log_pid)
			kill(s->log_pid, SIGKILL);
		if (s->term_pid)
			kill(s->term_pid, SIGKILL);
	}
}

/* ------------------------------------------------------------------ reparented processes */

static int known(const struct svinit *sv, pid_t pid)
{
	size_t i;

	for (i = 0; i < sv->nsv; i++)
		if (sv->sv[i].pid == pid || sv->sv[i].log_pid == pid || sv->sv[i].term_pid == pid)
			return 1;
	for (i = 0; i < sv->norphans; i++)
		if (sv->orphans[i].pid == pid)
			return 1;
	return 0;
}

static void orphan_found(struct svinit *sv, pid_t pid)
{
	static const char *const done[] = { "sending SIGTERM", "adopting it", "ignoring it" };
	struct orphan *o = &sv->orphans[sv->norphans];
	enum policy p = sv->stopping ? TERMINATE : sv->policy;

	log_info("process %d was reparented to svinit: %s", (int)pid, done[p]);
	if (sv->norphans == SV_ORPHAN_MAX) {
		log_warn("more than %d reparented processes: %d is not tracked", SV_ORPHAN_MAX, (int)pid);
		if (p != IGNORE)
			term(pid);
		return;
	}
	sv->norphans++;
	o->pid = pid;
	o->adopted = p == ADOPT;
	o->kill_at = 0;
	sv->running += o->adopted;
	if (p == TERMINATE) {
		term(pid);
		o->kill_at = clock_now_ms() + (long long)sv->grace_ms;
	}
}

/* Children svinit did not start are reparented ones: no event tells when they arrive. */
static void orphans_scan(struct svinit *sv)
{
	pid_t pids[2048];
	int i, n = children(pids, 2048);

	for (i = 0; i < n; i++)
		if (!known(sv, pids[i]))
			orphan_found(sv, pids[i]);
}

/* SIGKILL to terminated orphans whose grace is over; the next such deadline, or 0. */
static long long orphans_kill_due(struct svinit *sv, long long now)
{
	long long next = 0;
	size_t i;

	for (i = 0; i < sv->norphans; i++) {
		struct orphan *o = &sv->orphans[i];
		if (!o->kill_at)
			continue;
		if (o->kill_at <= now) {
			log_info("reparented process %d outlived the grace: SIGKILL", (int)o->pid);
			kill(o->pid, SIGKILL);
			o->kill_at = 0;
		} else if (!next || o->kill_at < next) {
			next = o->kill_at;
		}
	}
	return next;
}

/* ------------------------------------------------------------------ exits */

static void program_exited(struct svinit *sv, struct service *s, int status)
{
	int code = wait_exitcode(status);

	s->pid = 0;
	sv->running--;
	if (code == SV_DISABLED && !sv->stopping) {
		log_info("%s disabled itself (exit 115)", s->name);
		if (!sv->running)
			stop_all(sv, 0);
		return;
	}
	if (sv->stopping)
		log_info("%s ended (exit status %d)", s->name, code);
	else if (code)
		log_warn("%s exited with status %d: stopping", s->name, code);
	else
		log_info("%s exited with status 0: stopping", s->name);
	stop_all(sv, code);
}

static int orphan_exited(struct svinit *sv, pid_t pid, int status)
{
	size_t i;

	for (i = 0; i < sv->norphans; i++) {
		struct orphan o = sv->orphans[i];
		if (o.pid != pid)
			continue;
		sv->orphans[i] = sv->orphans[--sv->norphans];
		log_info("reparented process %d exited (status %d)", (int)pid, wait_exitcode(status));
		if (o.adopted) {
			sv->running--;
			stop_all(sv, wait_exitcode(status));
		}
		return 1;
	}
	return 0;
}

/* Every child's exit: a program, its logger, its terminate, or a reparented process. */
static void child_exited(pid_t pid, int status, void *ctx)
{
	struct svinit *sv = ctx;
	size_t i;

	for (i = 0; i < sv->nsv; i++) {
		struct service *s = &sv->sv[i];
		if (s->pid == pid) {
			program_exited(sv, s, status);
			return;
		}
		if (s->log_pid == pid) {
			s->log_pid = 0;
			/* a logger ends with its program's output; before that, it failed */
			if (s->pid && !sv->stopping) {
				log_warn("%s/log exited with status %d: stopping", s->name,
					 wait_exitcode(status));
				stop_all(sv, wait_exitcode(status));
			}
			return;
		}
		if (s->term_pid == pid) {
			s->term_pid = 0;
			if (status && s->pid) {
				log_warn("%s/terminate failed (status %d): sending SIGTERM", s->name,
					 wait_exitcode(status));
				term(s->pid);
			}
			return;
		}
	}
	if (orphan_exited(sv, pid, status))
		return;
	/* a reparented process that ended before svinit saw it alive */
	log_debug("reaped reparented process %d (status %d)", (int)pid, wait_exitcode(status));
	if (sv->policy == ADOPT && !sv->stopping)
		stop_all(sv, wait_exitcode(status));
}

/* ------------------------------------------------------------------ the loop */

static int no_children(void)
{
	siginfo_t si;

	return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == ECHILD;
}

static void on_signal(struct svinit *sv, const struct signalfd_siginfo *si)
{
	struct reap_result r = { 0, -1, 0 };

	switch (si->ssi_signo) {
	case SIGCHLD:
		reap_all(0, &r, child_exited, sv);
		break;
	case SIGTERM:
	case SIGINT:
		if (sv->stopping) {
			log_info("second SIG%s: grace ended", si->ssi_signo == SIGTERM ? "TERM" : "INT");
			sv->kill_at = clock_now_ms();
		} else {
			log_info("got SIG%s", si->ssi_signo == SIGTERM ? "TERM" : "INT");
			stop_all(sv, 0);
		}
		break;
	default:
		log_debug("ignoring signal %u", si->ssi_signo);
	}
}

/* The earliest SIGKILL due, after sending those already due; -1: none (wait forever). */
static long long next_timeout(struct svinit *sv)
{
	long long now = clock_now_ms(), next = orphans_kill_due(sv, now);

	if (sv->stopping && sv->kill_at) {
		if (sv->kill_at <= now)
			kill_all(sv);
		else if (!next || sv->kill_at < next)
			next = sv->kill_at;
	}
	return next ? next - now : -1;
}

/* Streams still open into pfd[1..]; returns how many. */
static nfds_t poll_streams(struct svinit *sv, struct pollfd *pfd, struct stream **st,
			   struct service **owner)
{
	nfds_t n = 0;
	size_t i;

	for (i = 0; i < sv->nsv; i++) {
		struct stream *both[2] = { &sv->sv[i].out, &sv->sv[i].err };
		for (int k = 0; k < 2; k++)
			if (both[k]->fd >= 0) {
				pfd[n].fd = both[k]->fd;
				pfd[n].events = POLLIN;
				owner[n] = &sv->sv[i];
				st[n++] = both[k];
			}
	}
	return n;
}

/* Whatever is still in the pipes, then the partial lines: nothing is lost at exit. */
static void drain(const struct svinit *sv, struct service *s)
{
	struct stream *both[2] = { &s->out, &s->err };

	for (int k = 0; k < 2; k++) {
		while (both[k]->fd >= 0 && stream_read(sv, s, both[k]))
			;
		if (both[k]->len) /* a writer escaped svinit's tree and still holds the pipe */
			emit(sv, s, both[k]->to, both[k]->buf, both[k]->len);
	}
}

static int run(struct svinit *sv, struct sigloop *loop)
{
	struct pollfd pfd[1 + 2 * SV_MAX];
	struct stream *st[2 * SV_MAX];
	struct service *owner[2 * SV_MAX];

	for (;;) {
		struct signalfd_siginfo si;
		long long timeout = next_timeout(sv);
		struct timespec ts = { timeout / 1000, timeout % 1000 * 1000000 };
		nfds_t n = poll_streams(sv, pfd + 1, st, owner), i;

		if (sv->stopping && no_children())
			break;
		pfd[0].fd = loop->fd;
		pfd[0].events = POLLIN;
		/* the one place svinit waits: signals, output, and at most one SIGKILL deadline */
		if (ppoll(pfd, n + 1, timeout < 0 ? 0 : &ts, 0) < 0 && errno != EINTR)
			die(1, "ppoll: %s", err_str(errno));
		for (i = 0; i < n; i++)
			if (pfd[i + 1].revents)
				stream_read(sv, owner[i], st[i]);
		if (pfd[0].revents) {
			int got;
			while ((got = sigloop_next(loop, &si, 0)) > 0)
				on_signal(sv, &si);
			if (got < 0)
				die(1, "reading signals: %s", err_str(errno));
			orphans_scan(sv);
		}
	}
	for (size_t i = 0; i < sv->nsv; i++)
		drain(sv, &sv->sv[i]);
	return sv->status < 0 ? 0 : sv->status;
}

/* ------------------------------------------------------------------ settings */

static enum policy parse_policy(const char *s, const char *from)
{
	static const char *const names[] = { "terminate", "adopt", "ignore" };

	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i]))
			return (enum policy)i;
	usage_error("%s: '%s' is not terminate, adopt or ignore", from, s);
}

static unsigned long long parse_grace(const char *s, const char *from)
{
	unsigned long long ms;

	if (num_parse_duration(s, &ms) < 0)
		usage_error("%s: invalid duration '%s'", from, s);
	return ms;
}

static int parse_level(const char *s)
{
	static const char *const names[] = { "none", "error", "warn", "info", "debug" };

	for (int i = 0; i < 5; i++)
		if (!strcmp(s, names[i]))
			return LV_NONE + i;
	usage_error("SVINIT_LOG_LEVEL: '%s' is not none, error, warn, info or debug", s);
}

/* The SVINIT_* environment first: options given on the command line override it. */
static const char *settings_from_env(struct svinit *sv)
{
	const char *v;

	sv->grace_ms = 5000;
	if ((v = getenv("SVINIT_KILL_TIMEOUT")) && *v)
		sv->grace_ms = parse_grace(v, "SVINIT_KILL_TIMEOUT");
	if ((v = getenv("SVINIT_REPARENTING_POLICY")) && *v)
		sv->policy = parse_policy(v, "SVINIT_REPARENTING_POLICY");
	if ((v = getenv("SVINIT_LOG_LEVEL")) && *v)
		log_level = parse_level(v);
	if ((v = getenv("SVINIT_JSON_STDOUT")) && *v) {
		if (strcmp(v, "1") && strcmp(v, "0"))
			usage_error("SVINIT_JSON_STDOUT: '%s' is not 1 or 0", v);
		sv->json = *v == '1';
	}
	v = getenv("SVINIT_DIR");
	return v && *v ? v : "/etc/service";
}

static const char *parse_args(struct svinit *sv, int argc, char **argv)
{
	static const struct opt_long longs[] = {
		{ "grace", 1, 't' }, { "reparent", 1, 'r' }, { "json", 0, 'j' },
		{ "verbose", 0, 'v' }, { 0, 0, 0 },
	};
	const char *dir = settings_from_env(sv);
	struct opt_state st;
	int c;

	opt_init(&st, argc, argv, "t:v", longs, svinit_usage);
	while ((c = opt_next(&st)) != OPT_END)
		switch (c) {
		case 't':
			sv->grace_ms = parse_grace(st.arg, "--grace");
			break;
		case 'r':
			sv->policy = parse_policy(st.arg, "--reparent");
			break;
		case 'j':
			sv->json = 1;
			break;
		case 'v':
			log_level++;
			break;
		default:
			opt_default(&st, c);
		}
	if (st.ind < argc)
		dir = argv[st.ind++];
	if (st.ind < argc)
		usage_error("unexpected argument '%s'", argv[st.ind]);
	return dir;
}

int svinit_main(int argc, char **argv)
{
	static struct svinit sv; /* 0.5 MiB of line buffers: not on the stack */
	struct sigloop loop;
	const char *dir;
	size_t i;

	/* block first: a TERM that arrives while we start is kept, not lost */
	if (sigloop_open(&loop, KSIG_CATCHABLE) < 0)
		die(1, "signalfd: %s", err_str(errno));
	sv.status = -1;
	dir = parse_args(&sv, argc, argv);
	if (chdir(dir) < 0)
		die(2, "cannot use %s: %s", dir, err_str(errno));
	services_find(&sv, dir);

	/* an inherited SIG_IGN for SIGCHLD would make the kernel reap for us, invisibly */
	ksig_disposition(SIGCHLD, SIG_DFL, &sv.spawn.chld_ignored);
	sv.spawn.mask = loop.orig_mask;
	sv.spawn.setsid = 1;
	if (getpid() == 1)
		log_info("running as PID 1");
	else if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die(1, "cannot become child subreaper: %s", err_str(errno));
	else
		log_info("not PID 1: running as child subreaper");

	for (i = 0; i < sv.nsv; i++)
		service_start(&sv, &sv.sv[i]);
	for (i = 0; i < sv.nsv; i++)
		if (!sv.sv[i].pid)
			stop_all(&sv, 1); /* could not even be created: the system said no */
	return run(&sv, &loop);
}
