/* tcpsvc SERVICE [-p PORT]: the simple TCP services, one epoll loop
 * serving many clients:
 *   echo    RFC 862, port 7: send back what arrives
 *   discard RFC 863, port 9: read and drop
 *   chargen RFC 864, port 19: send the rotating 72-character pattern as
 *           fast as the client takes it
 * Reports readiness to init once listening. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <svc.h>
#include "server.h"
#include <sys/socket.h>
#include <sys/epoll.h>
#include <netinet/in.h>

enum mode { ECHO, DISCARD, CHARGEN };

struct conn {
	int fd;
	char buf[4096];
	size_t len, off;        /* pending output */
	unsigned pos;           /* chargen: line start */
};

static enum mode mode;

/* RFC 864: lines of 72 printable characters (32..126), each starting one
 * character later in the 95-character cycle. */
static void chargen_fill(struct conn *c)
{
	size_t n = 0;

	while (n + 74 <= sizeof(c->buf)) {
		for (int i = 0; i < 72; i++)
			c->buf[n++] = (char)(32 + (c->pos + i) % 95);
		c->buf[n++] = '\r';
		c->buf[n++] = '\n';
		c->pos = (c->pos + 1) % 95;
	}
	c->len = n;
	c->off = 0;
}

static void conn_close(int ep, struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
}

/* Returns -1 when the connection is finished. */
static int conn_event(int ep, struct conn *c, unsigned ev)
{
	if (ev & (EPOLLERR | EPOLLHUP) && !(ev & EPOLLIN))
		return -1;
	if (c->off < c->len || mode == CHARGEN) {
		if (mode == CHARGEN && c->off == c->len)
			chargen_fill(c);
		ssize_t w = write(c->fd, c->buf + c->off, c->len - c->off);
		if (w < 0 && errno != EAGAIN)
			return -1;
		if (w > 0)
			c->off += w;
	}
	if ((ev & EPOLLIN) && c->off == c->len) {
		ssize_t n = read(c->fd, c->buf, sizeof(c->buf));
		if (n == 0 || (n < 0 && errno != EAGAIN))
			return -1;
		if (n > 0 && mode == ECHO) {
			c->len = n;
			c->off = 0;
			ssize_t w = write(c->fd, c->buf, n);
			if (w > 0)
				c->off = w;
		}
	}
	struct epoll_event e = { .events = EPOLLIN, .data.ptr = c };
	if (c->off < c->len || mode == CHARGEN)
		e.events = mode == ECHO ? EPOLLOUT : EPOLLOUT | EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
	return 0;
}

int main(int argc, char **argv)
{
	static const int ports[] = { 7, 9, 19 };
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct epoll_event ev, evs[64];
	int lfd, ep, one = 1, opt;

	if (argc < 2) {
		fprintf(stderr, "usage: tcpsvc echo|discard|chargen [-p port]\n");
		return 2;
	}
	mode = !strcmp(argv[1], "echo") ? ECHO : !strcmp(argv[1], "discard")
	       ? DISCARD : !strcmp(argv[1], "chargen") ? CHARGEN : -1;
	if ((int)mode < 0) {
		fprintf(stderr, "tcpsvc: unknown service %s\n", argv[1]);
		return 2;
	}
	a.sin_port = htons(ports[mode]);
	optind = 2;
	while ((opt = getopt(argc, argv, "p:")) != -1)
		if (opt == 'p')
			a.sin_port = htons((unsigned short)atoi(optarg));
	signal(SIGPIPE, SIG_IGN);
	server_prepare();
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(lfd, 128) < 0) {
		fprintf(stderr, "tcpsvc %s: port %d: %s\n", argv[1],
			ntohs(a.sin_port), strerror(errno));
		return 1;
	}
	ep = epoll_create1(0);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.ptr = NULL };
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	svc_notify_ready();
	for (;;) {
		int n = epoll_wait(ep, evs, 64, -1);
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			if (!c) {
				int fd = server_accept(lfd);

				if (fd < 0)
					continue;
				c = calloc(1, sizeof(*c));
				if (!c) {
					close(fd);
					continue;
				}
				c->fd = fd;
				ev = (struct epoll_event){
					.events = mode == CHARGEN ? EPOLLOUT | EPOLLIN : EPOLLIN,
					.data.ptr = c };
				epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
				continue;
			}
			if (conn_event(ep, c, evs[i].events) < 0)
				conn_close(ep, c);
		}
	}
}
