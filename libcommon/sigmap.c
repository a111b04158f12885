//config:config LIB_SIGMAP
//config:	bool
//config:	select LIB_SIG_NAME

#include <signal.h>
#include <string.h>
#include "sigmap.h"

void sigmap_init(struct sigmap *m)
{
	int sig;

	for (sig = 0; sig <= SIG_MAXNUM; sig++)
		m->to[sig] = (unsigned char)sig;
}

/* sig_parse() on s[0..len), which is not NUL-terminated: the spec's FROM half. */
static int sig_parse_n(const char *s, size_t len)
{
	char name[16];

	if (len >= sizeof(name))
		return -1;
	memcpy(name, s, len);
	name[len] = 0;
	return sig_parse(name);
}

int sigmap_parse(struct sigmap *m, const char *spec, const char **why)
{
	const char *colon = strchr(spec, ':');
	int from, to;

	if (!colon) {
		*why = "not FROM:TO";
		return -1;
	}
	from = sig_parse_n(spec, (size_t)(colon - spec));
	to = strcmp(colon + 1, "0") ? sig_parse(colon + 1) : 0;
	if (from < 0) {
		*why = "FROM is not a signal";
		return -1;
	}
	if (to < 0) {
		*why = "TO is not a signal (or 0 to drop)";
		return -1;
	}
	if (from == SIGKILL || from == SIGSTOP) {
		*why = "KILL and STOP cannot be caught, so cannot be rewritten";
		return -1;
	}
	m->to[from] = (unsigned char)to;
	return 0;
}

int sigmap_apply(const struct sigmap *m, int sig)
{
	return sig > 0 && sig <= SIG_MAXNUM ? m->to[sig] : sig;
}
