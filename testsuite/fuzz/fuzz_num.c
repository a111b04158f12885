/*
 * num_parse_ulong() and num_parse_duration() against reference implementations written
 * the slow, obvious way (strtoul, 128-bit arithmetic): they must agree on every input.
 * Input: 8 bytes of `max` for num_parse_ulong, then the string.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "num.h"

static void bug(const char *what, const char *s, unsigned long long got,
		unsigned long long want)
{
	fprintf(stderr, "fuzz_num: %s: \"%s\": got %llu, want %llu\n", what, s, got, want);
	abort();
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void check_ulong(const char *s, unsigned long max)
{
	unsigned long v = 0, ref;
	int r = num_parse_ulong(s, max, &v), ref_ok;

	errno = 0;
	ref = strtoul(s, 0, 10);
	ref_ok = all_digits(s) && errno != ERANGE && ref <= max;
	if (r != 0 && r != -1)
		bug("num_parse_ulong returned neither 0 nor -1", s, (unsigned)r, 0);
	if (ref_ok != !r)
		bug(r ? "num_parse_ulong rejected" : "num_parse_ulong accepted", s, v, ref);
	if (!r && v != ref)
		bug("num_parse_ulong misread", s, v, ref);
}

/* -1 when s is not DIGITS[.DIGITS](ms|s||m|h) or is beyond what 128 bits check exactly */
static int ref_duration(const char *s, unsigned long long *ms)
{
	static const struct { const char *unit; unsigned m; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "", 1000 }, { "m", 60000 }, { "h", 3600000 },
	};
	unsigned __int128 whole = 0, frac = 0, scale = 1, total;
	int nwhole = 0, nfrac = 0, dot = 0;
	unsigned i;

	for (; *s >= '0' && *s <= '9'; s++, nwhole++)
		whole = whole * 10 + (unsigned)(*s - '0');
	if (*s == '.') {
		dot = 1;
		for (s++; *s >= '0' && *s <= '9'; s++, nfrac++) {
			frac = frac * 10 + (unsigned)(*s - '0');
			scale *= 10;
		}
	}
	if ((!nwhole && !nfrac) || (dot && !nfrac))
		return -1;
	if (nwhole > 25 || nfrac > 25)
		return -2; /* too long to check exactly here */
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(s, units[i].unit)) {
			total = whole * units[i].m + (frac * units[i].m + scale - 1) / scale;
			if (total > NUM_DURATION_MAX)
				return -1;
			*ms = (unsigned long long)total;
			return 0;
		}
	return -1;
}

static void check_duration(const char *s)
{
	unsigned long long ms = 0, ref = 0;
	int r = num_parse_duration(s, &ms), ref_r = ref_duration(s, &ref);

	if (r != 0 && r != -1)
		bug("num_parse_duration returned neither 0 nor -1", s, (unsigned)r, 0);
	if (!r && ms > NUM_DURATION_MAX)
		bug("duration beyond the limit", s, ms, NUM_DURATION_MAX);
	if (ref_r == -2)
		return;
	if (!r != !ref_r)
		bug(r ? "num_parse_duration rejected" : "num_parse_duration accepted", s, ms, ref);
	if (!r && ms != ref)
		bug("num_parse_duration misread", s, ms, ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long max = ~0UL;
	char s[128];

	if (size >= sizeof(max)) {
		memcpy(&max, data, sizeof(max));
		check_ulong((const char *)"", max);
	}
	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = 0;
	check_duration(s);
	check_ulong(s, ~0UL);
	check_ulong(s, 4194304); /* pid_max's limit */
	if (size > sizeof(max))
		check_ulong(s + sizeof(max), max);
	return 0;
}
