/* getopt(3), POSIX: options end at the first non-option or "--"; "x:"
 * takes an argument (attached or next word); a leading ':' in optstring
 * selects ':' for a missing argument and silences messages. */
#include <unistd.h>
#include <string.h>
#include <stdio.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int optpos = 1;          /* index inside a clustered "-abc" */

int getopt(int argc, char *const argv[], const char *opts)
{
	const char *arg, *spec;
	int quiet = opts[0] == ':';

	if (optind == 0) {          /* glibc-compatible reset */
		optind = 1;
		optpos = 1;
	}
	optarg = NULL;
	if (optind >= argc || !argv[optind])
		return -1;
	arg = argv[optind];
	if (arg[0] != '-' || arg[1] == 0)
		return -1;
	if (!strcmp(arg, "--")) {
		optind++;
		return -1;
	}
	optopt = (unsigned char)arg[optpos];
	spec = optopt != ':' ? strchr(opts + quiet, optopt) : NULL;
	if (!arg[++optpos]) {
		optind++;
		optpos = 1;
	}
	if (!spec) {
		if (opterr && !quiet)
			fprintf(stderr, "%s: invalid option -- '%c'\n",
				argv[0], optopt);
		return '?';
	}
	if (spec[1] == ':') {
		if (optpos > 1) {           /* rest of this word */
			optarg = (char *)arg + optpos;
			optind++;
			optpos = 1;
		} else if (optind < argc) {
			optarg = argv[optind++];
		} else {
			if (opterr && !quiet)
				fprintf(stderr,
					"%s: option requires an argument -- '%c'\n",
					argv[0], optopt);
			return quiet ? ':' : '?';
		}
	}
	return optopt;
}
