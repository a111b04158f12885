/* A tiny formatter: what pidbox prints, without printf's ~16 KB. */
#ifndef PIDBOX_FMT_H
#define PIDBOX_FMT_H
#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %s %c %d %u %x with an optional l or ll, %%; an optional width and
 * '0' or '-' flag for numbers and strings (%5d, %-8s, %03u).
 * The output is always NUL-terminated and cut at cap-1; returns its length.
 */
size_t fmt_v(char *dst, size_t cap, const char *fmt, va_list ap);
size_t fmt_buf(char *dst, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format into a 1 KiB line and write it to fd. Returns wr_all()'s result. */
int fmt_fd(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Decimal digits of v into buf (at least 21 bytes); returns the length, buf NUL-terminated. */
size_t fmt_ulong(char *buf, unsigned long long v);

#endif
