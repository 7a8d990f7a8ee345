/* nc [-u] [-l] [-p PORT] [-w SECS] [HOST] [PORT]: connect stdin/stdout to
 * a TCP or UDP peer.
 *   nc HOST PORT        TCP client;  nc -u HOST PORT   UDP client
 *   nc -l [-p] PORT     TCP server for one connection
 *   nc -u -l [-p] PORT  UDP server: answers the first sender
 * At end of stdin a TCP connection is half-closed (shutdown SHUT_WR); nc
 * ends when both stdin and the peer have ended; UDP waits -w seconds (default
 * 1 after stdin ends) for more replies. -w also bounds idle time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static int udp, listen_mode, wait_s = -1;

static int resolve(const char *host, const char *port, struct sockaddr_in *out)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM };
	struct addrinfo *res;
	int r = getaddrinfo(host, port, &hints, &res);

	if (r) {
		fprintf(stderr, "nc: %s:%s: %s\n", host ? host : "*", port,
			gai_strerror(r));
		return -1;
	}
	*out = *(struct sockaddr_in *)res->ai_addr;
	freeaddrinfo(res);
	return 0;
}

static int open_socket(const char *host, const char *port)
{
	struct sockaddr_in a;
	int fd, one = 1;

	if (resolve(listen_mode ? NULL : host, port, &a) < 0)
		return -1;
	if (listen_mode && !host)
		a.sin_addr.s_addr = htonl(INADDR_ANY);
	fd = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (fd < 0) {
		perror("nc: socket");
		return -1;
	}
	if (!listen_mode) {
		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
			fprintf(stderr, "nc: connect to %s port %s failed: %s\n",
				host, port, strerror(errno));
			return -1;
		}
		return fd;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		fprintf(stderr, "nc: bind port %s: %s\n", port, strerror(errno));
		return -1;
	}
	if (udp) {
		/* wait for the first datagram, then talk to its sender */
		char buf[65536];
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), MSG_PEEK,
				     (struct sockaddr *)&from, &fl);
		if (n < 0 || connect(fd, (struct sockaddr *)&from, fl) < 0) {
			perror("nc: recvfrom");
			return -1;
		}
		return fd;
	}
	if (listen(fd, 1) < 0) {
		perror("nc: listen");
		return -1;
	}
	int c = accept(fd, NULL, NULL);
	close(fd);
	if (c < 0)
		perror("nc: accept");
	return c;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

static int relay(int s)
{
	struct pollfd pf[2] = { { .fd = 0, .events = POLLIN },
				{ .fd = s, .events = POLLIN } };
	static char buf[65536];
	int stdin_open = 1, net_open = 1;

	/* Like OpenBSD nc: run until both inputs are done, so a peer that
	 * half-closes first (a server whose stdin is empty) still gets all
	 * of ours. */
	while (stdin_open || net_open) {
		int timeout = wait_s >= 0 ? wait_s * 1000 : -1;
		if (!stdin_open && udp && wait_s < 0)
			timeout = 1000;
		pf[0].fd = stdin_open ? 0 : -1;
		pf[1].fd = net_open ? s : -1;
		int r = poll(pf, 2, timeout);
		if (r == 0)
			return 0;               /* idle timeout */
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (pf[0].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(0, buf, sizeof(buf));
			if (n <= 0) {
				stdin_open = 0;
				if (!udp)
					shutdown(s, SHUT_WR);
			} else if ((udp ? send(s, buf, n, 0) != n
				       : write_all(s, buf, n) < 0)) {
				fprintf(stderr, "nc: write: %s\n", strerror(errno));
				return 1;
			}
		}
		if (pf[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = recv(s, buf, sizeof(buf), 0);
			if (n < 0) {
				if (udp && errno == ECONNREFUSED) {
					fprintf(stderr, "nc: %s\n", strerror(errno));
					return 1;
				}
				return errno == ECONNRESET ? 0 : 1;
			}
			if (n == 0 && !udp) {
				net_open = 0;   /* peer half-closed */
				continue;
			}
			if (write_all(1, buf, n) < 0)
				return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *port = NULL, *host = NULL;
	int opt, s;

	while ((opt = getopt(argc, argv, "ulp:w:")) != -1) {
		switch (opt) {
		case 'u': udp = 1; break;
		case 'l': listen_mode = 1; break;
		case 'p': port = optarg; break;
		case 'w': wait_s = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: nc [-u] [-l] [-p port] [-w secs] [host] [port]\n");
			return 2;
		}
	}
	if (listen_mode) {
		if (!port && optind < argc)
			port = argv[argc - 1];
		if (optind < argc - 1)
			host = argv[optind];
	} else if (optind + 2 == argc) {
		host = argv[optind];
		port = argv[optind + 1];
	}
	if (!port || (!listen_mode && !host)) {
		fprintf(stderr, "usage: nc [-u] [-l] [-p port] [-w secs] [host] [port]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	s = open_socket(host, port);
	if (s < 0)
		return 1;
	return relay(s);
}
