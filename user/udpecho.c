/* udpecho [-p PORT] [-b ADDR]: UDP echo server (RFC 862): every datagram
 * goes back to its sender unchanged. Port 7 by default; reports readiness
 * to init once bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <svc.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(7) };
	static char buf[65536];
	int opt, fd;

	while ((opt = getopt(argc, argv, "p:b:")) != -1) {
		if (opt == 'p')
			a.sin_port = htons((unsigned short)atoi(optarg));
		else if (opt == 'b' && inet_pton(AF_INET, optarg, &a.sin_addr) != 1) {
			fprintf(stderr, "udpecho: bad address %s\n", optarg);
			return 2;
		} else if (opt != 'b') {
			fprintf(stderr, "usage: udpecho [-p port] [-b addr]\n");
			return 2;
		}
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		fprintf(stderr, "udpecho: port %d: %s\n", ntohs(a.sin_port),
			strerror(errno));
		return 1;
	}
	svc_notify_ready();
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &fl);
		if (n < 0) {
			if (errno == EINTR || errno == ECONNREFUSED)
				continue;
			fprintf(stderr, "udpecho: recvfrom: %s\n", strerror(errno));
			return 1;
		}
		sendto(fd, buf, n, 0, (struct sockaddr *)&from, fl);
	}
}
