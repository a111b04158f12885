#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include "fmt.h"
#include "log.h"
#include "opt.h"
#include "usage.h"
#include "wr.h"

void opt_init(struct opt_state *st, int argc, char **argv, const char *shorts,
	      const struct opt_long *longs, const char *usage)
{
	memset(st, 0, sizeof(*st));
	st->argc = argc;
	st->argv = argv;
	st->shorts = shorts;
	st->longs = longs;
	st->usage = usage;
	st->ind = 1;
}

static int opt_error(struct opt_state *st, const char *what, const char *name)
{
	fmt_buf(st->err, sizeof(st->err), what, name);
	return OPT_ERROR;
}

static const struct opt_long builtin[] = {
	{ "help", 0, OPT_HELP },
	{ "version", 0, OPT_VERSION },
	{ 0, 0, 0 },
};

/* Exact match first, then a unique prefix, over the applet's options and the built-ins. */
static const struct opt_long *find_long(struct opt_state *st, const char *name, size_t len)
{
	const struct opt_long *tables[2] = { st->longs ? st->longs : builtin + 2, builtin };
	const struct opt_long *found = 0;
	int matches = 0, t;

	for (t = 0; t < 2; t++)
		for (const struct opt_long *o = tables[t]; o->name; o++) {
			if (strncmp(o->name, name, len))
				continue;
			if (!o->name[len])
				return o;
			if (!found || found->val != o->val)
				matches++;
			found = o;
		}
	return matches == 1 ? found : 0;
}

static int next_long(struct opt_state *st, const char *body)
{
	const char *eq = strchr(body, '=');
	size_t len = eq ? (size_t)(eq - body) : strlen(body);
	const struct opt_long *o = find_long(st, body, len);

	st->ind++;
	if (!o)
		return opt_error(st, "unknown or ambiguous option --%s", body);
	if (!o->has_arg) {
		if (eq)
			return opt_error(st, "option --%s takes no argument", o->name);
		return o->val;
	}
	if (eq)
		st->arg = eq + 1;
	else if (st->ind < st->argc)
		st->arg = st->argv[st->ind++];
	else
		return opt_error(st, "option --%s needs an argument", o->name);
	return o->val;
}

int opt_next(struct opt_state *st)
{
	const char *a, *spec;
	char c[2] = { 0, 0 };

	st->arg = 0;
	if (!st->cluster) {
		if (st->ind >= st->argc)
			return OPT_END;
		a = st->argv[st->ind];
		if (a[0] != '-' || !a[1])
			return OPT_END;
		if (a[1] == '-') {
			if (!a[2]) {
				st->ind++;
				return OPT_END;
			}
			return next_long(st, a + 2);
		}
		st->cluster = a + 1;
	}
	c[0] = *st->cluster++;
	spec = c[0] == ':' ? 0 : strchr(st->shorts, c[0]);
	if (!*st->cluster) {
		st->cluster = 0;
		st->ind++;
	}
	if (!spec) {
		if (st->cluster)
			st->ind++;
		st->cluster = 0;
		return opt_error(st, "unknown option -%s", c);
	}
	if (spec[1] != ':')
		return (unsigned char)c[0];
	if (st->cluster) {
		st->arg = st->cluster;
		st->cluster = 0;
		st->ind++;
	} else if (st->ind < st->argc) {
		st->arg = st->argv[st->ind++];
	} else {
		return opt_error(st, "option -%s needs an argument", c);
	}
	return (unsigned char)c[0];
}

void usage_exit(const char *usage)
{
#ifdef CONFIG_FEATURE_HELP
	wr_str(STDOUT_FILENO, usage_text(usage));
#else
	(void)usage;
	fmt_fd(STDOUT_FILENO, "Usage: %s ... (help texts not built in)\n", log_prog);
#endif
	_exit(0);
}

void opt_default(const struct opt_state *st, int c)
{
	if (c == OPT_HELP)
		usage_exit(st->usage);
	if (c == OPT_VERSION) {
		wr_str(STDOUT_FILENO, "pidbox " PIDBOX_VERSION "\n");
		_exit(0);
	}
	if (c == OPT_ERROR)
		usage_error("%s", st->err);
	usage_error("option -%c is not handled", c); /* a bug: an option without its case */
}

void usage_error(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	fmt_v(line, sizeof(line), fmt, ap);
	va_end(ap);
	die(2, "%s (try '%s --help')", line, log_prog);
}
