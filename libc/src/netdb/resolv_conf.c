/* resolv.conf(5): "nameserver ADDR" lines (at most 3) and "options
 * timeout:N attempts:N". ADDR may carry a port as ADDR#PORT (a dnsmasq
 * spelling; used by tests to reach an unprivileged server). With no
 * nameserver there, /proc/net/pnp (the kernel's DHCP result, Linux's
 * format) is read, and failing that 127.0.0.1 is used, as glibc does.
 * $RESOLV_CONF overrides the path (and disables the /proc fallback). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "netdb_impl.h"

static void add_ns(struct res_conf *rc, char *s)
{
	char *hash = strchr(s, '#');
	struct sockaddr_in *sa;
	long port = 53;

	if (rc->nns >= RES_MAXNS)
		return;
	if (hash) {
		*hash = 0;
		port = strtol(hash + 1, NULL, 10);
		if (port <= 0 || port > 65535)
			return;
	}
	sa = &rc->ns[rc->nns];
	memset(sa, 0, sizeof(*sa));
	if (inet_pton(AF_INET, s, &sa->sin_addr) != 1)
		return;
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	rc->nns++;
}

static void set_option(struct res_conf *rc, const char *opt)
{
	if (!strncmp(opt, "timeout:", 8)) {
		int v = atoi(opt + 8);
		rc->timeout_s = v < 1 ? 1 : v > 30 ? 30 : v;
	} else if (!strncmp(opt, "attempts:", 9)) {
		int v = atoi(opt + 9);
		rc->attempts = v < 1 ? 1 : v > 5 ? 5 : v;
	}
}

static void parse_file(struct res_conf *rc, const char *path)
{
	char line[256], *save, *key, *val;
	FILE *f = fopen(path, "re");

	while (f && fgets(line, sizeof(line), f)) {
		/* resolv.conf(5): comments are whole lines starting with
		 * '#' or ';' (so "ADDR#PORT" survives). */
		if (line[0] == '#' || line[0] == ';')
			continue;
		line[strcspn(line, "\n")] = 0;
		key = strtok_r(line, " \t", &save);
		if (!key)
			continue;
		if (!strcmp(key, "nameserver") &&
		    (val = strtok_r(NULL, " \t", &save)))
			add_ns(rc, val);
		else if (!strcmp(key, "options"))
			while ((val = strtok_r(NULL, " \t", &save)))
				set_option(rc, val);
	}
	if (f)
		fclose(f);
}

void __res_conf_load(struct res_conf *rc)
{
	const char *path = getenv("RESOLV_CONF");

	memset(rc, 0, sizeof(*rc));
	rc->timeout_s = 5;
	rc->attempts = 2;
	parse_file(rc, path && *path ? path : "/etc/resolv.conf");
	/* Linux's kernel IP autoconfiguration publishes the DHCP-learned
	 * servers in /proc/net/pnp, in resolv.conf syntax: use it when
	 * resolv.conf names no server (our kernel provides it too). */
	if (!rc->nns && !(path && *path))
		parse_file(rc, "/proc/net/pnp");
	if (!rc->nns) {
		char lo[] = "127.0.0.1";
		add_ns(rc, lo);
	}
}
