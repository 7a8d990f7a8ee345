/* Regression run of the committed fuzz corpus without libFuzzer: each
 * file goes through LLVMFuzzerTestOneInput in its own forked process
 * (sanitizers on), and the last line is "N passed, M failed". */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#ifndef CORPUS_DIR
#define CORPUS_DIR "tests/fuzz/corpus"
#endif

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f)
		return 1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	/* Each input twice: state left behind must not matter. */
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : CORPUS_DIR;
	int passed = 0, failed = 0;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		printf("cannot open %s\n0 passed, 1 failed\n", dir);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		char path[4096];
		pid_t pid;
		int status = 1;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			alarm(60);
			_exit(run_file(path));
		}
		if (pid > 0)
			waitpid(pid, &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			passed++;
		} else {
			printf("FAIL %s\n", de->d_name);
			failed++;
		}
	}
	closedir(d);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
