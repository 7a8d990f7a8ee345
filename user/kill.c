/* kill [-SIG | -s NAME | -l] pid...: send a signal (default TERM).
 * SIG is a number or a name with or without "SIG". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <errno.h>

static const struct { const char *name; int sig; } names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
	{ "WINCH", SIGWINCH },
};

static int parse_sig(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s && !*end)
		return v >= 0 && v <= 64 ? (int)v : -1;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(s, names[i].name))
			return names[i].sig;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, rc = 0;

	if (i < argc && !strcmp(argv[i], "-l")) {
		for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			printf("%2d) SIG%s\n", names[k].sig, names[k].name);
		return 0;
	}
	if (i < argc && !strcmp(argv[i], "-s")) {
		if (i + 1 >= argc || (sig = parse_sig(argv[i + 1])) < 0) {
			fprintf(stderr, "kill: invalid signal\n");
			return 1;
		}
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] &&
		   !(argv[i][1] >= '0' && argv[i][1] <= '9' && i + 1 >= argc)) {
		if ((sig = parse_sig(argv[i] + 1)) < 0) {
			fprintf(stderr, "kill: %s: invalid signal specification\n",
				argv[i] + 1);
			return 1;
		}
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: kill [-SIG|-s NAME] PID...\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (*end || !*argv[i]) {
			fprintf(stderr, "kill: %s: arguments must be process ids\n", argv[i]);
			rc = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld) - %s\n", pid, strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
