/* echo [-n] [-e] args: print the arguments separated by spaces. -e turns
 * on the backslash escapes \n \t \\ \0NNN. */
#include <stdio.h>
#include <string.h>

static void put_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			putchar(*s);
			continue;
		}
		switch (*++s) {
		case 'n': putchar('\n'); break;
		case 't': putchar('\t'); break;
		case '\\': putchar('\\'); break;
		case 'a': putchar('\a'); break;
		case 'r': putchar('\r'); break;
		case '0': {
			int v = 0;
			for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
				v = v * 8 + (*++s - '0');
			putchar(v);
			break;
		}
		default: putchar('\\'); putchar(*s);
		}
	}
}

int main(int argc, char **argv)
{
	int i = 1, newline = 1, esc = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strspn(argv[i] + 1, "ne") != strlen(argv[i] + 1))
			break;
		if (strchr(argv[i], 'n'))
			newline = 0;
		if (strchr(argv[i], 'e'))
			esc = 1;
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (esc)
			put_escaped(argv[i]);
		else
			fputs(argv[i], stdout);
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
