/* grep [-i] [-v] [-c] [-n] [-q] [-F] [-e] pattern [file...]: print the
 * lines that match a basic regular expression: literal characters, '.',
 * '*' after an atom, '[set]' / '[^set]' with ranges, '^' and '$' anchors,
 * '\' to quote. -F takes the pattern literally. Exit status: 0 if a line
 * matched, 1 if none, 2 on error, as POSIX says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

static int opt_i, opt_v, opt_c, opt_n, opt_q, opt_F;

static int fold(int c)
{
	return opt_i ? tolower(c) : c;
}

/* One atom at pat; *len gets its length in the pattern. Returns 1 if the
 * atom matches character c. */
static int atom_match(const char *pat, int c, int *len)
{
	if (*pat == '\\' && pat[1]) {
		*len = 2;
		return fold(pat[1]) == fold(c);
	}
	if (*pat == '.') {
		*len = 1;
		return 1;
	}
	if (*pat == '[') {
		const char *p = pat + 1;
		int neg = 0, hit = 0;

		if (*p == '^') {
			neg = 1;
			p++;
		}
		do {            /* a ']' first in the set is literal */
			if (p[0] && p[1] == '-' && p[2] && p[2] != ']') {
				if (fold(c) >= fold(p[0]) && fold(c) <= fold(p[2]))
					hit = 1;
				p += 3;
			} else if (*p) {
				if (fold(*p) == fold(c))
					hit = 1;
				p++;
			}
		} while (*p && *p != ']');
		*len = (int)(p - pat) + (*p == ']');
		return hit != neg;
	}
	*len = 1;
	return fold(*pat) == fold(c);
}

static int match_here(const char *pat, const char *s);

/* atom* : as many as possible, then back off (greedy, like grep). */
static int match_star(const char *atom, int alen, const char *rest, const char *s)
{
	const char *t = s;
	int l;

	while (*t && atom_match(atom, (unsigned char)*t, &l))
		t++;
	(void)alen;
	for (;; t--) {
		if (match_here(rest, t))
			return 1;
		if (t == s)
			return 0;
	}
}

static int match_here(const char *pat, const char *s)
{
	int len;

	if (!*pat)
		return 1;
	if (pat[0] == '$' && !pat[1])
		return !*s;
	atom_match(pat, 0, &len);
	if (pat[len] == '*')
		return match_star(pat, len, pat + len + 1, s);
	if (*s && atom_match(pat, (unsigned char)*s, &len))
		return match_here(pat + len, s + 1);
	return 0;
}

static int regex_match(const char *pat, const char *s)
{
	if (*pat == '^')
		return match_here(pat + 1, s);
	do {
		if (match_here(pat, s))
			return 1;
	} while (*s++);
	return 0;
}

static int fixed_match(const char *pat, const char *s)
{
	size_t n = strlen(pat);

	for (; *s; s++) {
		size_t k = 0;

		while (k < n && s[k] && fold((unsigned char)s[k]) == fold((unsigned char)pat[k]))
			k++;
		if (k == n)
			return 1;
	}
	return n == 0;
}

static long grep(FILE *f, const char *pat, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, hits = 0;

	while ((len = getline(&line, &cap, f)) >= 0) {
		int m;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = 0;
		m = opt_F ? fixed_match(pat, line) : regex_match(pat, line);
		if (m == opt_v)
			continue;
		hits++;
		if (opt_q)
			break;
		if (opt_c)
			continue;
		if (name)
			printf("%s:", name);
		if (opt_n)
			printf("%ld:", lineno);
		puts(line);
	}
	free(line);
	if (opt_c && !opt_q) {
		if (name)
			printf("%s:", name);
		printf("%ld\n", hits);
	}
	return hits;
}

int main(int argc, char **argv)
{
	const char *pat = NULL;
	int i = 1, rc = 1, err = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case 'i': opt_i = 1; break;
			case 'v': opt_v = 1; break;
			case 'c': opt_c = 1; break;
			case 'n': opt_n = 1; break;
			case 'q': opt_q = 1; break;
			case 'F': opt_F = 1; break;
			case 'e':
				if (i + 1 >= argc)
					goto usage;
				pat = argv[++i];
				goto next;
			default:
				fprintf(stderr, "grep: invalid option -- '%c'\n", *p);
				goto usage;
			}
		}
next:;
	}
	if (!pat) {
		if (i >= argc)
			goto usage;
		pat = argv[i++];
	}
	if (i >= argc)
		return grep(stdin, pat, NULL) ? 0 : 1;
	for (int first = i; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			err = 1;
			continue;
		}
		if (grep(f, pat, argc - first > 1 ? argv[i] : NULL))
			rc = 0;
		fclose(f);
		if (!rc && opt_q)
			break;
	}
	return err && rc ? 2 : rc;
usage:
	fprintf(stderr, "usage: grep [-icnqvF] [-e] pattern [file...]\n");
	return 2;
}
