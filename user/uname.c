/* uname [-asnrvm]: print system information (default -s). */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	const char *order = "snrvm";
	char want[8] = "";
	int first = 1;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-') {
			fprintf(stderr, "uname: extra operand '%s'\n", argv[i]);
			return 1;
		}
		if (strchr(argv[i], 'a'))
			strcpy(want, order);
		else
			strncat(want, argv[i] + 1, sizeof(want) - strlen(want) - 1);
	}
	if (!*want)
		strcpy(want, "s");
	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	for (const char *o = order; *o; o++) {
		const char *f;
		if (!strchr(want, *o))
			continue;
		switch (*o) {
		case 's': f = u.sysname; break;
		case 'n': f = u.nodename; break;
		case 'r': f = u.release; break;
		case 'v': f = u.version; break;
		default: f = u.machine; break;
		}
		printf("%s%s", first ? "" : " ", f);
		first = 0;
	}
	putchar('\n');
	return 0;
}
