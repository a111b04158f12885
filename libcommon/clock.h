/* The monotonic clock in milliseconds, for deadlines. */
#ifndef PIDBOX_CLOCK_H
#define PIDBOX_CLOCK_H

long long clock_now_ms(void);

#endif
