/* Writing without stdio. */
#ifndef PIDBOX_WR_H
#define PIDBOX_WR_H
#include <stddef.h>

/* Write all of buf, retrying short writes and EINTR. 0 or -1 (errno set). */
int wr_all(int fd, const void *buf, size_t len);
int wr_str(int fd, const char *s);

#endif
