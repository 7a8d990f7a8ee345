/* Services. Each runs in its own session (setsid) so the console's ^C
 * never reaches it, with stdin on /dev/null and stdout/stderr on the
 * console. Readiness: the write end of a pipe is passed as NOTIFY_FD; the
 * service writes "READY\n" (svc_notify_ready() in <svc.h>). A service
 * that exits is restarted after a backoff that doubles from 500 ms to
 * 30 s, and resets once a run has lasted 60 s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include "init.h"

#define BACKOFF_MIN_MS  500
#define BACKOFF_MAX_MS  30000
#define STABLE_RUN_MS   60000

int service_start(struct service *s)
{
	int p[2];
	pid_t pid;
	char fdbuf[16];

	if (pipe(p) < 0)
		return -1;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		setsid();
		if (nul >= 0) {
			dup2(nul, 0);
			if (nul > 2)
				close(nul);
		}
		for (int sig = 1; sig < 32; sig++)
			signal(sig, SIG_DFL);
		sigset_t none = 0;
		sigprocmask(SIG_SETMASK, &none, NULL);
		snprintf(fdbuf, sizeof(fdbuf), "%d", p[1]);
		setenv("NOTIFY_FD", fdbuf, 1);
		execv(s->argv[0], s->argv);
		fprintf(stderr, "init: %s: exec %s: %s\n", s->name, s->argv[0],
			strerror(errno));
		_exit(127);
	}
	close(p[1]);
	if (s->notify_fd >= 0)
		close(s->notify_fd);
	s->notify_fd = p[0];
	s->rlen = 0;
	s->pid = pid;
	s->started_ms = now_ms();
	s->restart_at_ms = 0;
	return 0;
}

void service_read_notify(struct service *s)
{
	ssize_t n;

	if (s->notify_fd < 0)
		return;
	n = read(s->notify_fd, s->rbuf + s->rlen, sizeof(s->rbuf) - 1 - s->rlen);
	if (n > 0) {
		s->rlen += (int)n;
		s->rbuf[s->rlen] = 0;
		if (strstr(s->rbuf, "READY\n"))
			s->ready = 1;
		if (s->rlen >= (int)sizeof(s->rbuf) - 1)
			s->rlen = 0;
	}
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(s->notify_fd);    /* service closed its end */
		s->notify_fd = -1;
	}
}

void service_exited(struct service *s, int status, long now)
{
	if (now - s->started_ms >= STABLE_RUN_MS)
		s->backoff_ms = 0;
	s->backoff_ms = s->backoff_ms ? s->backoff_ms * 2 : BACKOFF_MIN_MS;
	if (s->backoff_ms > BACKOFF_MAX_MS)
		s->backoff_ms = BACKOFF_MAX_MS;
	s->pid = 0;
	s->restarts++;
	s->restart_at_ms = now + s->backoff_ms;
	if (WIFSIGNALED(status))
		init_log("init: service %s killed by signal %d; restart in %d ms\n",
			 s->name, WTERMSIG(status), s->backoff_ms);
	else
		init_log("init: service %s exited with %d; restart in %d ms\n",
			 s->name, WEXITSTATUS(status), s->backoff_ms);
}
