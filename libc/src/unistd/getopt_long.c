/* getopt_long(3): "--name", "--name=value" and "--name value" (for a
 * required argument) beside getopt's short options; an unambiguous
 * prefix of a name is accepted, as in glibc. No argument permutation:
 * options end at the first non-option, as our getopt. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex)
{
	const char *arg, *eq, *name;
	const struct option *hit = NULL;
	size_t len;
	int quiet = optstring[0] == ':', matches = 0;

	if (optind == 0)
		return getopt(argc, argv, optstring);   /* resets */
	if (optind >= argc || !argv[optind] || strncmp(argv[optind], "--", 2) ||
	    !argv[optind][2])
		return getopt(argc, argv, optstring);   /* short, or "--" */
	arg = argv[optind++] + 2;
	eq = strchr(arg, '=');
	len = eq ? (size_t)(eq - arg) : strlen(arg);
	optarg = NULL;
	for (const struct option *o = longopts; o && o->name; o++) {
		if (strncmp(o->name, arg, len))
			continue;
		if (strlen(o->name) == len) {           /* exact wins */
			hit = o;
			matches = 1;
			break;
		}
		if (!hit || hit->has_arg != o->has_arg || hit->flag != o->flag ||
		    hit->val != o->val)
			matches++;
		hit = hit ? hit : o;
	}
	name = hit ? hit->name : arg;
	if (!hit || matches > 1) {
		if (opterr && !quiet)
			fprintf(stderr, "%s: %s option '--%.*s'\n", argv[0],
				hit ? "ambiguous" : "unrecognized", (int)len, arg);
		optopt = 0;
		return '?';
	}
	if (eq) {
		if (hit->has_arg == no_argument) {
			if (opterr && !quiet)
				fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n",
					argv[0], name);
			optopt = hit->flag ? 0 : hit->val;
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (hit->has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && !quiet)
				fprintf(stderr, "%s: option '--%s' requires an argument\n",
					argv[0], name);
			optopt = hit->flag ? 0 : hit->val;
			return quiet ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (longindex)
		*longindex = (int)(hit - longopts);
	if (hit->flag) {
		*hit->flag = hit->val;
		return 0;
	}
	return hit->val;
}
