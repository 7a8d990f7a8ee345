/* libc-private: the resolver's parts. getaddrinfo tries, in order, a
 * numeric address, the hosts file, then DNS. */
#ifndef LIBC_NETDB_IMPL_H
#define LIBC_NETDB_IMPL_H

#include <netdb.h>
#include <stdint.h>

#define RES_MAXNS    3
#define RES_MAXADDR  16

struct res_conf {
	struct sockaddr_in ns[RES_MAXNS];
	int nns;
	int timeout_s;        /* per try, "options timeout:N" (default 5) */
	int attempts;         /* rounds over all servers, "attempts:N" (2) */
};

/* Result of a lookup: up to RES_MAXADDR IPv4 addresses (network order)
 * and the canonical name. */
struct res_answer {
	uint32_t addr[RES_MAXADDR];
	int naddr;
	char canon[256];
};

const char *__hosts_path(void);
int __hosts_lookup(const char *name, struct res_answer *ans);
int __hosts_reverse(uint32_t addr, char *name, size_t len);
void __res_conf_load(struct res_conf *rc);
/* Returns 0, or an EAI_* code. */
int __dns_lookup_a(const char *name, struct res_answer *ans);
/* Build an A query for name into buf; returns its length or -1. */
int __dns_build_query(uint16_t id, const char *name, unsigned char *buf,
		      size_t cap);
/* Parse a response to query id for name: 0 with addresses, or EAI_*. */
int __dns_parse_response(uint16_t id, const char *name,
			 const unsigned char *msg, size_t len,
			 struct res_answer *ans);

#endif
