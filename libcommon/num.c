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

int num_parse_duration(const char *s, unsigned long long *ms)
{
	static const struct { char unit[3]; unsigned mult; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "", 1000 }, { "m", 60000 }, { "h", 3600000 },
	};
	unsigned long long whole = 0, frac = 0, scale = 1;
	const char *p = s;
	unsigned i;

	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (unsigned)(*p - '0');
		if (whole > NUM_DURATION_MAX)
			return -1;
	}
	if (*p == '.') {
		const char *d = ++p;
		for (; *p >= '0' && *p <= '9'; p++)
			if (scale < 1000000000ULL) { /* digits past the ninth cannot matter */
				frac = frac * 10 + (unsigned)(*p - '0');
				scale *= 10;
			}
		if (p == d)
			return -1;
	}
	if (p == s)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(p, units[i].unit)) {
			unsigned long long m = units[i].mult;
			if (whole > NUM_DURATION_MAX / m)
				return -1;
			*ms = whole * m + (frac * m + scale - 1) / scale;
			return *ms > NUM_DURATION_MAX ? -1 : 0;
		}
	return -1;
}
