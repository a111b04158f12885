//config:config SIGSTATE
//config:	bool "sigstate: why does my process ignore SIGTERM?"
//config:	default y
//config:	select LIB_PROCSTATUS
//config:	select LIB_SIG_NAME
//config:	select LIB_NUM
//config:	help
//config:	  Decodes the signal masks of /proc/PID/status into signal names and
//config:	  says whether the process is PID 1 of its namespace; -j for JSON.

//usage:Usage: sigstate [-j] [PID...]
//usage:
//usage:Why does my process ignore SIGTERM? Decode /proc/PID/status, one line each:
//usage:SigPnd (pending for the thread), ShdPnd (pending for the process), SigBlk
//usage:(blocked), SigIgn (ignored), SigCgt (caught: a handler), as signal names
//usage:(TERM, RTMIN+3; 32, 33 by number). Then "PID 1": whether it is PID 1 of its
//usage:PID namespace (NSpid ends in 1). If so the kernel drops the signals it has no
//usage:handler for and does not block, even TERM; "Dropped" lists them.
//usage:No PID: sigstate itself, showing what its parent passes on (try
//usage:`trap '' TERM; sigstate`). Several PIDs: blocks separated by a blank line.
//usage:
//usage:  -j, --json  a JSON array, one object per PID: {"pid":7,"name":"sleep",
//usage:              "nspid":7,"pid1":false,"SigPnd":[],"ShdPnd":[],"SigBlk":["TERM"],
//usage:              "SigIgn":[],"SigCgt":["HUP"],"Dropped":[]}
//usage:
//usage:Exit status: 0; 1 a PID missing or its status unreadable (the others are
//usage:shown); 2 a malformed PID, nothing shown.

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "applet.h"
#include "fmt.h"
#include "log.h"
#include "num.h"
#include "opt.h"
#include "procstatus.h"
#include "sig_name.h"
#include "wr.h"

/* 1..64 without KILL and STOP: what a process can block, catch or ignore */
#define CATCHABLE (~(uint64_t)0 & ~((uint64_t)1 << (SIGKILL - 1)) & ~((uint64_t)1 << (SIGSTOP - 1)))

/* One block of output, written at once: 64 names of up to 9 bytes fit on a line. */
struct out {
	size_t len;
	char buf[4096];
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (n > sizeof(o->buf) - o->len)
		n = sizeof(o->buf) - o->len;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* The names of the signals in mask: "INT TERM" (text) or "\"INT\",\"TERM\"" (JSON). */
static void put_names(struct out *o, uint64_t mask, int json)
{
	const char *sep = "";
	char num[12];
	int sig;

	for (sig = 1; sig <= SIG_MAXNUM; sig++) {
		if (!(mask >> (sig - 1) & 1))
			continue;
		put(o, sep);
		put(o, json ? "\"" : "");
		put(o, sig_name(sig, num));
		put(o, json ? "\"" : "");
		sep = json ? "," : " ";
	}
	if (!*sep && !json)
		put(o, "none");
}

/* A JSON string: the kernel escapes Name's \n and \\, but a name may hold " or bytes < 32 */
static void put_json_str(struct out *o, const char *s)
{
	char esc[8];

	put(o, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\', esc[1] = *s, esc[2] = 0;
		} else if ((unsigned char)*s < 0x20) {
			fmt_buf(esc, sizeof(esc), "\\u%04x", (unsigned)*s);
		} else {
			esc[0] = *s, esc[1] = 0;
		}
		put(o, esc);
	}
	put(o, "\"");
}

/* The masks shown, in /proc's order; "Dropped" only for PID 1 of a namespace. */
struct masks {
	const char *key[6];
	uint64_t mask[6];
	int n;
};

static void get_masks(const struct procstatus *ps, struct masks *m)
{
	static const char *const keys[6] = { "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt",
					     "Dropped" };
	uint64_t handled = ps->sig_blk | ps->sig_ign | ps->sig_cgt;

	memcpy(m->key, keys, sizeof(keys));
	m->mask[0] = ps->sig_pnd, m->mask[1] = ps->shd_pnd, m->mask[2] = ps->sig_blk;
	m->mask[3] = ps->sig_ign, m->mask[4] = ps->sig_cgt;
	m->mask[5] = CATCHABLE & ~handled;
	m->n = ps->nspid == 1 ? 6 : 5;
}

static void show_text(struct out *o, const struct procstatus *ps, const struct masks *m)
{
	char line[128];
	int i;

	fmt_buf(line, sizeof(line), "PID:     %d (%s)", (int)ps->pid, ps->name);
	put(o, line);
	if (ps->nspid != ps->pid) {
		fmt_buf(line, sizeof(line), ", %d in its namespace", (int)ps->nspid);
		put(o, line);
	}
	for (i = 0; i < m->n; i++) {
		if (i == 5)
			put(o, "\nPID 1:   yes, of its PID namespace: the kernel drops the signals it"
			       " has no handler for (SIG_DFL and not blocked); only KILL and STOP"
			       " from an outer namespace get through");
		fmt_buf(line, sizeof(line), "\n%s:%s", m->key[i], i == 5 ? " " : "  ");
		put(o, line);
		put_names(o, m->mask[i], 0);
	}
	put(o, m->n == 5 ? "\nPID 1:   no\n" : "\n");
}

static void show_json(struct out *o, const struct procstatus *ps, const struct masks *m)
{
	char line[96];
	int i;

	fmt_buf(line, sizeof(line), "{\"pid\":%d,\"name\":", (int)ps->pid);
	put(o, line);
	put_json_str(o, ps->name);
	fmt_buf(line, sizeof(line), ",\"nspid\":%d,\"pid1\":%s", (int)ps->nspid,
		m->n == 6 ? "true" : "false");
	put(o, line);
	for (i = 0; i < 6; i++) {
		fmt_buf(line, sizeof(line), ",\"%s\":[", m->key[i]);
		put(o, line);
		put_names(o, i < m->n ? m->mask[i] : 0, 1);
		put(o, "]");
	}
	put(o, "}");
}

/* Show one process; 0, or -1 after saying why it cannot be shown. */
static int show(const char *pid, int json, int first)
{
	static char buf[16384];
	struct procstatus ps;
	struct masks m;
	struct out o;
	char path[48];

	fmt_buf(path, sizeof(path), "/proc/%s/status", pid);
	if (procstatus_read(path, buf, sizeof(buf), &ps) < 0) {
		if (errno == ENOENT || errno == ESRCH)
			log_msg("no process %s", pid);
		else if (errno == EINVAL)
			log_msg("%s: no signal masks in it (is /proc a procfs?)", path);
		else
			log_msg("cannot read %s: %s", path, err_str(errno));
		return -1;
	}
	get_masks(&ps, &m);
	o.len = 0;
	put(&o, first ? "" : json ? "," : "\n");
	if (json)
		show_json(&o, &ps, &m);
	else
		show_text(&o, &ps, &m);
	wr_all(STDOUT_FILENO, o.buf, o.len);
	return 0;
}

int sigstate_main(int argc, char **argv)
{
	static const struct opt_long longs[] = { { "json", 0, 'j' }, { 0, 0, 0 } };
	static char self[] = "self", *just_self[] = { self, 0 };
	struct opt_state st;
	int c, i, json = 0, rc = 0, shown = 0;
	char **pids;
	int n;

	opt_init(&st, argc, argv, "j", longs, sigstate_usage);
	while ((c = opt_next(&st)) != OPT_END)
		if (c == 'j')
			json = 1;
		else
			opt_default(&st, c);
	pids = argv + st.ind;
	n = argc - st.ind;
	for (i = 0; i < n; i++) {
		unsigned long v;

		if (num_parse_ulong(pids[i], 0x7fffffff, &v) < 0 || !v)
			usage_error("not a PID: '%s'", pids[i]);
	}
	if (!n) {
		pids = just_self;
		n = 1;
	}
	if (json)
		wr_str(STDOUT_FILENO, "[");
	for (i = 0; i < n; i++)
		if (show(pids[i], json, !shown) < 0)
			rc = 1;
		else
			shown++;
	if (json)
		wr_str(STDOUT_FILENO, "]\n");
	return rc;
}
