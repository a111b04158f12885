/* sig_parse() on any string, sig_name() on any int; every accepted name round-trips. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sig_name.h"

static void bug(const char *what, const char *s, int sig)
{
	fprintf(stderr, "fuzz_sig: %s: \"%s\" -> %d\n", what, s, sig);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], up[64], buf[12];
	const char *name;
	int sig, v;
	size_t i;

	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = 0;
	sig = sig_parse(s);
	if (sig != -1 && (sig < 1 || sig > SIG_MAXNUM))
		bug("out of range", s, sig);
	if (sig > 0) {
		for (i = 0; s[i]; i++) {
			if (isspace((unsigned char)s[i]) || !isprint((unsigned char)s[i]))
				bug("accepted a space or control character", s, sig);
			up[i] = (char)toupper((unsigned char)s[i]);
		}
		up[i] = 0;
		if (sig_parse(up) != sig)
			bug("not case-insensitive", s, sig);
		if (isdigit((unsigned char)s[0]) && strtol(s, 0, 10) != sig)
			bug("number misread", s, sig);
		name = sig_name(sig, buf);
		if (sig_parse(name) != sig)
			bug("name does not round-trip", name, sig);
	}
	/* sig_name of any int: a short string, never a crash */
	if (size >= sizeof(v)) {
		memcpy(&v, data, sizeof(v));
		name = sig_name(v, buf);
		if (!name || strlen(name) > 11)
			bug("sig_name too long", name ? name : "(null)", v);
	}
	return 0;
}
