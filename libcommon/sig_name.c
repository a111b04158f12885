//config:config LIB_SIG_NAME
//config:	bool
//config:	select LIB_NUM

#include <string.h>
#include <strings.h>
#include "fmt.h"
#include "num.h"
#include "sig_name.h"

/* Index = signal number; x86, arm, aarch64, riscv, s390 and powerpc share this numbering. */
static const char names[32][7] = {
	"", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
	"USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
	"URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

static const struct { char name[7]; char num; } aliases[] = {
	{ "IOT", 6 }, { "CLD", 17 }, { "POLL", 29 }, { "UNUSED", 31 },
};

/* "RTMIN", "RTMIN+N", "RTMAX", "RTMAX-N" */
static int rt_parse(const char *s)
{
	unsigned long off = 0;
	int base, sign;

	if (!strncasecmp(s, "RTMIN", 5))
		base = SIG_RTMIN, sign = '+';
	else if (!strncasecmp(s, "RTMAX", 5))
		base = SIG_RTMAX, sign = '-';
	else
		return -1;
	s += 5;
	if (*s) {
		if (*s != sign || num_parse_ulong(s + 1, SIG_RTMAX - SIG_RTMIN, &off))
			return -1;
	}
	return sign == '+' ? base + (int)off : base - (int)off;
}

int sig_parse(const char *s)
{
	unsigned long n;
	unsigned i;

	if (!num_parse_ulong(s, SIG_MAXNUM, &n))
		return n ? (int)n : -1;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 1; i < 32; i++)
		if (!strcasecmp(s, names[i]))
			return (int)i;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(s, aliases[i].name))
			return aliases[i].num;
	return rt_parse(s);
}

const char *sig_name(int sig, char *buf)
{
	if (sig > 0 && sig < 32)
		return names[sig];
	if (sig >= SIG_RTMIN && sig <= SIG_RTMAX) {
		int half = sig <= (SIG_RTMIN + SIG_RTMAX) / 2;
		fmt_buf(buf, 12, half ? "RTMIN+%d" : "RTMAX-%d",
			half ? sig - SIG_RTMIN : SIG_RTMAX - sig);
		if (sig == SIG_RTMIN || sig == SIG_RTMAX)
			buf[5] = 0;
		return buf;
	}
	fmt_buf(buf, 12, "%d", sig);
	return buf;
}
