/* head [-n N] [file...]: the first N lines (default 10) of each file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

static int head(FILE *f, long n)
{
	int c;

	while (n > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n')
			n--;
	}
	return ferror(f) ? 1 : 0;
}

int main(int argc, char **argv)
{
	long n = 10;
	int i = 1, rc = 0;

	if (i < argc && !strcmp(argv[i], "-n") && i + 1 < argc) {
		n = strtol(argv[i + 1], NULL, 10);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
		n = strtol(argv[i] + 1, NULL, 10);
		i++;
	}
	if (n < 0) {
		fprintf(stderr, "head: invalid number of lines\n");
		return 1;
	}
	if (i >= argc)
		return head(stdin, n);
	for (int first = i; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;

		if (!f) {
			fprintf(stderr, "head: cannot open '%s' for reading: %s\n", argv[i],
				strerror(errno));
			rc = 1;
			continue;
		}
		if (argc - first > 1)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		rc |= head(f, n);
		if (f != stdin)
			fclose(f);
	}
	return rc;
}
