/* getnameinfo (IPv4): host from the hosts file unless NI_NUMERICHOST
 * (no reverse DNS); service always numeric. Also gethostbyname, the old
 * interface, on top of getaddrinfo with static storage. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "netdb_impl.h"

int h_errno;

int getnameinfo(const struct sockaddr *restrict sa, socklen_t salen,
		char *restrict host, socklen_t hostlen,
		char *restrict serv, socklen_t servlen, int flags)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

	if (!sa || salen < sizeof(*sin) || sa->sa_family != AF_INET)
		return EAI_FAMILY;
	if (host && hostlen) {
		if ((flags & NI_NUMERICHOST) ||
		    __hosts_reverse(sin->sin_addr.s_addr, host, hostlen) < 0) {
			if (flags & NI_NAMEREQD)
				return EAI_NONAME;
			if (!inet_ntop(AF_INET, &sin->sin_addr, host, hostlen))
				return EAI_OVERFLOW;
		}
	}
	if (serv && servlen) {
		int n = snprintf(serv, servlen, "%u", ntohs(sin->sin_port));
		if (n < 0 || (socklen_t)n >= servlen)
			return EAI_OVERFLOW;
	}
	return 0;
}

struct hostent *gethostbyname(const char *name)
{
	static struct hostent he;
	static char canon[256];
	static uint32_t addrs[RES_MAXADDR];
	static char *list[RES_MAXADDR + 1], *aliases[1];
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM,
				  .ai_flags = AI_CANONNAME };
	struct addrinfo *res, *ai;
	int n = 0, r = getaddrinfo(name, NULL, &hints, &res);

	if (r) {
		h_errno = r == EAI_AGAIN ? TRY_AGAIN : HOST_NOT_FOUND;
		return NULL;
	}
	snprintf(canon, sizeof(canon), "%s",
		 res->ai_canonname ? res->ai_canonname : name);
	for (ai = res; ai && n < RES_MAXADDR; ai = ai->ai_next) {
		addrs[n] = ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr;
		list[n] = (char *)&addrs[n];
		n++;
	}
	list[n] = NULL;
	freeaddrinfo(res);
	he.h_name = canon;
	he.h_aliases = aliases;
	he.h_addrtype = AF_INET;
	he.h_length = 4;
	he.h_addr_list = list;
	return &he;
}
