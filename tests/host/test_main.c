/* Runs every TEST() of the binary, each in its own forked process with a
 * time limit; an optional argument runs only the cases whose name
 * contains it. The last stdout line is "N passed, M failed". */
#include "test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int test_failures;

extern const struct test_case __start_host_tests[];
extern const struct test_case __stop_host_tests[];

static int run_case(const struct test_case *tc)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		alarm(60);
		test_failures = 0;
		tc->fn();
		fflush(stderr);
		exit(test_failures ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "  killed by signal %d\n", WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The linker lays the section out in reverse definition order;
	 * walk it backwards so cases run in the order they are written. */
	for (const struct test_case *tc = __stop_host_tests;
	     tc-- > __start_host_tests;) {
		if (argc > 1 && !strstr(tc->name, argv[1]))
			continue;
		if (run_case(tc) == 0) {
			printf("PASS %s\n", tc->name);
			passed++;
		} else {
			printf("FAIL %s\n", tc->name);
			failed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
