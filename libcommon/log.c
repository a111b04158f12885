#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include "fmt.h"
#include "log.h"
#include "wr.h"

const char *log_prog = "pidbox";
int log_level;

static void log_v(const char *fmt, va_list ap)
{
	char line[1024];
	size_t n = fmt_buf(line, sizeof(line) - 1, "%s: ", log_prog);
	int saved = errno;

	n += fmt_v(line + n, sizeof(line) - 1 - n, fmt, ap);
	for (size_t i = 0; i < n; i++) /* one line, whatever an argument holds: '?' as ls -q */
		if ((unsigned char)line[i] < ' ' || line[i] == 0x7f)
			line[i] = '?';
	line[n++] = '\n';
	wr_all(STDERR_FILENO, line, n);
	errno = saved;
}

void log_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(fmt, ap);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v(fmt, ap);
	va_end(ap);
	_exit(status);
}

const char *err_str(int errnum)
{
	/* two parallel tables, the texts packed in one string: no pointers, no padding */
	static const unsigned char nums[] = {
		EPERM, ENOENT, ESRCH, EINTR, EIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM, EACCES,
		EEXIST, ENOTDIR, EISDIR, EINVAL, EMFILE, ENOTTY, ETXTBSY, ENOSPC, EROFS, ELOOP,
		ENAMETOOLONG, ENOSYS, EBUSY, EOPNOTSUPP,
	};
	static const char texts[] =
		"operation not permitted\0"
		"no such file or directory\0"
		"no such process\0"
		"interrupted\0"
		"input/output error\0"
		"argument list too long\0"
		"exec format error\0"
		"bad file descriptor\0"
		"no child processes\0"
		"resource temporarily unavailable\0"
		"out of memory\0"
		"permission denied\0"
		"file exists\0"
		"not a directory\0"
		"is a directory\0"
		"invalid argument\0"
		"too many open files\0"
		"not a terminal\0"
		"text file busy\0"
		"no space left on device\0"
		"read-only file system\0"
		"too many levels of symbolic links\0"
		"file name too long\0"
		"function not implemented\0"
		"device or resource busy\0"
		"operation not supported\0";
	static char other[24];
	const char *t = texts;
	unsigned i;

	for (i = 0; i < sizeof(nums); i++, t += strlen(t) + 1)
		if (nums[i] == errnum)
			return t;
	fmt_buf(other, sizeof(other), "error %d", errnum);
	return other;
}
