/* sh main loop: sh [-i] [-c command | script [args]].
 * Interactive (stdin is a terminal, or -i): prints the prompt "$ " on
 * stderr, puts itself in its own process group in the terminal's
 * foreground, ignores SIGINT/SIGQUIT/SIGTSTP/SIGTTIN/SIGTTOU so ^C only
 * reaches the foreground job. End of input exits with the last status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include "sh.h"

int sh_interactive;
int sh_last_status;
pid_t sh_pgid;

#define LINE_MAX_LEN 4096

/* Read one line from fd. A terminal delivers whole lines; from a pipe or
 * file read byte by byte, so commands we start see the rest of input. */
static int read_line(int fd, char *buf, size_t cap, int by_byte)
{
	static char pending[LINE_MAX_LEN];
	static size_t plen;
	size_t n = 0;

	for (;;) {
		if (plen) {
			char *nl = memchr(pending, '\n', plen);
			size_t take = nl ? (size_t)(nl - pending) + 1 : plen;
			if (take > cap - 1 - n)
				take = cap - 1 - n;
			memcpy(buf + n, pending, take);
			n += take;
			memmove(pending, pending + take, plen - take);
			plen -= take;
			if ((n && buf[n - 1] == '\n') || n == cap - 1)
				break;
			continue;
		}
		ssize_t r = read(fd, pending, by_byte ? 1 : sizeof(pending));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		plen = (size_t)r;
	}
	buf[n] = 0;
	return n ? (int)n : -1;
}

static void setup_job_control(void)
{
	static const int ign[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

	for (size_t i = 0; i < sizeof(ign) / sizeof(ign[0]); i++)
		signal(ign[i], SIG_IGN);
	sh_pgid = getpid();
	if (getpgrp() != sh_pgid && getsid(0) != sh_pgid)
		setpgid(0, sh_pgid);
	sh_pgid = getpgrp();
	tcsetpgrp(0, sh_pgid);
}

int main(int argc, char **argv)
{
	char line[LINE_MAX_LEN];
	int fd = 0, argi = 1, force_i = 0;

	if (!getenv("PATH"))
		setenv("PATH", "/bin:/usr/bin", 1);
	if (argi < argc && !strcmp(argv[argi], "-i")) {
		force_i = 1;
		argi++;
	}
	if (argi + 1 < argc && !strcmp(argv[argi], "-c"))
		return run_line(argv[argi + 1]);
	if (argi < argc) {
		fd = open(argv[argi], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[argi], strerror(errno));
			return 127;
		}
	}
	sh_interactive = fd == 0 && (force_i || isatty(0));
	if (sh_interactive)
		setup_job_control();
	for (;;) {
		if (sh_interactive) {
			jobs_reap(1);
			write(2, "$ ", 2);
		}
		if (read_line(fd, line, sizeof(line), !isatty(fd)) < 0)
			break;
		run_line(line);
		fflush(stdout);
	}
	return sh_last_status;
}
