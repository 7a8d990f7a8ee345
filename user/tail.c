/* tail [-n N] [file]: the last N lines (default 10). Keeps only the last
 * N lines in memory, so input of any length works. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

int main(int argc, char **argv)
{
	long n = 10, count = 0;
	int i = 1;
	char **ring;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f = stdin;

	if (i < argc && !strcmp(argv[i], "-n") && i + 1 < argc) {
		n = strtol(argv[i + 1], NULL, 10);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
		n = strtol(argv[i] + 1, NULL, 10);
		i++;
	}
	if (n < 0 || n > 1000000) {
		fprintf(stderr, "tail: invalid number of lines\n");
		return 1;
	}
	if (i < argc && strcmp(argv[i], "-")) {
		f = fopen(argv[i], "r");
		if (!f) {
			fprintf(stderr, "tail: cannot open '%s' for reading: %s\n", argv[i],
				strerror(errno));
			return 1;
		}
	}
	if (n == 0)
		return 0;
	ring = calloc((size_t)n, sizeof(*ring));
	if (!ring) {
		fprintf(stderr, "tail: out of memory\n");
		return 1;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		free(ring[count % n]);
		ring[count % n] = strdup(line);
		if (!ring[count % n]) {
			fprintf(stderr, "tail: out of memory\n");
			return 1;
		}
		count++;
	}
	for (long k = count > n ? count - n : 0; k < count; k++)
		fputs(ring[k % n], stdout);
	return 0;
}
