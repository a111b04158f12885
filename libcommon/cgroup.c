//config:config LIB_CGROUP
//config:	bool
//config:	select LIB_PROC

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>
#include "cgroup.h"
#include "clock.h"
#include "fmt.h"
#include "proc.h"
#include "wr.h"

#define CGROUP2_SUPER_MAGIC 0x63677270

/* Where cgroup v2 is mounted: /sys/fs/cgroup (unified), or its "unified" (hybrid). */
static const char *cgroup_mount(void)
{
	static const char *const where[] = { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" };
	struct statfs fs;

	for (unsigned i = 0; i < 2; i++)
		if (statfs(where[i], &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC)
			return where[i];
	return 0;
}

int cgroup_dir_of(pid_t pid, char *dir, size_t cap)
{
	char buf[4096], path[40];
	const char *mnt = cgroup_mount();
	char *line;

	fmt_buf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	if (proc_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	/* the v2 line is "0::/PATH" (strstr would cost 1.2 KB of a static binary) */
	for (line = buf; line && strncmp(line, "0::", 3); line++)
		if (!(line = strchr(line, '\n')))
			break;
	if (!mnt || !line) {
		errno = ENOENT;
		return -1;
	}
	line += 3;
	*strchrnul(line, '\n') = 0;
	if (fmt_buf(dir, cap, "%s%s", mnt, strcmp(line, "/") ? line : "") >= cap - 1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* dir/name into buf */
static const char *file_in(char *buf, size_t cap, const char *dir, const char *name)
{
	fmt_buf(buf, cap, "%s/%s", dir, name);
	return buf;
}

int cgroup_procs(const char *dir, pid_t *out, int cap)
{
	char path[4200], buf[16384];
	ssize_t n = proc_read_file(file_in(path, sizeof(path), dir, "cgroup.procs"), buf, sizeof(buf));

	/* the same format as a children file: PIDs and white space */
	return n < 0 ? -1 : proc_parse_children(buf, (size_t)n, out, cap);
}

/* The number after "key " in a cgroup "key value" file, or -1. */
static long long keyed_value(const char *dir, const char *file, const char *key)
{
	char path[4200], buf[1024];
	size_t klen = strlen(key);
	const char *p = buf;
	long long v = 0;

	if (proc_read_file(file_in(path, sizeof(path), dir, file), buf, sizeof(buf)) < 0)
		return -1;
	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : 0)
		if (!strncmp(p, key, klen) && p[klen] == ' ') {
			for (p += klen + 1; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (*p - '0');
			return v;
		}
	errno = ENOENT;
	return -1;
}

int cgroup_descendants(const char *dir)
{
	return (int)keyed_value(dir, "cgroup.stat", "nr_descendants");
}

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[4200];
	int fd = open(file_in(path, sizeof(path), dir, name), O_WRONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = wr_str(fd, text);
	close(fd);
	return r;
}

/*
 * Wait until cgroup.events says key is want: the kernel flags the file (POLLPRI) each time
 * it changes, so this sleeps until then. 1 it is, 0 timed out, -1 error.
 */
static int events_wait(const char *dir, const char *key, int want, long long timeout_ms)
{
	char path[4200];
	long long deadline = timeout_ms < 0 ? -1 : clock_now_ms() + timeout_ms;
	struct pollfd p = { .events = POLLPRI };
	int r = 0;

	p.fd = open(file_in(path, sizeof(path), dir, "cgroup.events"), O_RDONLY | O_CLOEXEC);
	if (p.fd < 0)
		return -1;
	for (;;) {
		long long v = keyed_value(dir, "cgroup.events", key), left;
		char drain[256];

		if (v < 0 || v == want) {
			r = v < 0 ? -1 : 1;
			break;
		}
		left = deadline < 0 ? -1 : deadline - clock_now_ms();
		if (deadline >= 0 && left <= 0)
			break;
		if (poll(&p, 1, left > 0x7fffffff ? 0x7fffffff : (int)left) < 0 && errno != EINTR) {
			r = -1;
			break;
		}
		pread(p.fd, drain, sizeof(drain), 0); /* re-arms the notification */
	}
	close(p.fd);
	return r;
}

int cgroup_freeze(const char *dir, int on)
{
	if (write_file(dir, "cgroup.freeze", on ? "1" : "0") < 0)
		return -1;
	/* a process in uninterruptible sleep delays the freeze: do not wait for ever */
	if (events_wait(dir, "frozen", on, 5000) == 1)
		return 0;
	errno = EBUSY;
	return -1;
}

int cgroup_kill(const char *dir)
{
	return write_file(dir, "cgroup.kill", "1");
}

int cgroup_wait_empty(const char *dir, long long timeout_ms)
{
	return events_wait(dir, "populated", 0, timeout_ms);
}
