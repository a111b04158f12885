/*
 * Signal rewrite maps: "FROM:TO" pairs, as `pid1 -r` and `sigrewrite` take them. Pure: no
 * I/O, no global state, so the parser can be fuzzed alone.
 */
#ifndef PIDBOX_SIGMAP_H
#define PIDBOX_SIGMAP_H
#include "sig_name.h"

/* to[sig] is what signal `sig` becomes: itself by default, 0 when it is dropped. */
struct sigmap {
	unsigned char to[SIG_MAXNUM + 1];
};

/* The identity map: every signal stays itself. */
void sigmap_init(struct sigmap *m);
/*
 * Add one "FROM:TO" to m. FROM and TO are what sig_parse() takes (names or numbers);
 * TO may be 0 to drop FROM. FROM cannot be KILL or STOP: nobody can catch those to rewrite
 * them. A later map of the same FROM wins. Returns 0, or -1 with m unchanged and *why
 * saying what is wrong, without quoting spec: the caller does, e.g. in its usage_error().
 */
int sigmap_parse(struct sigmap *m, const char *spec, const char **why);
/* What sig becomes (0: dropped). Signals out of 1..64 are returned as they are. */
int sigmap_apply(const struct sigmap *m, int sig);

#endif
