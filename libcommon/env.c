//config:config LIB_ENV
//config:	bool

#include <string.h>
#include "env.h"

size_t env_count(char *const *env)
{
	size_t n = 0;

	while (env && env[n])
		n++;
	return n;
}

/* Same name: "A=1" and "A=2" (the name ends at '=', or at the end of a bare "A"). */
static int same_name(const char *a, const char *b)
{
	size_t n = strcspn(a, "=");

	return !strncmp(a, b, n) && (b[n] == '=' || !b[n]);
}

static int set_later(char *const *set, size_t from, size_t nset, const char *entry)
{
	for (; from < nset; from++)
		if (same_name(set[from], entry))
			return 1;
	return 0;
}

void env_merge(char **out, char *const *base, char *const *set, size_t nset)
{
	size_t i, n = 0;

	for (i = 0; base && base[i]; i++)
		if (!set_later(set, 0, nset, base[i]))
			out[n++] = base[i];
	for (i = 0; i < nset; i++)
		if (!set_later(set, i + 1, nset, set[i]))
			out[n++] = set[i];
	out[n] = 0;
}
