/* ktest runner: see ktest.h. */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <unistd.h>
#include <time.h>
#include <sys/wait.h>
#include "ktest.h"

static int report_fd = -1;

void ktest_result(int ok, const char *name, const char *fmt, ...)
{
	char line[512];
	int n;

	if (ok) {
		n = snprintf(line, sizeof(line), "PASS %s\n", name);
	} else {
		va_list ap;
		n = snprintf(line, sizeof(line), "FAIL %s: ", name);
		va_start(ap, fmt);
		n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
		va_end(ap);
		if (n > (int)sizeof(line) - 2)
			n = sizeof(line) - 2;
		line[n++] = '\n';
	}
	write(1, line, n);
	if (report_fd >= 0)
		write(report_fd, ok ? "P" : "F", 1);
}

long ktest_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void run_group(const struct ktest_group *g, int *pass, int *fail)
{
	int p[2], st = 0;
	char c;
	pid_t pid;

	if (pipe(p) < 0) {
		printf("FAIL %s: pipe: %s\n", g->name, strerror(errno));
		(*fail)++;
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		report_fd = p[1];
		g->fn();
		_exit(0);
	}
	close(p[1]);
	while (read(p[0], &c, 1) == 1)
		c == 'P' ? (*pass)++ : (*fail)++;
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		char line[128];
		int n = snprintf(line, sizeof(line),
				 "FAIL %s: group died (status 0x%x)\n", g->name, st);
		write(1, line, n);
		(*fail)++;
	}
}

int ktest_main(int argc, char **argv, const struct ktest_group *g, int n)
{
	int pass = 0, fail = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 0; i < n; i++) {
		int want = argc < 2;
		for (int k = 1; k < argc; k++)
			if (!strcmp(argv[k], g[i].name))
				want = 1;
		if (want)
			run_group(&g[i], &pass, &fail);
	}
	printf("%d passed, %d failed\n", pass, fail);
	return fail != 0;
}
