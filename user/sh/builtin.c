/* Builtins: the commands that must change the shell process itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>
#include "sh.h"

static int b_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");
	char cwd[PATH_MAX];

	if (!dir || !*dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)))
		setenv("PWD", cwd, 1);
	return 0;
}

static int b_pwd(int argc, char **argv)
{
	char cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

static int b_exit(int argc, char **argv)
{
	int code = argc > 1 ? atoi(argv[1]) : sh_last_status;

	fflush(stdout);
	exit(code & 0xff);
}

static int b_export(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq) {
			*eq = 0;
			setenv(argv[i], eq + 1, 1);
			*eq = '=';
		} else if (!getenv(argv[i])) {
			setenv(argv[i], "", 1);
		}
	}
	if (argc == 1)
		for (char **e = environ; *e; e++)
			printf("export %s\n", *e);
	return 0;
}

static int b_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		unsetenv(argv[i]);
	return 0;
}

static int b_wait(int argc, char **argv)
{
	return jobs_wait_all();
}

static int b_jobs(int argc, char **argv)
{
	jobs_list();
	return 0;
}

static const struct builtin {
	const char *name;
	int (*fn)(int argc, char **argv);
} builtins[] = {
	{ "cd", b_cd }, { "pwd", b_pwd }, { "exit", b_exit },
	{ "export", b_export }, { "unset", b_unset }, { "wait", b_wait },
	{ "jobs", b_jobs },
};

int builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(name, builtins[i].name))
			return (int)i + 1;
	return 0;
}

int builtin_run(const struct command *c)
{
	int i = builtin_find(c->argv[0]);

	return i ? builtins[i - 1].fn(c->argc, (char **)c->argv) : 127;
}
