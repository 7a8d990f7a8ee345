/* init main: init [-c CONF] [-C CONSOLE|-] [-t TIMEOUT_S] [-n]
 *   -c  config file (default /etc/init.conf)
 *   -C  console device opened as fds 0,1,2 (default /dev/console);
 *       "-" keeps the inherited stdio (host test mode)
 *   -t  readiness timeout in seconds (default 20)
 *   -n  do not run a shell (host tests)
 * When not pid 1 (a test on Linux), init asks to be the child subreaper so
 * orphans still come to it. SIGTERM stops all services and exits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include "init.h"

static struct init_conf conf;
static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t got_term;
static pid_t shell_pid;
static long shell_started_ms;

long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

void init_log(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	write(1, buf, n);
}

/* Signal handlers only poke the self-pipe; the loop does the work. */
static void on_signal(int sig)
{
	int e = errno;

	if (sig == SIGTERM)
		got_term = 1;
	write(sig_pipe[1], "", 1);
	errno = e;
}

static void open_console(const char *dev)
{
	int fd = open(dev, O_RDWR | O_NOCTTY);

	if (fd < 0)
		return;             /* keep what we were given */
	for (int i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void start_shell(void)
{
	static char *def[] = { "/bin/sh", "-i", NULL };
	char **argv = conf.shell_argv[0] ? conf.shell_argv : def;
	pid_t pid = fork();

	if (pid < 0)
		return;
	if (pid == 0) {
		setsid();
		ioctl(0, TIOCSCTTY, 0);     /* the console becomes our tty */
		tcsetpgrp(0, getpid());
		for (int sig = 1; sig < 32; sig++)
			signal(sig, SIG_DFL);
		execv(argv[0], argv);
		fprintf(stderr, "init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	shell_pid = pid;
	shell_started_ms = now_ms();
}

static void reap(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == shell_pid) {
			shell_pid = 0;
			continue;
		}
		for (int i = 0; i < conf.nsvc; i++)
			if (conf.svc[i].pid == pid)
				service_exited(&conf.svc[i], status, now_ms());
		/* anything else was an orphan: reaped, nothing to do */
	}
}

/* Wait for events until deadline_ms (or forever when < 0). */
static void wait_events(long deadline_ms)
{
	struct pollfd p[MAX_SERVICES + 1];
	int n = 0, timeout = -1;
	long next = deadline_ms;
	char drain[64];

	p[n++] = (struct pollfd){ .fd = sig_pipe[0], .events = POLLIN };
	for (int i = 0; i < conf.nsvc; i++) {
		struct service *s = &conf.svc[i];
		if (s->notify_fd >= 0)
			p[n++] = (struct pollfd){ .fd = s->notify_fd, .events = POLLIN };
		if (s->restart_at_ms && (next < 0 || s->restart_at_ms < next))
			next = s->restart_at_ms;
	}
	if (!shell_pid && shell_started_ms && (next < 0 || shell_started_ms + 500 < next))
		next = shell_started_ms + 500;
	if (next >= 0) {
		long d = next - now_ms();
		timeout = d < 0 ? 0 : (int)d;
	}
	if (poll(p, n, timeout) > 0 && (p[0].revents & POLLIN))
		while (read(sig_pipe[0], drain, sizeof(drain)) > 0)
			;
	for (int i = 0; i < conf.nsvc; i++)
		service_read_notify(&conf.svc[i]);
	reap();
	for (int i = 0; i < conf.nsvc; i++) {
		struct service *s = &conf.svc[i];
		if (!s->pid && s->restart_at_ms && now_ms() >= s->restart_at_ms)
			service_start(s);
	}
}

static void shutdown_services(void)
{
	for (int i = 0; i < conf.nsvc; i++)
		if (conf.svc[i].pid > 0)
			kill(conf.svc[i].pid, SIGTERM);
	if (shell_pid > 0)
		kill(shell_pid, SIGHUP);
	init_log("init: stopping\n");
}

static int all_ready(void)
{
	for (int i = 0; i < conf.nsvc; i++)
		if (!conf.svc[i].ready)
			return 0;
	return 1;
}

static void report_readiness(long timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	char names[256] = "";

	while (!all_ready() && now_ms() < deadline && !got_term)
		wait_events(deadline);
	if (all_ready()) {
		init_log("init: services ready\n");
		return;
	}
	for (int i = 0; i < conf.nsvc; i++) {
		if (conf.svc[i].ready)
			continue;
		size_t l = strlen(names);
		snprintf(names + l, sizeof(names) - l, "%s%s", l ? " " : "",
			 conf.svc[i].name);
	}
	init_log("init: services failed: %s\n", names);
}

int main(int argc, char **argv)
{
	const char *conf_path = "/etc/init.conf", *console = "/dev/console";
	int opt, timeout_s = 20, no_shell = 0;
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };

	while ((opt = getopt(argc, argv, "c:C:t:n")) != -1) {
		switch (opt) {
		case 'c': conf_path = optarg; break;
		case 'C': console = optarg; break;
		case 't': timeout_s = atoi(optarg); break;
		case 'n': no_shell = 1; break;
		default:
			fprintf(stderr, "usage: init [-c conf] [-C console|-] [-t secs] [-n]\n");
			return 2;
		}
	}
	if (strcmp(console, "-"))
		open_console(console);
	if (getpid() != 1)
		prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	setenv("PATH", "/bin:/usr/bin", 0);
	setenv("HOME", "/root", 0);
	if (pipe(sig_pipe) < 0)
		return 1;
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL, O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGINT, SIG_IGN);        /* ^C on the console is for the shell */
	signal(SIGTTOU, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if (conf_load(conf_path, &conf) < 0)
		init_log("init: cannot read %s: %s\n", conf_path, strerror(errno));
	for (int i = 0; i < conf.nsvc; i++)
		if (service_start(&conf.svc[i]) < 0)
			service_exited(&conf.svc[i], 127 << 8, now_ms());
	report_readiness(timeout_s * 1000L);
	while (!got_term) {
		if (!no_shell && !shell_pid &&
		    (!shell_started_ms || now_ms() - shell_started_ms >= 500))
			/* first start at once; respawns at most every 500 ms
			 * (the monotonic clock may read under 500 at boot) */
			start_shell();
		wait_events(-1);
	}
	shutdown_services();
	return 0;
}
