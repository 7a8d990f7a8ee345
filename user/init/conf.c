/* init.conf: one directive per line, '#' comments.
 *   service NAME /path/prog [args...]   start and supervise a service
 *   shell /path/prog [args...]          the console shell (default
 *                                       "/bin/sh -i")                  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "init.h"

static int split(char *line, char **w, int max)
{
	int n = 0;
	char *save, *t;

	line[strcspn(line, "#\n")] = 0;
	for (t = strtok_r(line, " \t", &save); t && n < max;
	     t = strtok_r(NULL, " \t", &save))
		w[n++] = strdup(t);
	w[n] = NULL;
	return n;
}

int conf_load(const char *path, struct init_conf *c)
{
	FILE *f = fopen(path, "r");
	char line[512], *w[MAX_ARGS + 3];
	int lineno = 0;

	memset(c, 0, sizeof(*c));
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		int n = split(line, w, MAX_ARGS + 2);
		lineno++;
		if (n == 0)
			continue;
		if (!strcmp(w[0], "service") && n >= 3 && c->nsvc < MAX_SERVICES) {
			struct service *s = &c->svc[c->nsvc++];
			snprintf(s->name, sizeof(s->name), "%s", w[1]);
			for (int i = 2; i < n; i++)
				s->argv[i - 2] = w[i];
			s->notify_fd = -1;
		} else if (!strcmp(w[0], "shell") && n >= 2) {
			for (int i = 1; i < n; i++)
				c->shell_argv[i - 1] = w[i];
		} else {
			init_log("init: %s:%d: bad line ignored\n", path, lineno);
		}
	}
	fclose(f);
	return 0;
}
