/*
 * user_resolve SPEC PASSWD GROUP: libcommon's user_resolve() over the two files, as pid1 -u
 * sees them. Prints "uid gid group,group,..." or "error: WHY" (exit 1).
 * The libcommon source is compiled in: it is plain C over buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include "../../libcommon/user.c"

static size_t slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		exit(2);
	}
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	static char pw[1 << 20], gr[1 << 20];
	struct user_ids ids;
	const char *why = "";
	size_t plen, glen, i;

	if (argc != 4) {
		fprintf(stderr, "usage: user_resolve SPEC PASSWD GROUP\n");
		return 2;
	}
	plen = slurp(argv[2], pw, sizeof(pw));
	glen = slurp(argv[3], gr, sizeof(gr));
	if (user_resolve(argv[1], pw, plen, gr, glen, &ids, &why) < 0) {
		printf("error: %s\n", why);
		return 1;
	}
	printf("%u %u ", (unsigned)ids.uid, (unsigned)ids.gid);
	for (i = 0; i < ids.ngroups; i++)
		printf("%s%u", i ? "," : "", (unsigned)ids.groups[i]);
	printf("\n");
	return 0;
}
