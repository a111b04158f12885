//config:config LIB_PROCSTATUS
//config:	bool

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "procstatus.h"

/* 16 hex digits at most, nothing else: the kernel's masks are exactly 16. */
static int parse_hex64(const char *s, const char *end, uint64_t *out)
{
	uint64_t v = 0;

	if (s == end || end - s > 16)
		return -1;
	for (; s < end; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* A positive decimal PID, at most 10 digits (PID_MAX_LIMIT is 4194304). */
static int parse_pid(const char *s, const char *end, pid_t *out)
{
	long long v = 0;

	if (s == end || end - s > 10)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v <= 0 || v > 0x7fffffff)
		return -1;
	*out = (pid_t)v;
	return 0;
}

/* NSpid: "\t12\t1": the PID in each namespace, outermost first. */
static int parse_nspid(const char *s, const char *end, struct procstatus *out)
{
	int n = 0;

	while (s < end) {
		const char *f;

		while (s < end && (*s == '\t' || *s == ' '))
			s++;
		if (s == end)
			break;
		for (f = s; f < end && *f != '\t' && *f != ' '; f++)
			;
		if (parse_pid(s, f, &out->nspid) < 0)
			return -1;
		n++;
		s = f;
	}
	out->ns_levels = n;
	return n ? 0 : -1;
}

enum { F_PID = 1, F_PND = 2, F_SHD = 4, F_BLK = 8, F_IGN = 16, F_CGT = 32, F_ALL = 63 };

static int parse_line(const char *key, size_t klen, const char *val, const char *end,
		      struct procstatus *out, unsigned *seen)
{
	static const struct { char key[8]; unsigned flag; size_t off; } masks[] = {
		{ "SigPnd", F_PND, offsetof(struct procstatus, sig_pnd) },
		{ "ShdPnd", F_SHD, offsetof(struct procstatus, shd_pnd) },
		{ "SigBlk", F_BLK, offsetof(struct procstatus, sig_blk) },
		{ "SigIgn", F_IGN, offsetof(struct procstatus, sig_ign) },
		{ "SigCgt", F_CGT, offsetof(struct procstatus, sig_cgt) },
	};
	size_t i;

	while (val < end && (*val == '\t' || *val == ' '))
		val++;
	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		if (klen == strlen(masks[i].key) && !memcmp(key, masks[i].key, klen)) {
			*seen |= masks[i].flag;
			return parse_hex64(val, end, (uint64_t *)((char *)out + masks[i].off));
		}
	if (klen == 3 && !memcmp(key, "Pid", 3)) {
		*seen |= F_PID;
		return parse_pid(val, end, &out->pid);
	}
	if (klen == 5 && !memcmp(key, "NSpid", 5))
		return parse_nspid(val, end, out);
	if (klen == 4 && !memcmp(key, "Name", 4)) {
		size_t n = (size_t)(end - val) < sizeof(out->name) ? (size_t)(end - val)
								      : sizeof(out->name) - 1;
		memcpy(out->name, val, n);
		out->name[n] = 0;
	}
	return 0;
}

int procstatus_parse(const char *buf, size_t len, struct procstatus *out)
{
	const char *p = buf, *end = buf + len;
	unsigned seen = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *colon;

		if (!nl)
			nl = end;
		colon = memchr(p, ':', (size_t)(nl - p));
		if (colon && parse_line(p, (size_t)(colon - p), colon + 1, nl, out, &seen) < 0)
			return -1;
		p = nl + (nl < end);
	}
	if (seen != F_ALL)
		return -1;
	if (!out->ns_levels)
		out->nspid = out->pid; /* a kernel before 4.1: no NSpid line */
	return 0;
}

int procstatus_read(const char *path, char *buf, size_t cap, struct procstatus *out)
{
	size_t len = 0;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -1;
	do {
		got = read(fd, buf + len, cap - len);
		if (got > 0)
			len += (size_t)got;
	} while ((got > 0 && len < cap) || (got < 0 && errno == EINTR));
	err = got < 0 ? errno : 0; /* ESRCH: it exited and was reaped after the open */
	close(fd);
	if (!err && len == cap)
		err = E2BIG;
	if (!err && procstatus_parse(buf, len, out) < 0)
		err = EINVAL;
	errno = err;
	return err ? -1 : 0;
}
