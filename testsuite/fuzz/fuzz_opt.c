/*
 * opt_next() over arbitrary argv and an arbitrary short-option spec.
 * Input: the spec, NUL, then the arguments separated by NULs.
 * Checks: it ends; ind stays within argc and only moves forward; an option that takes an
 * argument has one; an error has a message; at the end argv[ind] is the first operand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "opt.h"

static void bug(const char *what, int argc, char **argv)
{
	int i;

	fprintf(stderr, "fuzz_opt: %s; argv:", what);
	for (i = 0; i < argc; i++)
		fprintf(stderr, " \"%s\"", argv[i]);
	fputc('\n', stderr);
	abort();
}

static int known(int c, const char *spec, const struct opt_long *longs)
{
	if (c == OPT_HELP || c == OPT_VERSION || (c > 0 && c < 256 && strchr(spec, c)))
		return 1;
	for (; longs->name; longs++)
		if (longs->val == c)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct opt_long longs[] = {
		{ "verbose", 0, 'v' }, { "grace", 1, 't' }, { "group", 0, 'g' },
		{ "signal", 1, 's' }, { "single-child", 0, 'c' }, { "timeout", 1, 0x200 },
		{ "timeout-signal", 1, 0x201 }, { "help-me", 0, 'h' }, { 0, 0, 0 },
	};
	char buf[1024], spec[32], *argv[66];
	struct opt_state st;
	size_t n = size < sizeof(buf) - 1 ? size : sizeof(buf) - 1, i, slen;
	int argc = 1, c, steps = 0, last_ind = 1;

	memcpy(buf, data, n);
	buf[n] = 0;
	slen = strnlen(buf, sizeof(spec) - 1);
	memcpy(spec, buf, slen);
	spec[slen] = 0;
	/* '?' is OPT_ERROR: no applet can have it as an option */
	for (i = 0; i < slen; i++)
		if (spec[i] == '?')
			spec[i] = 'Q';
	argv[0] = (char *)"prog";
	for (i = strlen(buf) + 1; i < n && argc < 64; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = 0;

	opt_init(&st, argc, argv, spec, longs, "usage");
	while ((c = opt_next(&st)) != OPT_END) {
		if (++steps > 2 * (int)n + 2)
			bug("opt_next does not end", argc, argv);
		if (st.ind > argc || st.ind < last_ind)
			bug("ind out of range or moved back", argc, argv);
		last_ind = st.ind;
		if (c == OPT_ERROR) {
			if (!st.err[0] || !memchr(st.err, 0, sizeof(st.err)))
				bug("an error without a message", argc, argv);
			continue;
		}
		if (c == 't' || c == 's' || c == 0x200 || c == 0x201) {
			if (!st.arg && (c != 't' && c != 's'))
				bug("a long option's argument is missing", argc, argv);
		}
		if (st.arg && strlen(st.arg) > n)
			bug("an argument outside the input", argc, argv);
		if (!known(c, spec, longs))
			bug("an option that is in neither table", argc, argv);
	}
	if (st.ind > argc || st.ind < 1)
		bug("final ind out of range", argc, argv);
	if (st.ind < argc) {
		const char *op = argv[st.ind], *prev = argv[st.ind - 1];
		if (op[0] == '-' && op[1] && strcmp(prev, "--"))
			bug("stopped at an option, not at the first operand", argc, argv);
	}
	return 0;
}
