/* The hosts file (hosts(5)): "address canonical-name [aliases...]", '#'
 * starts a comment. Only IPv4 lines are used. $HOSTS_FILE overrides the
 * path (for tests). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include "netdb_impl.h"

const char *__hosts_path(void)
{
	const char *p = getenv("HOSTS_FILE");

	return p && *p ? p : "/etc/hosts";
}

/* Split a line into words (in place); returns the count. */
static int split(char *line, char **w, int max)
{
	int n = 0;
	char *save, *t;

	line[strcspn(line, "#\n")] = 0;
	for (t = strtok_r(line, " \t", &save); t && n < max;
	     t = strtok_r(NULL, " \t", &save))
		w[n++] = t;
	return n;
}

int __hosts_lookup(const char *name, struct res_answer *ans)
{
	FILE *f = fopen(__hosts_path(), "re");
	char line[512], *w[16];
	struct in_addr a;

	ans->naddr = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && ans->naddr < RES_MAXADDR) {
		int n = split(line, w, 16);
		if (n < 2 || inet_pton(AF_INET, w[0], &a) != 1)
			continue;
		for (int i = 1; i < n; i++) {
			if (strcasecmp(w[i], name))
				continue;
			if (!ans->naddr)
				snprintf(ans->canon, sizeof(ans->canon), "%s", w[1]);
			ans->addr[ans->naddr++] = a.s_addr;
			break;
		}
	}
	fclose(f);
	return ans->naddr ? 0 : -1;
}

int __hosts_reverse(uint32_t addr, char *name, size_t len)
{
	FILE *f = fopen(__hosts_path(), "re");
	char line[512], *w[16];
	struct in_addr a;
	int found = -1;

	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f)) {
		int n = split(line, w, 16);
		if (n >= 2 && inet_pton(AF_INET, w[0], &a) == 1 &&
		    a.s_addr == addr && strlen(w[1]) < len) {
			strcpy(name, w[1]);
			found = 0;
		}
	}
	fclose(f);
	return found;
}
