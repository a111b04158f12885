/*
 * /proc/PID/status, the part about signals: a pure parser over a buffer (it never trusts
 * the bytes: fuzzable) and a reader that feeds it.
 */
#ifndef PIDBOX_PROCSTATUS_H
#define PIDBOX_PROCSTATUS_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct procstatus {
	char name[64];      /* Name:, as the kernel escaped it, cut to fit */
	pid_t pid;          /* Pid: in the namespace of the /proc it was read from */
	pid_t nspid;        /* NSpid's last field: the PID in its own namespace (Pid: without NSpid) */
	int ns_levels;      /* NSpid's field count: 1 outside nested PID namespaces (0 without NSpid) */
	/* signal masks: bit N-1 is signal N */
	uint64_t sig_pnd;   /* SigPnd: pending for this thread */
	uint64_t shd_pnd;   /* ShdPnd: pending for the whole process */
	uint64_t sig_blk;   /* SigBlk: blocked */
	uint64_t sig_ign;   /* SigIgn: ignored (SIG_IGN) */
	uint64_t sig_cgt;   /* SigCgt: caught (a handler is installed) */
};

/*
 * The "Key:\tvalue" lines of buf[0..len) (need not be NUL-terminated). Pid and the five
 * Sig/ShdPnd masks are required: 0, or -1 when one is missing or malformed.
 */
int procstatus_parse(const char *buf, size_t len, struct procstatus *out);
/*
 * Read path (e.g. "/proc/123/status") into buf[0..cap) and parse it. 0, or -1 with errno:
 * what open/read said (ENOENT: no such process), E2BIG too big, EINVAL unparsable.
 */
int procstatus_read(const char *path, char *buf, size_t cap, struct procstatus *out);

#endif
