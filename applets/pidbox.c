/*
 * The multi-call dispatcher: argv[0]'s basename, or `pidbox APPLET ARGS...`, picks the
 * applet. The table comes from the applets' //config: blocks (scripts/gen-applets.sh).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "applet.h"
#include "fmt.h"
#include "log.h"
#include "wr.h"

struct applet {
	const char *name;
	int (*main)(int argc, char **argv);
};

static const struct applet applets[] = {
#define APPLET(name, main, usage) { name, main },
#include "applets.h"
#undef APPLET
	{ 0, 0 },
};

static const struct applet *find_applet(const char *name)
{
	const struct applet *a;

	for (a = applets; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return 0;
}

static void list_applets(int fd, const char *sep)
{
	const struct applet *a;

	for (a = applets; a->name; a++)
		fmt_fd(fd, "%s%s", a->name, a[1].name || *sep != '\n' ? sep : "\n");
}

static int pidbox_usage(int fd, int status)
{
	wr_str(fd, "pidbox " PIDBOX_VERSION ": process-level tools for containers, CI and supervisors\n"
#ifdef CONFIG_FEATURE_HELP
	       "\n"
	       "Usage: pidbox APPLET [ARG...]     or APPLET [ARG...] through a link named APPLET\n"
	       "       pidbox --list              the applets built in, one a line\n"
#ifdef CONFIG_FEATURE_INSTALL
	       "       pidbox --install [-s] DIR  a hard (or with -s, symbolic) link per applet in DIR\n"
#endif
	       "       pidbox --help | --version\n"
	       "       APPLET --help              an applet's own usage\n"
#endif
	       "\nApplets built in:\n    ");
	if (applets[0].name)
		list_applets(fd, applets[1].name ? ", " : "\n");
	else
		wr_str(fd, "(none)\n");
	return status;
}

#ifdef CONFIG_FEATURE_INSTALL
/* Is path this very binary, by a hard or a symbolic link? */
static int is_self(const char *path, const struct stat *self)
{
	struct stat st;

	return !stat(path, &st) && st.st_dev == self->st_dev && st.st_ino == self->st_ino;
}

static int install_links(const char *dir, int symbolic)
{
	char self[PATH_MAX], path[PATH_MAX];
	const struct applet *a;
	struct stat self_st, st;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0 || stat("/proc/self/exe", &self_st) < 0)
		die(1, "cannot find my own binary in /proc/self/exe: %s", err_str(errno));
	self[n] = 0;
	/* check every name first: nothing is created when one of them is in the way */
	for (a = applets; a->name; a++) {
		fmt_buf(path, sizeof(path), "%s/%s", dir, a->name);
		if (!lstat(path, &st) && !is_self(path, &self_st))
			die(1, "%s exists and is not a link to %s: not overwriting it", path, self);
	}
	for (a = applets; a->name; a++) {
		fmt_buf(path, sizeof(path), "%s/%s", dir, a->name);
		if (!lstat(path, &st) && S_ISLNK(st.st_mode) == symbolic)
			continue; /* already the right kind of link to this binary */
		unlink(path);
		if ((symbolic ? symlink(self, path) : link(self, path)) < 0)
			die(1, "cannot create %s: %s", path, err_str(errno));
	}
	return 0;
}
#endif

static int pidbox_main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : 0;

	if (!cmd)
		return pidbox_usage(STDERR_FILENO, 2);
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
		return pidbox_usage(STDOUT_FILENO, 0);
	if (!strcmp(cmd, "--version")) {
		wr_str(STDOUT_FILENO, "pidbox " PIDBOX_VERSION "\n");
		return 0;
	}
	if (!strcmp(cmd, "--list")) {
		if (applets[0].name)
			list_applets(STDOUT_FILENO, "\n");
		return 0;
	}
#ifdef CONFIG_FEATURE_INSTALL
	if (!strcmp(cmd, "--install")) {
		int symbolic = argv[2] && !strcmp(argv[2], "-s");
		const char *dir = argv[2 + symbolic];

		if (!dir || argv[3 + symbolic])
			die(2, "usage: pidbox --install [-s] DIR (try 'pidbox --help')");
		return install_links(dir, symbolic);
	}
#endif
	if (cmd[0] == '-')
		die(2, "unknown option %s (try 'pidbox --help')", cmd);
	return -1; /* an applet name */
}

int main(int argc, char **argv)
{
	const struct applet *a;
	const char *name;

	if (argc < 1 || !argv[0])
		die(2, "no argv[0]");
	name = strrchr(argv[0], '/');
	name = name ? name + 1 : argv[0];
	/* "pidbox-0.1.0-linux-x86_64", as a release is downloaded, is pidbox too (BusyBox does so) */
	if (!strncmp(name, "pidbox", 6)) {
		int r = pidbox_main(argc, argv);
		if (r >= 0)
			return r;
		argv++, argc--;
		name = argv[0];
	}
	a = find_applet(name);
	if (!a)
		die(127, "applet not found: %s", name);
	log_prog = a->name;
	return a->main(argc, argv);
}
