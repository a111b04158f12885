/*
 * sigmap_parse() on any spec, against a reference written from its header: a rejected spec
 * leaves the map unchanged and says why; an accepted one changes exactly to[FROM], never
 * KILL or STOP, and every entry stays a signal or 0.
 * Input: specs separated by NULs, applied in turn to one map.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sigmap.h"

static void bug(const char *what, const char *spec)
{
	fprintf(stderr, "fuzz_sigmap: %s: \"%s\"\n", what, spec);
	abort();
}

/* What the header promises: FROM:TO, sig_parse() names or numbers, TO 0 drops. */
static int ref_parse(const char *spec, int *from, int *to)
{
	const char *colon = strchr(spec, ':');
	char head[16];
	size_t len;

	if (!colon)
		return -1;
	len = (size_t)(colon - spec);
	if (len >= sizeof(head)) /* sigmap reads FROM into 16 bytes: longer is no signal name */
		return -1;
	memcpy(head, spec, len);
	head[len] = 0;
	*from = sig_parse(head);
	*to = strcmp(colon + 1, "0") ? sig_parse(colon + 1) : 0;
	if (*from < 0 || *to < 0 || *from == SIGKILL || *from == SIGSTOP)
		return -1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[512];
	struct sigmap m, before;
	size_t n = size < sizeof(buf) - 1 ? size : sizeof(buf) - 1, i;
	int sig;

	memcpy(buf, data, n);
	buf[n] = 0;
	sigmap_init(&m);
	for (i = 0; i <= n; i += strlen(buf + i) + 1) {
		const char *spec = buf + i, *why = 0;
		int from = 0, to = 0, r, ref;

		before = m;
		r = sigmap_parse(&m, spec, &why);
		ref = ref_parse(spec, &from, &to);
		if (r != ref)
			bug(r ? "rejected" : "accepted", spec);
		if (r) {
			if (!why || !*why)
				bug("rejected without a reason", spec);
			if (memcmp(&m, &before, sizeof(m)))
				bug("a rejected spec changed the map", spec);
			continue;
		}
		if (m.to[from] != to)
			bug("FROM not mapped to TO", spec);
		m.to[from] = before.to[from];
		if (memcmp(&m, &before, sizeof(m)))
			bug("an accepted spec changed another entry", spec);
		m.to[from] = (unsigned char)to;
	}
	for (sig = -2; sig <= SIG_MAXNUM + 2; sig++) {
		int to = sigmap_apply(&m, sig);
		if (sig >= 1 && sig <= SIG_MAXNUM && (to < 0 || to > SIG_MAXNUM))
			bug("a map entry out of range", buf);
		if ((sig == SIGKILL || sig == SIGSTOP) && to != sig)
			bug("KILL or STOP rewritten", buf);
		if ((sig < 1 || sig > SIG_MAXNUM) && to != sig)
			bug("a signal out of 1..64 changed", buf);
	}
	return 0;
}
