//config:config LIB_PROC
//config:	bool

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "fmt.h"
#include "proc.h"

/* Decimal digits in [s, end) only, value <= max. */
static int parse_dec(const char *s, const char *end, unsigned long long max,
		     unsigned long long *out)
{
	unsigned long long v = 0;

	if (s == end)
		return -1;
	for (; s < end; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (d > 9 || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static int parse_pid(const char *s, const char *end, pid_t *out)
{
	unsigned long long v;

	if (parse_dec(s, end, 0x7fffffff, &v))
		return -1;
	*out = (pid_t)v;
	return 0;
}

/* The fields of stat after "(COMM)" that proc_stat keeps: 3 state ... 22 start time. */
static int stat_field(struct proc_stat *out, int field, const char *s, const char *e)
{
	unsigned long long v;

	switch (field) {
	case 3:
		out->state = *s;
		return e - s == 1 ? 0 : -1;
	case 4:
		return parse_pid(s, e, &out->ppid);
	case 5:
		return parse_pid(s, e, &out->pgrp);
	case 6:
		return parse_pid(s, e, &out->session);
	case 20:
		if (parse_dec(s, e, 0x7fffffff, &v))
			return -1;
		out->threads = (int)v;
		return 0;
	case 22:
		if (parse_dec(s, e, ~0ULL, &v))
			return -1;
		out->start = v;
		return 0;
	}
	return 0; /* a field we skip: any token (some are negative) */
}

int proc_parse_stat(const char *buf, size_t len, struct proc_stat *out)
{
	const char *end = buf + len, *p = buf, *cs, *ce = 0, *tok;
	size_t n;
	int field;

	while (p < end && *p != ' ')
		p++;
	if (parse_pid(buf, p, &out->pid) || end - p < 2 || p[1] != '(')
		return -1;
	cs = p + 2;
	/* COMM is whatever the process named itself, ')' and spaces included: the last ')' ends it */
	for (p = end; p > cs;)
		if (*--p == ')') {
			ce = p;
			break;
		}
	if (!ce)
		return -1;
	n = (size_t)(ce - cs) < sizeof(out->comm) ? (size_t)(ce - cs) : sizeof(out->comm) - 1;
	memcpy(out->comm, cs, n);
	out->comm[n] = 0;
	p = ce + 1;
	for (field = 3; field <= 22; field++) {
		if (p >= end || *p++ != ' ')
			return -1;
		for (tok = p; p < end && *p != ' ' && *p != '\n'; p++)
			;
		if (p == tok || stat_field(out, field, tok, p))
			return -1;
	}
	return 0;
}

static int parse_hex64(const char *s, const char *e, uint64_t *out)
{
	uint64_t v = 0;

	if (s == e || e - s > 16)
		return -1;
	for (; s < e; s++) {
		char c = *s;
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			: c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 16;
		if (d > 15)
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* The n-th (0-based) tab- or space-separated token of [s, e): its bounds, or -1. */
static int token(const char *s, const char *e, int n, const char **ts, const char **te)
{
	for (;;) {
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s == e)
			return -1;
		*ts = s;
		while (s < e && *s != ' ' && *s != '\t')
			s++;
		*te = s;
		if (n-- == 0)
			return 0;
	}
}

/* One "Key:\tvalue" line. Returns a bit of `seen`, 0 for an unknown key, -1 when malformed. */
static int status_line(const char *s, const char *e, struct proc_status *out)
{
	const char *key = s, *colon = memchr(s, ':', (size_t)(e - s));
	const char *ts, *te;
	uint64_t *sig = 0;
	size_t klen;
	pid_t uid;

	if (!colon)
		return 0;
	klen = (size_t)(colon - key);
#define KEY(k) (klen == sizeof(k) - 1 && !memcmp(key, k, klen))
	s = colon + 1;
	if (KEY("PPid"))
		return token(s, e, 0, &ts, &te) || parse_pid(ts, te, &out->ppid) ? -1 : 1;
	if (KEY("Uid")) {
		if (token(s, e, 0, &ts, &te) || parse_pid(ts, te, &uid))
			return -1;
		out->uid = (uid_t)uid;
		if (token(s, e, 1, &ts, &te) || parse_pid(ts, te, &uid))
			return -1;
		out->euid = (uid_t)uid;
		return 2;
	}
	if (KEY("NSpid")) {
		const char *last = 0, *lastend = 0;
		for (int i = 0; !token(s, e, i, &ts, &te); i++)
			last = ts, lastend = te;
		return last && !parse_pid(last, lastend, &out->nspid) ? 4 : -1;
	}
	sig = KEY("SigBlk") ? &out->sig_blk : KEY("SigIgn") ? &out->sig_ign
		: KEY("SigCgt") ? &out->sig_cgt : 0;
#undef KEY
	if (sig)
		return token(s, e, 0, &ts, &te) || parse_hex64(ts, te, sig) ? -1 : 8;
	return 0;
}

int proc_parse_status(const char *buf, size_t len, struct proc_status *out)
{
	const char *p = buf, *end = buf + len;
	int seen = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		int bit = status_line(p, e, out);

		if (bit < 0)
			return -1;
		seen |= bit;
		p = e + 1;
	}
	return (seen & 3) == 3 ? 0 : -1;
}

int proc_parse_children(const char *buf, size_t len, pid_t *out, int cap)
{
	const char *p = buf, *end = buf + len;
	int n = 0;

	for (;;) {
		const char *tok;

		while (p < end && (*p == ' ' || *p == '\n'))
			p++;
		if (p == end)
			return n;
		for (tok = p; p < end && *p != ' ' && *p != '\n'; p++)
			;
		if (n == cap || parse_pid(tok, p, &out[n]) || out[n] <= 0)
			return -1;
		n++;
	}
}

/* open() for reading, close-on-exec, without musl's extra fcntl() per call */
static int open_ro(const char *path, int flags)
{
	return (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC | flags);
}

ssize_t proc_read_file(const char *path, char *buf, size_t cap)
{
	int fd = open_ro(path, 0);
	size_t len = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			if (n < 0)
				return -1;
			break;
		}
		len += (size_t)n;
		if (len == cap - 1) {
			close(fd);
			errno = E2BIG;
			return -1;
		}
	}
	buf[len] = 0;
	return (ssize_t)len;
}

/* /proc/PID/NAME into buf; a vanished process reads as ESRCH. */
static ssize_t read_pid_file(pid_t pid, const char *name, char *buf, size_t cap)
{
	char path[40];
	ssize_t n;

	fmt_buf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	n = proc_read_file(path, buf, cap);
	if (n < 0 && errno == ENOENT)
		errno = ESRCH;
	return n;
}

int proc_read_stat(pid_t pid, struct proc_stat *out)
{
	char buf[1024];
	ssize_t n = read_pid_file(pid, "stat", buf, sizeof(buf));

	if (n < 0)
		return -1;
	if (proc_parse_stat(buf, (size_t)n, out)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int proc_read_status(pid_t pid, struct proc_status *out)
{
	char buf[4096];
	ssize_t n = read_pid_file(pid, "status", buf, sizeof(buf));

	if (n < 0)
		return -1;
	if (proc_parse_status(buf, (size_t)n, out)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

size_t proc_read_cmdline(pid_t pid, char *buf, size_t cap)
{
	char path[40];
	int fd;
	ssize_t n = 0;
	struct proc_stat st;

	fmt_buf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open_ro(path, 0);
	if (fd >= 0) {
		/* one read: the start of a long command line is what is worth showing */
		n = read(fd, buf, cap - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	while (n > 0 && !buf[n - 1])
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = ' ';
	buf[n] = 0;
	if (!n && !proc_read_stat(pid, &st))
		n = (ssize_t)fmt_buf(buf, cap, "[%s]", st.comm);
	return (size_t)n;
}

int proc_dir_open(struct proc_dir *d, const char *path)
{
	d->pos = d->len = 0;
	d->fd = open_ro(path, O_DIRECTORY);
	return d->fd < 0 ? -1 : 0;
}

/* struct linux_dirent64, as getdents64 fills it: ino (8), off (8), reclen (2), type, name */
#define DIRENT_RECLEN_AT 16
#define DIRENT_NAME_AT 19

pid_t proc_dir_next(struct proc_dir *d)
{
	for (;;) {
		const char *e, *name;
		unsigned short reclen;
		unsigned long long v;

		if (d->pos >= d->len) {
			long n = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
			if (n <= 0)
				return n < 0 ? -1 : 0;
			d->len = (unsigned)n;
			d->pos = 0;
		}
		e = d->buf + d->pos;
		memcpy(&reclen, e + DIRENT_RECLEN_AT, sizeof(reclen));
		d->pos += reclen;
		name = e + DIRENT_NAME_AT;
		if (!parse_dec(name, name + strlen(name), 0x7fffffff, &v) && v > 0)
			return (pid_t)v;
	}
}

void proc_dir_close(struct proc_dir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}
