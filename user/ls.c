/* ls [-l] [-a] [path...]: list directories (getdents64 via readdir) and
 * files, sorted by name; -l prints mode, links, owner, group, size, mtime
 * as coreutils does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>

static int opt_long, opt_all;

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mode_string(mode_t m, char *s)
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' :
	       S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	s[10] = 0;
}

static void print_entry(const char *dir, const char *name)
{
	char path[4096], mode[11], date[32], owner[16], group[16];
	struct stat st;
	struct tm tm;

	if (!opt_long) {
		printf("%s\n", name);
		return;
	}
	snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	gmtime_r(&st.st_mtime, &tm);
	strftime(date, sizeof(date), "%b %e %H:%M", &tm);
	if (st.st_uid == 0)
		strcpy(owner, "root");
	else
		snprintf(owner, sizeof(owner), "%u", st.st_uid);
	if (st.st_gid == 0)
		strcpy(group, "root");
	else
		snprintf(group, sizeof(group), "%u", st.st_gid);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%s %lu %s %s %lu, %lu %s %s\n", mode, (unsigned long)st.st_nlink,
		       owner, group, (unsigned long)(st.st_rdev >> 8) & 0xfff,
		       (unsigned long)st.st_rdev & 0xff, date, name);
	else
		printf("%s %lu %s %s %ld %s %s\n", mode, (unsigned long)st.st_nlink,
		       owner, group, (long)st.st_size, date, name);
}

static int list_dir(const char *path, int header)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	long blocks = 0;

	if (!d) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path,
			strerror(errno));
		return 2;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !opt_all)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	if (header)
		printf("%s:\n", path);
	if (opt_long) {
		for (size_t i = 0; i < n; i++) {
			char p[4096];
			struct stat st;
			snprintf(p, sizeof(p), "%s/%s", path, names[i]);
			if (lstat(p, &st) == 0)
				blocks += st.st_blocks;
		}
		printf("total %ld\n", blocks / 2);
	}
	for (size_t i = 0; i < n; i++) {
		print_entry(path, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, rc = 0, nargs;

	while ((opt = getopt(argc, argv, "la")) != -1) {
		if (opt == 'l')
			opt_long = 1;
		else if (opt == 'a')
			opt_all = 1;
		else
			return 2;
	}
	nargs = argc - optind;
	if (nargs == 0)
		return list_dir(".", 0);
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", argv[i],
				strerror(errno));
			rc = 2;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (i > optind)
				putchar('\n');
			rc |= list_dir(argv[i], nargs > 1);
		} else {
			print_entry(NULL, argv[i]);
		}
	}
	return rc;
}
