/* rm [-f] [-r] path...: -r removes directories recursively, -f ignores
 * missing files. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

static int force, recursive;

static int rm(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
			return 1;
		}
		DIR *d = opendir(path);
		struct dirent *e;
		int rc = 0;
		char sub[4096];
		while (d && (e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rc |= rm(sub);
		}
		if (d)
			closedir(d);
		if (rmdir(path) < 0) {
			fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
			return 1;
		}
		return rc;
	}
	if (unlink(path) < 0) {
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, rc = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (char *f = argv[i] + 1; *f; f++) {
			if (*f == 'f') force = 1;
			else if (*f == 'r' || *f == 'R') recursive = 1;
			else {
				fprintf(stderr, "rm: invalid option -- '%c'\n", *f);
				return 1;
			}
		}
	}
	if (i >= argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}
	for (; i < argc; i++)
		rc |= rm(argv[i]);
	return rc;
}
