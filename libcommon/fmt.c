#include <string.h>
#include "fmt.h"
#include "wr.h"

size_t fmt_ulong(char *buf, unsigned long long v)
{
	char tmp[24];
	size_t n = 0, i;

	do
		tmp[n++] = (char)('0' + v % 10);
	while (v /= 10);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = 0;
	return n;
}

static size_t fmt_hex(char *buf, unsigned long long v)
{
	char tmp[20];
	size_t n = 0, i;

	do
		tmp[n++] = "0123456789abcdef"[v & 15];
	while (v >>= 4);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = 0;
	return n;
}

struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->p[o->len++] = c;
}

static void put_field(struct out *o, const char *s, size_t n, int width, char pad, int left)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left && pad == '0' && *s == '-') {
		put(o, *s++);
		n--;
	}
	while (!left && fill-- > 0)
		put(o, pad);
	while (n--)
		put(o, *s++);
	while (left && fill-- > 0)
		put(o, ' ');
}

size_t fmt_v(char *dst, size_t cap, const char *fmt, va_list ap)
{
	struct out o = { dst, 0, cap };

	for (; *fmt; fmt++) {
		char num[24], pad = ' ';
		int left = 0, width = 0, longs = 0;
		unsigned long long u;
		const char *s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = 1) : (pad = '0');
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l'; fmt++)
			longs++;
		switch (*fmt) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_field(&o, s, strlen(s), width, ' ', left);
			break;
		case 'c':
			num[0] = (char)va_arg(ap, int);
			put_field(&o, num, 1, width, ' ', left);
			break;
		case 'd': {
			long long v = longs > 1 ? va_arg(ap, long long)
				: longs ? va_arg(ap, long) : va_arg(ap, int);
			u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
			num[0] = '-';
			put_field(&o, num, fmt_ulong(num + (v < 0), u) + (v < 0), width, pad, left);
			break;
		}
		case 'u':
		case 'x':
			u = longs > 1 ? va_arg(ap, unsigned long long)
				: longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			put_field(&o, num, *fmt == 'x' ? fmt_hex(num, u) : fmt_ulong(num, u),
				  width, pad, left);
			break;
		case '%':
			put(&o, '%');
			break;
		default: /* unknown conversion: print it as is so the bug shows */
			put(&o, '%');
			if (!*fmt)
				goto out;
			put(&o, *fmt);
		}
	}
out:
	if (cap)
		dst[o.len] = 0;
	return o.len;
}

size_t fmt_buf(char *dst, size_t cap, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_v(dst, cap, fmt, ap);
	va_end(ap);
	return n;
}

int fmt_fd(int fd, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_v(line, sizeof(line), fmt, ap);
	va_end(ap);
	return wr_all(fd, line, n);
}
