/* Signal names and numbers: one table for every applet. */
#ifndef PIDBOX_SIG_NAME_H
#define PIDBOX_SIG_NAME_H

/* Kernel signal numbers: 1..64. */
#define SIG_MAXNUM 64
/*
 * RTMIN is 34, as glibc, bash and util-linux's kill see it: what the programs pidbox runs
 * call SIGRTMIN. (musl's own SIGRTMIN is 35; the kernel's first real-time signal is 32.)
 */
#define SIG_RTMIN 34
#define SIG_RTMAX 64

/*
 * "15", "TERM", "SIGTERM", "term", "RTMIN", "RTMIN+3", "SIGRTMAX-2" -> 1..64.
 * -1 for anything else: 0, out of range, junk, empty.
 */
int sig_parse(const char *s);
/* "TERM", "RTMIN+3", or "32"/"33" for the two below RTMIN; buf holds at least 12 bytes. */
const char *sig_name(int sig, char *buf);

#endif
