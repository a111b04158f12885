#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "wr.h"

int wr_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int wr_str(int fd, const char *s)
{
	return wr_all(fd, s, strlen(s));
}
