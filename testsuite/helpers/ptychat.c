/*
 * ptychat [-t SECONDS] STEP... -- CMD [ARG...]: run CMD as session leader on a new pseudo
 * terminal (its controlling terminal) and talk to it, chat(8)-style. Steps, in order:
 *   -e TEXT   expect: read the terminal's output until TEXT appears (after the previous
 *             match); fail after SECONDS (default 10)
 *   -s TEXT   send TEXT as typed, with \n \r \t \\ and \xHH escapes: "\x1a" is Ctrl-Z,
 *             "\x03" Ctrl-C
 * Everything CMD writes is copied to stdout. After the last step, waits (SECONDS) for CMD
 * to exit and exits with its exit code (128+N if a signal killed it); 124 on a timeout,
 * with what was seen on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char seen[1 << 16];
static size_t seen_len, matched;
static int timeout_s = 10;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Read what is there within ms; 0 on EOF/EIO (the terminal's other side is closed). */
static int pump(int master, int ms)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	char buf[4096];
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 1;
	n = read(master, buf, sizeof(buf));
	if (n <= 0)
		return 0;
	fwrite(buf, 1, (size_t)n, stdout);
	fflush(stdout);
	if (seen_len + (size_t)n > sizeof(seen)) { /* keep the unmatched tail */
		memmove(seen, seen + matched, seen_len - matched);
		seen_len -= matched, matched = 0;
		if (seen_len + (size_t)n > sizeof(seen))
			seen_len = matched = 0;
	}
	memcpy(seen + seen_len, buf, (size_t)n);
	seen_len += (size_t)n;
	return 1;
}

static int expect(int master, const char *text)
{
	long long end = now_ms() + timeout_s * 1000LL;
	size_t tl = strlen(text);

	for (;;) {
		char *at = memmem(seen + matched, seen_len - matched, text, tl);
		if (at) {
			matched = (size_t)(at - seen) + tl;
			return 0;
		}
		if (now_ms() >= end || !pump(master, (int)(end - now_ms()))) {
			fprintf(stderr, "\nptychat: did not see '%s'; after the last match: '%.*s'\n",
				text, (int)(seen_len - matched), seen + matched);
			return -1;
		}
	}
}

static void send_text(int master, const char *s)
{
	char out[1024];
	size_t n = 0;

	for (; *s && n < sizeof(out); s++) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s;
			continue;
		}
		switch (*++s) {
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'x': {
			char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };
			out[n++] = (char)strtol(hex, 0, 16);
			s += strlen(hex);
			break;
		}
		default: out[n++] = *s;
		}
	}
	if (write(master, out, n) != (ssize_t)n)
		perror("ptychat: write");
}

int main(int argc, char **argv)
{
	int master, i, cmd, status;
	long long end;
	pid_t pid;

	setvbuf(stdout, 0, _IOFBF, 1 << 16);
	for (cmd = 1; cmd < argc && strcmp(argv[cmd], "--"); cmd++)
		;
	if (cmd + 1 >= argc) {
		fprintf(stderr, "usage: ptychat [-t SECONDS] STEP... -- CMD [ARG...]\n");
		return 2;
	}
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		perror("ptychat: posix_openpt");
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		int slave;
		struct winsize ws = { .ws_row = 24, .ws_col = 200 };

		setsid();
		slave = open(ptsname(master), O_RDWR);
		if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) < 0) {
			perror("ptychat: slave");
			_exit(1);
		}
		ioctl(slave, TIOCSWINSZ, &ws);
		dup2(slave, 0), dup2(slave, 1), dup2(slave, 2);
		if (slave > 2)
			close(slave);
		execvp(argv[cmd + 1], argv + cmd + 1);
		perror(argv[cmd + 1]);
		_exit(127);
	}
	for (i = 1; i < cmd; i += 2) {
		if (i + 1 >= cmd)
			return 2;
		if (!strcmp(argv[i], "-t")) {
			timeout_s = atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "-s")) {
			send_text(master, argv[i + 1]);
		} else if (!strcmp(argv[i], "-e")) {
			if (expect(master, argv[i + 1]) < 0) {
				kill(pid, SIGKILL);
				waitpid(pid, 0, 0);
				return 124;
			}
		} else {
			return 2;
		}
	}
	/* drain the terminal until CMD has exited */
	end = now_ms() + timeout_s * 1000LL;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_ms() >= end) {
			fprintf(stderr, "\nptychat: CMD did not exit\n");
			kill(pid, SIGKILL);
			waitpid(pid, 0, 0);
			return 124;
		}
		if (!pump(master, 50))
			usleep(10000);
	}
	while (pump(master, 0) && seen_len) /* what is left */
		if (!poll(&(struct pollfd){ .fd = master, .events = POLLIN }, 1, 0))
			break;
	fflush(stdout);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
