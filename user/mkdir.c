/* mkdir [-p] dir...: -p creates missing parents and accepts existing. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

static int mkdir_p(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

int main(int argc, char **argv)
{
	int i = 1, parents = 0, rc = 0;

	if (i < argc && !strcmp(argv[i], "-p")) {
		parents = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: mkdir [-p] DIR...\n");
		return 1;
	}
	for (; i < argc; i++) {
		if ((parents ? mkdir_p(argv[i]) : mkdir(argv[i], 0755)) < 0) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n",
				argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
