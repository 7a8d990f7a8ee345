/* getaddrinfo (POSIX, RFC 3493 6.1), IPv4 only. The host part resolves
 * as: NULL -> wildcard or loopback (AI_PASSIVE); a numeric address
 * (inet_aton forms, as glibc accepts); the hosts file; DNS. The service
 * is a number or one of a few well-known names. Each address yields one
 * result per socket type asked for (when ai_socktype is 0: STREAM, DGRAM
 * and RAW, as glibc returns them; a named service omits RAW). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <arpa/inet.h>
#include "netdb_impl.h"

static const struct { const char *name; int port; } services[] = {
	{ "echo", 7 }, { "discard", 9 }, { "daytime", 13 }, { "chargen", 19 },
	{ "ftp", 21 }, { "ssh", 22 }, { "telnet", 23 }, { "smtp", 25 },
	{ "domain", 53 }, { "http", 80 }, { "ntp", 123 }, { "https", 443 },
};

static int parse_service(const char *serv, int flags, int *port,
			 int *named)
{
	char *end;
	long v;

	*port = 0;
	*named = 0;
	if (!serv)
		return 0;
	v = strtol(serv, &end, 10);
	if (*serv && !*end) {
		if (v < 0 || v > 65535)
			return EAI_SERVICE;
		*port = (int)v;
		return 0;
	}
	if (flags & AI_NUMERICSERV)
		return EAI_NONAME;
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (!strcasecmp(serv, services[i].name)) {
			*port = services[i].port;
			*named = 1;
			return 0;
		}
	return EAI_SERVICE;
}

static int resolve_host(const char *node, int flags, struct res_answer *ans)
{
	struct in_addr a;

	memset(ans, 0, sizeof(*ans));
	if (!node) {
		ans->addr[0] = htonl(flags & AI_PASSIVE ? INADDR_ANY
							: INADDR_LOOPBACK);
		ans->naddr = 1;
		return 0;
	}
	if (inet_aton(node, &a)) {
		ans->addr[0] = a.s_addr;
		ans->naddr = 1;
		strncpy(ans->canon, node, sizeof(ans->canon) - 1);
		return 0;
	}
	if (flags & AI_NUMERICHOST)
		return EAI_NONAME;
	if (__hosts_lookup(node, ans) == 0)
		return 0;
	if (!strcasecmp(node, "localhost")) {   /* even without /etc/hosts */
		ans->addr[0] = htonl(INADDR_LOOPBACK);
		ans->naddr = 1;
		strcpy(ans->canon, "localhost");
		return 0;
	}
	return __dns_lookup_a(node, ans);
}

static struct addrinfo *new_ai(uint32_t addr, int port, int type, int proto)
{
	struct {
		struct addrinfo ai;
		struct sockaddr_in sin;
	} *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->sin.sin_family = AF_INET;
	b->sin.sin_port = htons((uint16_t)port);
	b->sin.sin_addr.s_addr = addr;
	b->ai.ai_family = AF_INET;
	b->ai.ai_socktype = type;
	b->ai.ai_protocol = proto;
	b->ai.ai_addrlen = sizeof(b->sin);
	b->ai.ai_addr = (struct sockaddr *)&b->sin;
	return &b->ai;
}

int getaddrinfo(const char *restrict node, const char *restrict service,
		const struct addrinfo *restrict hints,
		struct addrinfo **restrict res)
{
	static const int types[3][2] = {
		{ SOCK_STREAM, IPPROTO_TCP }, { SOCK_DGRAM, IPPROTO_UDP },
		{ SOCK_RAW, 0 },
	};
	struct addrinfo *head = NULL, **tail = &head;
	struct res_answer ans;
	int flags = 0, family = AF_UNSPEC, type = 0, proto = 0, port, named, r;

	if (hints) {
		flags = hints->ai_flags;
		family = hints->ai_family;
		type = hints->ai_socktype;
		proto = hints->ai_protocol;
	}
	if (flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST |
		      AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if (family != AF_UNSPEC && family != AF_INET)
		return EAI_FAMILY;
	if (type != 0 && type != SOCK_STREAM && type != SOCK_DGRAM &&
	    type != SOCK_RAW)
		return EAI_SOCKTYPE;
	if (!node && !service)
		return EAI_NONAME;
	if ((r = parse_service(service, flags, &port, &named)))
		return r;
	if (named && type == SOCK_RAW)
		return EAI_SERVICE;     /* named services are TCP/UDP only */
	if ((r = resolve_host(node, flags, &ans)))
		return r;
	for (int i = 0; i < ans.naddr; i++) {
		for (int t = 0; t < 3; t++) {
			if (type ? types[t][0] != type : (named && t == 2))
				continue;
			struct addrinfo *ai = new_ai(ans.addr[i], port,
						     types[t][0],
						     proto ? proto : types[t][1]);
			if (!ai) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
			*tail = ai;
			tail = &ai->ai_next;
		}
	}
	if (head && (flags & AI_CANONNAME)) {
		head->ai_canonname = strdup(ans.canon[0] ? ans.canon
					    : node ? node : "");
		if (!head->ai_canonname) {
			freeaddrinfo(head);
			return EAI_MEMORY;
		}
	}
	*res = head;
	return head ? 0 : EAI_NONAME;
}

void freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;
		free(ai->ai_canonname);
		free(ai);               /* sockaddr lives in the same block */
		ai = next;
	}
}

const char *gai_strerror(int code)
{
	switch (code) {
	case 0: return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_NODATA: return "No address associated with hostname";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Argument buffer overflow";
	}
	return "Unknown error";
}
