//config:config LIB_USER
//config:	bool

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "user.h"

/* A piece of a buffer: files are parsed in place, never copied. */
struct span {
	const char *p;
	size_t len;
};

static int span_eq(struct span a, struct span b)
{
	return a.len == b.len && !memcmp(a.p, b.p, a.len);
}

/* Decimal digits only, below (id_t)-1, which the kernel reads as "unchanged". */
static int span_id(struct span s, unsigned *out)
{
	unsigned long long v = 0;
	size_t i;

	if (!s.len || s.len > 10)
		return -1;
	for (i = 0; i < s.len; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s.p[i] - '0');
	}
	if (v >= 0xffffffffULL)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* The line starting at *pos (without its '\n'); advances *pos. 0 at the end. */
static int next_line(struct span buf, size_t *pos, struct span *line)
{
	const char *nl;

	if (*pos >= buf.len)
		return 0;
	line->p = buf.p + *pos;
	nl = memchr(line->p, '\n', buf.len - *pos);
	line->len = nl ? (size_t)(nl - line->p) : buf.len - *pos;
	*pos += line->len + 1;
	return 1;
}

/* Split a line at ':' into at most n fields; returns how many there were. */
static size_t split(struct span line, char sep, struct span *f, size_t n)
{
	size_t count = 0, start = 0, i;

	for (i = 0; i <= line.len && count < n; i++)
		if (i == line.len || line.p[i] == sep) {
			f[count].p = line.p + start;
			f[count++].len = i - start;
			start = i + 1;
		}
	return count;
}

/* name:password:uid:gid:... by name, or by uid when name.p is NULL. 0 when found. */
static int passwd_find(struct span file, struct span name, unsigned uid, struct span *found_name,
		       unsigned *found_uid, unsigned *found_gid)
{
	struct span line, f[4];
	size_t pos = 0;

	while (next_line(file, &pos, &line)) {
		unsigned u, g;

		/* 4 fields at least, numeric ids; NIS "+"/"-" lines are not entries */
		if (split(line, ':', f, 4) < 4 || !f[0].len || f[0].p[0] == '+' || f[0].p[0] == '-' ||
		    span_id(f[2], &u) || span_id(f[3], &g))
			continue;
		if (name.p ? span_eq(f[0], name) : u == uid) {
			*found_name = f[0];
			*found_uid = u;
			*found_gid = g;
			return 0;
		}
	}
	return -1;
}

static int group_find(struct span file, struct span name, unsigned *gid)
{
	struct span line, f[3];
	size_t pos = 0;

	while (next_line(file, &pos, &line))
		if (split(line, ':', f, 3) == 3 && span_eq(f[0], name) && !span_id(f[2], gid))
			return 0;
	return -1;
}

static int add_group(struct user_ids *ids, unsigned gid)
{
	size_t i;

	for (i = 0; i < ids->ngroups; i++)
		if (ids->groups[i] == gid)
			return 0;
	if (ids->ngroups == USER_MAX_GROUPS)
		return -1;
	ids->groups[ids->ngroups++] = gid;
	return 0;
}

/* Every group whose member list (the 4th field, comma-separated) names the user. */
static int add_member_groups(struct span file, struct span user, struct user_ids *ids)
{
	struct span line, f[4];
	size_t pos = 0;

	while (next_line(file, &pos, &line)) {
		struct span members, m;
		size_t mpos = 0;
		unsigned gid;

		if (split(line, ':', f, 4) < 4 || span_id(f[2], &gid))
			continue;
		members = f[3];
		while (mpos <= members.len) {
			const char *comma = memchr(members.p + mpos, ',', members.len - mpos);
			m.p = members.p + mpos;
			m.len = comma ? (size_t)(comma - m.p) : members.len - mpos;
			mpos += m.len + 1;
			if (span_eq(m, user) && add_group(ids, gid) < 0)
				return -1;
		}
	}
	return 0;
}

static int is_number(struct span s)
{
	unsigned dummy;

	return !span_id(s, &dummy);
}

int user_resolve(const char *spec, const char *passwd, size_t plen, const char *group,
		 size_t glen, struct user_ids *ids, const char **why)
{
	struct span pw = { passwd, plen }, gr = { group, glen };
	struct span user = { spec, strcspn(spec, ":") }, grp = { 0, 0 }, name = { 0, 0 };
	unsigned uid = 0, gid = 0, dummy;

	if (spec[user.len] == ':') {
		grp.p = spec + user.len + 1;
		grp.len = strlen(grp.p);
		if (!grp.len)
			return *why = "empty group name", -1;
	}
	if (!user.len)
		return *why = "empty user name", -1;
	/* a number is a uid even without a passwd entry; a name must have one */
	if (is_number(user)) {
		span_id(user, &uid);
		if (passwd_find(pw, (struct span){ 0, 0 }, uid, &name, &dummy, &gid) < 0)
			gid = uid, name.p = 0;
	} else if (passwd_find(pw, user, 0, &name, &uid, &gid) < 0) {
		return *why = "no such user in /etc/passwd", -1;
	}
	if (grp.p && span_id(grp, &gid) < 0 && group_find(gr, grp, &gid) < 0)
		return *why = "no such group in /etc/group", -1;

	ids->uid = uid;
	ids->gid = gid;
	ids->ngroups = 0;
	add_group(ids, gid);
	if (name.p && add_member_groups(gr, name, ids) < 0)
		return *why = "member of too many groups", -1;
	return 0;
}

/* The whole file into buf; a missing file reads as empty (a scratch image has none). */
static int read_file(const char *path, char *buf, size_t cap, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = 0;

	*len = 0;
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	while (*len < cap && (n = read(fd, buf + *len, cap - *len)) != 0) {
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0)
			*len += (size_t)n;
	}
	close(fd);
	if (*len == cap)
		errno = EFBIG;
	return n < 0 || *len == cap ? -1 : 0;
}

int user_lookup(const char *spec, struct user_ids *ids, const char **why)
{
	char passwd[USER_FILE_MAX], group[USER_FILE_MAX];
	size_t plen, glen;

	if (read_file("/etc/passwd", passwd, sizeof(passwd), &plen) < 0)
		return *why = "cannot read /etc/passwd (or larger than 64 KiB)", -1;
	if (read_file("/etc/group", group, sizeof(group), &glen) < 0)
		return *why = "cannot read /etc/group (or larger than 64 KiB)", -1;
	return user_resolve(spec, passwd, plen, group, glen, ids, why);
}

/* The 32-bit-id syscalls: on i386 and arm the plain names take 16-bit ids. */
#ifdef SYS_setgroups32
#define SYS_SETGROUPS SYS_setgroups32
#define SYS_SETRESGID SYS_setresgid32
#define SYS_SETRESUID SYS_setresuid32
#define SYS_GETRESGID SYS_getresgid32
#define SYS_GETRESUID SYS_getresuid32
#else
#define SYS_SETGROUPS SYS_setgroups
#define SYS_SETRESGID SYS_setresgid
#define SYS_SETRESUID SYS_setresuid
#define SYS_GETRESGID SYS_getresgid
#define SYS_GETRESUID SYS_getresuid
#endif

/*
 * Raw syscalls, not libc's: musl and glibc apply set*id to every thread through a
 * signal-based broadcast, which has no place in a vfork child.
 */
int user_drop(const struct user_ids *ids)
{
	unsigned r, e, s;

	/* groups first, while we still may; uid last, after which nothing else is allowed */
	if (syscall(SYS_SETGROUPS, ids->ngroups, ids->groups) < 0 ||
	    syscall(SYS_SETRESGID, ids->gid, ids->gid, ids->gid) < 0 ||
	    syscall(SYS_SETRESUID, ids->uid, ids->uid, ids->uid) < 0)
		return -1;
	if (syscall(SYS_GETRESGID, &r, &e, &s) < 0 || r != ids->gid || e != ids->gid ||
	    s != ids->gid || syscall(SYS_GETRESUID, &r, &e, &s) < 0 || r != ids->uid ||
	    e != ids->uid || s != ids->uid)
		return errno = EPERM, -1;
	return 0;
}
