/*
 * Unit tests of libcommon's parsers and formatter: parsers [GROUP...]
 * GROUP: sig num duration opt fmt proc status (default: all). Prints one line per failed check and
 * "GROUP: N checks" per group; exits 1 when any check failed.
 * Built by testsuite/unit.tests against the libcommon sources (host cc, stdio allowed).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "fmt.h"
#include "num.h"
#include "opt.h"
#include "proc.h"
#include "sig_name.h"

static int failed, checks;

#define CHECK(cond, ...) do { checks++; if (!(cond)) { failed++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); putchar('\n'); } } while (0)

static void test_sig(void)
{
	static const struct { const char *in; int want; } good[] = {
		{ "15", 15 }, { "TERM", 15 }, { "SIGTERM", 15 }, { "term", 15 }, { "sigterm", 15 },
		{ "SigTerm", 15 }, { "1", 1 }, { "9", 9 }, { "KILL", 9 }, { "64", 64 },
		{ "32", 32 }, { "33", 33 }, { "34", 34 }, { "RTMIN", 34 }, { "rtmin", 34 },
		{ "SIGRTMIN", 34 }, { "RTMIN+3", 37 }, { "RTMIN+30", 64 }, { "SIGRTMAX-2", 62 },
		{ "RTMAX", 64 }, { "RTMAX-30", 34 }, { "IOT", 6 }, { "CLD", 17 }, { "POLL", 29 },
		{ "HUP", 1 }, { "SYS", 31 }, { "STKFLT", 16 }, { "WINCH", 28 }, { "PWR", 30 },
	};
	static const char *const bad[] = {
		"", "0", "00", "65", "100", "-1", "-15", "+15", " 15", "15 ", "0x0f", "1e1", "TERM1",
		"TERM ", " TERM", "TERMX", "SIG", "sig", "SIGSIGTERM", "SIG15", "S", "RT", "RTMIN+",
		"RTMIN-1", "RTMIN+31", "RTMIN+99999999999999999999", "RTMAX+1", "RTMAX-31",
		"RTMAX-", "RTMIN++1", "RTMIN+-1", "RTMIN +1", "99999999999999999999",
		"18446744073709551616", "4294967311", "TERM\n", "KILL\t", "NONE", "EXIT", "ZERO",
		"SIGRTMIN+3x", "RTMIN3", "SIGKILL9",
	};
	char buf[12], name[16];
	unsigned i;
	int s;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(sig_parse(good[i].in) == good[i].want, "sig_parse(\"%s\") = %d, want %d",
		      good[i].in, sig_parse(good[i].in), good[i].want);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(sig_parse(bad[i]) == -1, "sig_parse(\"%s\") = %d, want -1", bad[i],
		      sig_parse(bad[i]));
	/* every signal's name parses back to it, with and without SIG, in any case */
	for (s = 1; s <= 64; s++) {
		const char *n = sig_name(s, buf);
		CHECK(n && *n && strlen(n) < 12, "sig_name(%d) empty or long", s);
		CHECK(sig_parse(n) == s, "sig_parse(sig_name(%d) = \"%s\") = %d", s, n, sig_parse(n));
		snprintf(name, sizeof(name), "SIG%s", n);
		if (s != 32 && s != 33)
			CHECK(sig_parse(name) == s, "sig_parse(\"%s\") = %d, want %d", name,
			      sig_parse(name), s);
	}
	CHECK(!strcmp(sig_name(15, buf), "TERM"), "sig_name(15) = %s", sig_name(15, buf));
	CHECK(!strcmp(sig_name(34, buf), "RTMIN"), "sig_name(34) = %s", sig_name(34, buf));
	CHECK(!strcmp(sig_name(37, buf), "RTMIN+3"), "sig_name(37) = %s", sig_name(37, buf));
	CHECK(!strcmp(sig_name(62, buf), "RTMAX-2"), "sig_name(62) = %s", sig_name(62, buf));
	CHECK(!strcmp(sig_name(64, buf), "RTMAX"), "sig_name(64) = %s", sig_name(64, buf));
	CHECK(!strcmp(sig_name(32, buf), "32"), "sig_name(32) = %s", sig_name(32, buf));
	/* out of range: a number, never a crash or an empty string */
	CHECK(!strcmp(sig_name(0, buf), "0"), "sig_name(0) = %s", sig_name(0, buf));
	CHECK(!strcmp(sig_name(65, buf), "65"), "sig_name(65) = %s", sig_name(65, buf));
	CHECK(!strcmp(sig_name(-1, buf), "-1"), "sig_name(-1) = %s", sig_name(-1, buf));
	CHECK(!strcmp(sig_name(INT_MIN, buf), "-2147483648"), "sig_name(INT_MIN) = %s",
	      sig_name(INT_MIN, buf));
}

static void test_num(void)
{
	static const struct { const char *in; unsigned long max, want; int ok; } cases[] = {
		{ "0", 10, 0, 1 }, { "7", 10, 7, 1 }, { "10", 10, 10, 1 }, { "11", 10, 0, 0 },
		{ "0", 0, 0, 1 }, { "1", 0, 0, 0 }, { "007", 10, 7, 1 }, { "4194304", 4194304, 4194304, 1 },
		{ "18446744073709551615", ULONG_MAX, ULONG_MAX, 1 },
		{ "18446744073709551616", ULONG_MAX, 0, 0 },
		{ "99999999999999999999999", ULONG_MAX, 0, 0 },
		{ "4294967296", 4294967295UL, 0, 0 },
		{ "", 10, 0, 0 }, { "-1", 10, 0, 0 }, { "+1", 10, 0, 0 }, { " 1", 10, 0, 0 },
		{ "1 ", 10, 0, 0 }, { "1a", 10, 0, 0 }, { "0x1", 10, 0, 0 }, { "1.0", 10, 0, 0 },
		{ "\n", 10, 0, 0 },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long v = 12345;
		int r = num_parse_ulong(cases[i].in, cases[i].max, &v);
		if (cases[i].ok)
			CHECK(r == 0 && v == cases[i].want, "num_parse_ulong(\"%s\", %lu) = %d, %lu",
			      cases[i].in, cases[i].max, r, v);
		else
			CHECK(r == -1 && v == 12345, "num_parse_ulong(\"%s\", %lu) accepted (%lu)",
			      cases[i].in, cases[i].max, v);
	}
}

static void test_duration(void)
{
	static const struct { const char *in; unsigned long long ms; } good[] = {
		{ "5", 5000 }, { "0", 0 }, { "0.5", 500 }, { "250ms", 250 }, { "2s", 2000 },
		{ "1m", 60000 }, { "1.5m", 90000 }, { "1h", 3600000 }, { "0ms", 0 }, { "0s", 0 },
		{ "0.0001", 1 }, { "0.5ms", 1 }, { "1.0001ms", 2 }, { "0.001", 1 },
		{ "1.999999999999999", 2000 }, { "0.0000000001", 1 }, { "0.0000000001h", 1 },
		{ ".990000000001941451543", 991 }, { "0.000000000000000000000000000001ms", 1 },
		{ "1.0000000000000000000000000000", 1000 }, { "0.25m", 15000 }, { ".5", 500 }, { "720h", NUM_DURATION_MAX },
		{ "2592000", NUM_DURATION_MAX }, { "43200m", NUM_DURATION_MAX },
		{ "2592000000ms", NUM_DURATION_MAX },
	};
	static const char *const bad[] = {
		"", "s", "ms", "m", ".", "5.", "x", "5x", "5 s", " 5", "5 ", "-1", "+1", "5ss", "5sm",
		"1e3", "5S", "5MS", "1d", "0x10", "1..5", "1.5.5", "721h", "2592001", "2592000.001",
		"43201m", "2592000001ms", "99999999999999999999", "18446744073709551616ms",
		"999999999999999999999999999999h", "5\n", "5m0s", "5 ms",
	};
	unsigned i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		unsigned long long ms = 777;
		int r = num_parse_duration(good[i].in, &ms);
		CHECK(r == 0 && ms == good[i].ms, "num_parse_duration(\"%s\") = %d, %llu ms, want %llu",
		      good[i].in, r, ms, good[i].ms);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unsigned long long ms = 777;
		int r = num_parse_duration(bad[i], &ms);
		CHECK(r == -1, "num_parse_duration(\"%s\") accepted: %llu ms", bad[i], ms);
	}
}

/* One opt parse: argv as a NULL-terminated list; returns "v t=5 END@2" or "v ERR(...)". */
static const char *opt_trace(const char *const *args)
{
	static const struct opt_long longs[] = {
		{ "verbose", 0, 'v' }, { "grace", 1, 't' }, { "group", 0, 'g' }, { "quiet", 0, 'q' },
		{ 0, 0, 0 },
	};
	static char out[512];
	char *argv[32];
	struct opt_state st;
	int argc = 0, c, n = 0;
	size_t len = 0;

	while (args[argc])
		argv[argc] = (char *)args[argc], argc++;
	argv[argc] = 0;
	out[0] = 0;
	opt_init(&st, argc, argv, "vgqt:", longs, "usage");
	while ((c = opt_next(&st)) != OPT_END && n++ < 40) {
		if (c == OPT_ERROR) {
			len += (size_t)snprintf(out + len, sizeof(out) - len, "ERR(%s) ", st.err);
			continue;
		}
		if (c == OPT_HELP)
			len += (size_t)snprintf(out + len, sizeof(out) - len, "HELP ");
		else if (c == OPT_VERSION)
			len += (size_t)snprintf(out + len, sizeof(out) - len, "VERSION ");
		else if (st.arg)
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%c=%s ", c, st.arg);
		else
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%c ", c);
		if (len >= sizeof(out))
			break;
	}
	snprintf(out + len, sizeof(out) - len, "END@%d", st.ind);
	return out;
}

static void test_opt(void)
{
	static const struct { const char *argv[8]; const char *want; } cases[] = {
		{ { "p" }, "END@1" },
		{ { "p", "cmd", "-v" }, "END@1" },
		{ { "p", "-v", "cmd", "-v" }, "v END@2" },
		{ { "p", "-vvt5", "cmd" }, "v v t=5 END@2" },
		{ { "p", "-vt", "5", "cmd" }, "v t=5 END@3" },
		{ { "p", "-t", "-v" }, "t=-v END@3" },
		{ { "p", "-v", "--", "-v" }, "v END@3" },
		{ { "p", "--" }, "END@2" },
		{ { "p", "-" }, "END@1" },
		{ { "p", "" }, "END@1" },
		{ { "p", "--verbose", "--grace=3", "--grace", "4", "x" }, "v t=3 t=4 END@5" },
		{ { "p", "--grace=" }, "t= END@2" },
		{ { "p", "--gra=1", "--verb", "--gro" }, "t=1 v g END@4" },
		{ { "p", "--gr" }, "ERR(unknown or ambiguous option --gr) END@2" },
		{ { "p", "--ver" }, "ERR(unknown or ambiguous option --ver) END@2" },
		{ { "p", "--vers" }, "VERSION END@2" },
		{ { "p", "--help" }, "HELP END@2" },
		{ { "p", "--h" }, "HELP END@2" },
		{ { "p", "--nope" }, "ERR(unknown or ambiguous option --nope) END@2" },
		{ { "p", "--=x" }, "ERR(unknown or ambiguous option --=x) END@2" },
		{ { "p", "-x" }, "ERR(unknown option -x) END@2" },
		{ { "p", "-vx", "cmd" }, "v ERR(unknown option -x) END@2" },
		{ { "p", "-xv", "cmd" }, "ERR(unknown option -x) END@2" },
		{ { "p", "-:" }, "ERR(unknown option -:) END@2" },
		{ { "p", "-t" }, "ERR(option -t needs an argument) END@2" },
		{ { "p", "-vt" }, "v ERR(option -t needs an argument) END@2" },
		{ { "p", "--grace" }, "ERR(option --grace needs an argument) END@2" },
		{ { "p", "--verbose=1" }, "ERR(option --verbose takes no argument) END@2" },
		{ { "p", "--quiet", "--", "--quiet" }, "q END@3" },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = opt_trace(cases[i].argv);
		CHECK(!strcmp(got, cases[i].want), "opt case %u (%s %s): got \"%s\", want \"%s\"", i,
		      cases[i].argv[1] ? cases[i].argv[1] : "", cases[i].argv[1] && cases[i].argv[2]
		      ? cases[i].argv[2] : "", got, cases[i].want);
	}
}

/* the checks below feed fmt the formats a compiler would warn about, on purpose */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wformat-overflow"
static void test_fmt(void)
{
	char buf[64], big[256];
	size_t n;

#define FMT(want, ...) do { n = fmt_buf(buf, sizeof(buf), __VA_ARGS__); \
	CHECK(!strcmp(buf, want) && n == strlen(want), "fmt_buf(%s) = \"%s\" (%zu), want \"%s\"", \
	      #__VA_ARGS__, buf, n, want); } while (0)
	FMT("42", "%d", 42);
	FMT("-5", "%d", -5);
	FMT("-2147483648", "%d", INT_MIN);
	FMT("4294967295", "%u", UINT_MAX);
	FMT("18446744073709551615", "%lu", ULONG_MAX);
	FMT("-9223372036854775808", "%lld", LLONG_MIN);
	FMT("9223372036854775807", "%ld", LONG_MAX);
	FMT("ff", "%x", 255);
	FMT("0", "%x", 0);
	FMT("ffffffffffffffff", "%llx", ULLONG_MAX);
	FMT("   42", "%5d", 42);
	FMT("42   |", "%-5d|", 42);
	FMT("00042", "%05d", 42);
	FMT("-0042", "%05d", -42);
	FMT("  -42", "%5d", -42);
	FMT("12345", "%3d", 12345);
	FMT("abc", "%s", "abc");
	FMT("  abc", "%5s", "abc");
	FMT("abc  |", "%-5s|", "abc");
	FMT("(null)", "%s", (char *)0);
	FMT("x", "%c", 'x');
	FMT("100%", "%d%%", 100);
	FMT("a %q b", "a %q b");
	FMT("end %", "end %");
	FMT("", "%s", "");
	FMT("pid 7: TERM", "pid %d: %s", 7, "TERM");
	/* truncation at cap - 1, always terminated; cap 0 writes nothing */
	n = fmt_buf(buf, 4, "abcdef");
	CHECK(n == 3 && !strcmp(buf, "abc"), "cut at 4: \"%s\" (%zu)", buf, n);
	n = fmt_buf(buf, 1, "%d", 12345);
	CHECK(n == 0 && buf[0] == 0, "cap 1: \"%s\" (%zu)", buf, n);
	buf[0] = 'Z';
	n = fmt_buf(buf, 0, "abc");
	CHECK(n == 0 && buf[0] == 'Z', "cap 0 wrote \"%c\" (%zu)", buf[0], n);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	n = fmt_buf(buf, sizeof(buf), "%s%d", big, 5);
	CHECK(n == sizeof(buf) - 1 && strlen(buf) == sizeof(buf) - 1, "long string: %zu", n);
	n = fmt_buf(buf, sizeof(buf), "%200d", 1);
	CHECK(n == sizeof(buf) - 1 && buf[n - 1] == ' ', "wide field: %zu", n);
	n = fmt_ulong(buf, 0);
	CHECK(n == 1 && !strcmp(buf, "0"), "fmt_ulong(0) = %s", buf);
	n = fmt_ulong(buf, ULLONG_MAX);
	CHECK(n == 20 && !strcmp(buf, "18446744073709551615"), "fmt_ulong(max) = %s", buf);
}

static void test_proc(void)
{
	/* COMM with spaces and ')': it ends at the last ')' */
	static const char stat[] = "4242 (a) (b c)) S 17 4242 4240 34816 4242 4194560 100 0 0 0 "
		"1 2 0 0 20 0 3 0 987654321 1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 "
		"1 0 0 0 0 0\n";
	static const char *const bad_stat[] = {
		"", "4242", "4242 (a", "4242 a) S 1", "x (a) S 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 5",
		"4242 (a) SS 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 5",
		"4242 (a) S 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0",
		"4242 (a) S -1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 5",
		"99999999999 (a) S 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 5",
	};
	struct proc_stat st;
	pid_t kids[4];
	unsigned i;
	int n;

	CHECK(proc_parse_stat(stat, sizeof(stat) - 1, &st) == 0, "stat line rejected");
	CHECK(st.pid == 4242 && st.ppid == 17 && st.pgrp == 4242 && st.session == 4240 &&
	      st.state == 'S' && st.threads == 3 && st.start == 987654321ULL &&
	      !strcmp(st.comm, "a) (b c)"), "stat misread: %d %d %d %d %c %d %llu '%s'",
	      (int)st.pid, (int)st.ppid, (int)st.pgrp, (int)st.session, st.state, st.threads,
	      st.start, st.comm);
	/* the buffer is not NUL-terminated: a length that cuts the line must be respected */
	CHECK(proc_parse_stat(stat, 20, &st) == -1, "a cut stat line accepted");
	for (i = 0; i < sizeof(bad_stat) / sizeof(bad_stat[0]); i++)
		CHECK(proc_parse_stat(bad_stat[i], strlen(bad_stat[i]), &st) == -1,
		      "bad stat accepted: \"%s\"", bad_stat[i]);
	n = proc_parse_children("12 345 6789 ", 12, kids, 4);
	CHECK(n == 3 && kids[0] == 12 && kids[1] == 345 && kids[2] == 6789, "children: %d", n);
	CHECK(proc_parse_children("", 0, kids, 4) == 0, "empty children list");
	CHECK(proc_parse_children("1 2 3 4 5 ", 10, kids, 4) == -1, "more than cap accepted");
	CHECK(proc_parse_children("1 x 3 ", 6, kids, 4) == -1, "junk accepted");
	CHECK(proc_parse_children("0 ", 2, kids, 4) == -1, "PID 0 accepted");
	CHECK(proc_parse_children("-5 ", 3, kids, 4) == -1, "negative PID accepted");
	CHECK(proc_parse_children("12 34", 2, kids, 4) == 1 && kids[0] == 12, "length not respected");
}

static void test_status(void)
{
	static const char status[] = "Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\n"
		"Tgid:\t77\nNgid:\t0\nPid:\t77\nPPid:\t5\nTracerPid:\t0\n"
		"Uid:\t1000\t1001\t1001\t1001\nGid:\t100\t100\t100\t100\n"
		"NSpid:\t4077\t77\t3\nSigQ:\t0/63412\nSigPnd:\t0000000000000000\n"
		"ShdPnd:\t0000000000000000\nSigBlk:\t0000000000010000\n"
		"SigIgn:\t0000000000000006\nSigCgt:\t0000000180004002\n";
	struct proc_status ss;

	CHECK(proc_parse_status(status, sizeof(status) - 1, &ss) == 0, "status rejected");
	CHECK(ss.ppid == 5 && ss.uid == 1000 && ss.euid == 1001 && ss.nspid == 3 &&
	      ss.sig_blk == 0x10000 && ss.sig_ign == 6 && ss.sig_cgt == 0x180004002ULL,
	      "status misread: ppid %d uid %u/%u nspid %d", (int)ss.ppid, (unsigned)ss.uid,
	      (unsigned)ss.euid, (int)ss.nspid);
	CHECK(proc_parse_status("Name:\tx\n", 8, &ss) == -1, "status without PPid accepted");
	CHECK(proc_parse_status("PPid:\tx\nUid:\t0\t0\n", 17, &ss) == -1, "PPid junk accepted");
}

int main(int argc, char **argv)
{
	static const struct { const char *name; void (*fn)(void); } groups[] = {
		{ "sig", test_sig }, { "num", test_num }, { "duration", test_duration },
		{ "opt", test_opt }, { "fmt", test_fmt }, { "proc", test_proc },
		{ "status", test_status },
	};
	unsigned i;
	int a;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		int want = argc < 2;
		for (a = 1; a < argc; a++)
			want |= !strcmp(argv[a], groups[i].name);
		if (!want)
			continue;
		checks = 0;
		groups[i].fn();
		printf("%s: %d checks\n", groups[i].name, checks);
	}
	if (failed)
		printf("%d failed\n", failed);
	return failed != 0;
}
