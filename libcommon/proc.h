/*
 * Readers of /proc/PID files. Each parser takes a buffer and its length, never trusts it to
 * be NUL-terminated or well-formed, and returns 0 or -1: they can be fed arbitrary bytes.
 * The readers open the file, read it into a caller's buffer and call the parser.
 */
#ifndef PIDBOX_PROC_H
#define PIDBOX_PROC_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct proc_stat {
	pid_t pid;
	char comm[64];           /* without the parentheses; cut to fit */
	char state;              /* R S D T t Z X I ... */
	pid_t ppid, pgrp, session;
	int threads;             /* field 20 */
	unsigned long long start; /* field 22: start time in clock ticks after boot */
};

/*
 * "PID (COMM) S PPID PGRP SID ... START ...". COMM may hold spaces and ')': it ends at the
 * LAST ')' of the buffer.
 */
int proc_parse_stat(const char *buf, size_t len, struct proc_stat *out);
/* /proc/PID/stat; -1 with errno ESRCH when the process is gone. */
int proc_read_stat(pid_t pid, struct proc_stat *out);

struct proc_status {
	pid_t ppid;
	pid_t nspid;             /* the PID in the innermost namespace (last NSpid field) */
	uid_t uid, euid;
	uint64_t sig_blk, sig_ign, sig_cgt;
};

/* The "Key:\tvalue" lines of /proc/PID/status that proc_status holds; PPid and Uid required. */
int proc_parse_status(const char *buf, size_t len, struct proc_status *out);
int proc_read_status(pid_t pid, struct proc_status *out);

/*
 * "12 345 6789 " (/proc/PID/task/TID/children) -> out[0..]: returns how many, or -1 when
 * malformed or when there are more than cap.
 */
int proc_parse_children(const char *buf, size_t len, pid_t *out, int cap);

/*
 * The command line with its NULs as spaces, cut to fit cap; "[COMM]" when it is empty (a
 * zombie, a kernel thread). Always NUL-terminated; returns its length (0: gone).
 */
size_t proc_read_cmdline(pid_t pid, char *buf, size_t cap);

/* A whole /proc file into buf, NUL-terminated: its length, or -1 (errno; E2BIG: too big). */
ssize_t proc_read_file(const char *path, char *buf, size_t cap);

/* Numeric entries of /proc or /proc/PID/task, without opendir() (which mallocs). */
struct proc_dir {
	int fd;
	unsigned pos, len;
	char buf[4096] __attribute__((aligned(8)));
};
int proc_dir_open(struct proc_dir *d, const char *path);
/* The next numeric entry (a PID or TID), 0 at the end, -1 on error. */
pid_t proc_dir_next(struct proc_dir *d);
void proc_dir_close(struct proc_dir *d);

#endif
