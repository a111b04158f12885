/* Strict number and duration parsing: the whole string or an error. */
#ifndef PIDBOX_NUM_H
#define PIDBOX_NUM_H

/* Decimal digits only (no sign, no space, no junk), value <= max. 0 or -1. */
int num_parse_ulong(const char *s, unsigned long max, unsigned long *out);

/* The longest duration accepted: 30 days, in milliseconds. */
#define NUM_DURATION_MAX (30ULL * 24 * 3600 * 1000)
/*
 * "5" (seconds), "0.5", "250ms", "2s", "1.5m", "1h" -> milliseconds, rounded up to a whole
 * one. 0 or -1 for junk, a missing number, an unknown unit or more than NUM_DURATION_MAX.
 */
int num_parse_duration(const char *s, unsigned long long *ms);

#endif
