/*
 * answer FIFO: the child that answers. Catches every signal it can (1..64 but KILL, STOP,
 * and 32/33 that glibc keeps), writes one byte per signal received, its number, to FIFO,
 * and a 0 byte once it is ready. Otherwise it sleeps in pause(): no wake-ups of its own.
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int out = -1;

static void on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;

	if (write(out, &b, 1) < 0) {
		/* the bench is gone: nothing to answer to */
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t none;
	int sig;

	if (argc != 2 || (out = open(argv[1], O_WRONLY)) < 0)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigfillset(&sa.sa_mask); /* one handler at a time: bytes are written whole, in order */
	for (sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, 0);
	if (write(out, "", 1) != 1)
		return 1;
	for (;;)
		pause();
}
