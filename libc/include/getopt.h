/* GNU long options (getopt_long(3)); getopt itself is in unistd.h. */
#ifndef _GETOPT_H
#define _GETOPT_H
#include <unistd.h>

struct option {
	const char *name;
	int has_arg;            /* no_argument, required_argument, optional_argument */
	int *flag;              /* non-NULL: *flag = val, getopt_long returns 0 */
	int val;
};
#define no_argument       0
#define required_argument 1
#define optional_argument 2

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex);

#endif
