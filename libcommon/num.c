//config:config LIB_NUM
//config:	bool

#include <string.h>
#include "num.h"

int num_parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (d > 9 || d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/*
 * ceil(m * 0.DIGITS) for the digits in [d, end): long multiplication from the last digit,
 * exact however many digits there are ("0.0000000001h" is more than 0 ms, so it is 1).
 */
static unsigned long long frac_ceil(const char *d, const char *end, unsigned m)
{
	unsigned long long carry = 0;
	int rest = 0;

	while (end > d) {
		unsigned long long t = (unsigned long long)(*--end - '0') * m + carry;
		rest |= t % 10 != 0;
		carry = t / 10;
	}
	return carry + (rest != 0);
}

int num_parse_duration(const char *s, unsigned long long *ms)
{
	static const struct { char unit[3]; unsigned mult; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "", 1000 }, { "m", 60000 }, { "h", 3600000 },
	};
	unsigned long long whole = 0;
	const char *p = s, *frac = p, *frac_end = p;
	unsigned i;

	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (unsigned)(*p - '0');
		if (whole > NUM_DURATION_MAX)
			return -1;
	}
	if (*p == '.') {
		frac = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == frac)
			return -1;
		frac_end = p;
	}
	if (p == s)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(p, units[i].unit)) {
			unsigned long long m = units[i].mult;
			if (whole > NUM_DURATION_MAX / m)
				return -1;
			*ms = whole * m + frac_ceil(frac, frac_end, units[i].mult);
			return *ms > NUM_DURATION_MAX ? -1 : 0;
		}
	return -1;
}
