/* wc [-l] [-w] [-c] [file...]: lines, words and bytes, as POSIX prints
 * them (with no option: all three; a total line for several files). */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

struct counts {
	long lines, words, bytes;
};

static void count(FILE *f, struct counts *c)
{
	int ch, in_word = 0;

	while ((ch = getc(f)) != EOF) {
		c->bytes++;
		if (ch == '\n')
			c->lines++;
		if (isspace(ch)) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			c->words++;
		}
	}
}

static void show(const struct counts *c, int l, int w, int b, const char *name)
{
	const char *sep = "";

	if (l) {
		printf("%s%ld", sep, c->lines);
		sep = " ";
	}
	if (w) {
		printf("%s%ld", sep, c->words);
		sep = " ";
	}
	if (b)
		printf("%s%ld", sep, c->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	int l = 0, w = 0, b = 0, i = 1, rc = 0, files = 0;
	struct counts total = { 0, 0, 0 };

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				l = 1;
			else if (*p == 'w')
				w = 1;
			else if (*p == 'c')
				b = 1;
			else {
				fprintf(stderr, "wc: invalid option -- '%c'\n", *p);
				return 1;
			}
		}
	if (!l && !w && !b)
		l = w = b = 1;
	if (i >= argc) {
		struct counts c = { 0, 0, 0 };

		count(stdin, &c);
		show(&c, l, w, b, NULL);
		return 0;
	}
	for (; i < argc; i++, files++) {
		struct counts c = { 0, 0, 0 };
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		count(f, &c);
		fclose(f);
		show(&c, l, w, b, argv[i]);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (files > 1)
		show(&total, l, w, b, "total");
	return rc;
}
