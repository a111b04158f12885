#include <errno.h>
#include <stdarg.h>
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
	static const struct { short num; const char *text; } table[] = {
		{ EPERM, "operation not permitted" },
		{ ENOENT, "no such file or directory" },
		{ ESRCH, "no such process" },
		{ EINTR, "interrupted" },
		{ EIO, "input/output error" },
		{ E2BIG, "argument list too long" },
		{ ENOEXEC, "exec format error" },
		{ EBADF, "bad file descriptor" },
		{ ECHILD, "no child processes" },
		{ EAGAIN, "resource temporarily unavailable" },
		{ ENOMEM, "out of memory" },
		{ EACCES, "permission denied" },
		{ EEXIST, "file exists" },
		{ ENOTDIR, "not a directory" },
		{ EISDIR, "is a directory" },
		{ EINVAL, "invalid argument" },
		{ EMFILE, "too many open files" },
		{ ENOTTY, "not a terminal" },
		{ ETXTBSY, "text file busy" },
		{ ENOSPC, "no space left on device" },
		{ EROFS, "read-only file system" },
		{ ELOOP, "too many levels of symbolic links" },
		{ ENAMETOOLONG, "file name too long" },
		{ ENOSYS, "function not implemented" },
		{ EBUSY, "device or resource busy" },
		{ EOPNOTSUPP, "operation not supported" },
	};
	static char other[24];
	unsigned i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].num == errnum)
			return table[i].text;
	fmt_buf(other, sizeof(other), "error %d", errnum);
	return other;
}
