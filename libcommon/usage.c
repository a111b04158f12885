#ifdef CONFIG_FEATURE_COMPRESS_USAGE
#include <string.h>
#include "usage.h"
#include "usage_packed.h"

/* LZSS, as scripts/usage_pack.c writes it; the bounds checks make bad data harmless. */
static size_t lzss_unpack(const unsigned char *in, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	unsigned flags = 1;

	while (i < n && o < cap) {
		if (flags == 1)
			flags = in[i++] | 0x100;
		if (flags & 1) {
			if (i < n)
				out[o++] = (char)in[i++];
		} else if (i + 1 < n) {
			size_t dist = (in[i] | (size_t)(in[i + 1] >> 4) << 8) + 1;
			size_t len = (in[i + 1] & 15) + 3;
			i += 2;
			for (; len && dist <= o && o < cap; len--, o++)
				out[o] = out[o - dist];
		} else {
			break;
		}
		flags >>= 1;
	}
	return o;
}

const char *usage_text(const char *usage)
{
	static char plain[USAGE_PLAIN_SIZE + 1];
	unsigned id = (unsigned char)usage[0];
	const char *t = plain;

	if (!id || usage[1])
		return usage; /* not a marker */
	lzss_unpack(usage_packed, sizeof(usage_packed), plain, USAGE_PLAIN_SIZE);
	while (--id && t < plain + USAGE_PLAIN_SIZE)
		t += strlen(t) + 1;
	return t;
}
#endif
