/* Sending DNS queries over UDP (RFC 1035 4.2.1) with retries: for each
 * attempt, each nameserver in turn gets the query and timeout_s seconds
 * to answer. Responses from other addresses or with another ID are
 * ignored (they may be late answers or spoofing); a well-formed NXDOMAIN
 * is final. */
#include <sys/socket.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include "netdb_impl.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint16_t query_id(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint16_t)(ts.tv_nsec ^ (ts.tv_nsec >> 16) ^ getpid());
}

/* Wait up to timeout_ms for the answer from ns. Returns 0/EAI_* when an
 * answer settled it, or 1 to move on to the next server. */
static int await_answer(int fd, const struct sockaddr_in *ns, uint16_t id,
			const char *name, long timeout_ms,
			struct res_answer *ans)
{
	unsigned char buf[1500];
	long deadline = now_ms() + timeout_ms;

	for (;;) {
		long left = deadline - now_ms();
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n;
		int r;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return 1;
		n = recvfrom(fd, buf, sizeof(buf), 0,
			     (struct sockaddr *)&from, &fl);
		if (n < 0)
			return 1;           /* e.g. ECONNREFUSED: no server */
		if (from.sin_addr.s_addr != ns->sin_addr.s_addr ||
		    from.sin_port != ns->sin_port || n < 2 ||
		    (buf[0] << 8 | buf[1]) != id)
			continue;
		r = __dns_parse_response(id, name, buf, (size_t)n, ans);
		if (r == EAI_FAIL)
			continue;           /* garbage: keep waiting */
		return r == EAI_AGAIN ? 1 : r;
	}
}

int __dns_lookup_a(const char *name, struct res_answer *ans)
{
	struct res_conf rc;
	unsigned char q[300];
	uint16_t id = query_id();
	int qlen = __dns_build_query(id, name, q, sizeof(q));
	int fd, r = 1;

	if (qlen < 0)
		return EAI_NONAME;
	__res_conf_load(&rc);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return EAI_SYSTEM;
	for (int a = 0; a < rc.attempts && r == 1; a++) {
		for (int i = 0; i < rc.nns && r == 1; i++) {
			if (sendto(fd, q, qlen, 0, (struct sockaddr *)&rc.ns[i],
				   sizeof(rc.ns[i])) < 0)
				continue;
			r = await_answer(fd, &rc.ns[i], id, name,
					 rc.timeout_s * 1000L, ans);
		}
	}
	close(fd);
	return r == 1 ? EAI_AGAIN : r;
}
