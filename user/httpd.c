/* httpd [-p PORT] [-r ROOT]: a small HTTP/1.1 server (RFC 9112) for the
 * demo: GET and HEAD of files under ROOT (default /var/www; a path ending
 * in "/" means its index.html). One epoll loop serves every client, so a
 * slow one holds up nobody. Connections persist as HTTP/1.1 says (unless
 * the client sends "Connection: close"; HTTP/1.0 only with
 * "Connection: keep-alive"), requests may be pipelined, and a client idle
 * for 5 seconds is closed. Request heads must fit in 4 KiB; requests with
 * a body are not implemented (501, then close). Reports readiness to init
 * once listening. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <svc.h>
#include "server.h"
#include <sys/stat.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>

#define IDLE_MS 5000

struct conn {
	int fd;
	int file;               /* body still to send, or -1 */
	bool keep;              /* keep the connection after this response */
	bool writing;           /* a response is in progress */
	char in[4096];
	size_t in_len;
	char out[4096];
	size_t out_len, out_off;
	long last;              /* ms of the last activity */
	struct conn *prev, *next;       /* by last activity, oldest first */
};

static const char *root = "/var/www";
static struct conn *oldest, *newest;
static int ep;

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void unlink_conn(struct conn *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		oldest = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else
		newest = c->prev;
	c->prev = c->next = NULL;
}

/* Activity: the connection moves to the young end of the idle list, so
 * the idle check only ever looks at the oldest. */
static void touch(struct conn *c)
{
	if (c->prev || c->next || oldest == c)
		unlink_conn(c);
	c->last = now_ms();
	c->prev = newest;
	if (newest)
		newest->next = c;
	else
		oldest = c;
	newest = c;
}

static void conn_close(struct conn *c)
{
	unlink_conn(c);
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	if (c->file >= 0)
		close(c->file);
	free(c);
}

static void want(struct conn *c, unsigned events)
{
	struct epoll_event e = { .events = events, .data.ptr = c };

	epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
}

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && !strcmp(dot, ".html"))
		return "text/html";
	if (dot && !strcmp(dot, ".txt"))
		return "text/plain";
	return "application/octet-stream";
}

/* The value of header name in the head (lines after the request line),
 * copied to val; false if absent. */
static bool header(const char *head, const char *name, char *val, size_t cap)
{
	size_t n = strlen(name);
	const char *p = strchr(head, '\n');

	while (p && *++p) {
		if (!strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1;
			size_t l = 0;

			while (*v == ' ' || *v == '\t')
				v++;
			while (v[l] && v[l] != '\r' && v[l] != '\n' && l + 1 < cap) {
				val[l] = v[l];
				l++;
			}
			val[l] = 0;
			return true;
		}
		p = strchr(p, '\n');
	}
	return false;
}

static void start_status(struct conn *c, const char *ver, int code, const char *text)
{
	char body[128];
	int bl = snprintf(body, sizeof(body), "<h1>%d %s</h1>\n", code, text);

	c->out_len = (size_t)snprintf(c->out, sizeof(c->out),
				      "%s %d %s\r\nContent-Type: text/html\r\n"
				      "Content-Length: %d\r\nConnection: %s\r\n\r\n%s",
				      ver, code, text, bl, c->keep ? "keep-alive" : "close",
				      body);
}

/* One request head (NUL-terminated, up to and including its blank line):
 * set up its response in c. */
static void start_response(struct conn *c, char *head)
{
	char method[8], target[1024], version[16], conn[32], path[1200], cl[32];
	struct stat st;
	const char *ver;
	int f;

	if (sscanf(head, "%7s %1023s %15s", method, target, version) != 3 ||
	    strncmp(version, "HTTP/1.", 7)) {
		c->keep = false;
		return start_status(c, "HTTP/1.1", 400, "Bad Request");
	}
	ver = strcmp(version, "HTTP/1.0") ? "HTTP/1.1" : "HTTP/1.0";
	if (!header(head, "Connection", conn, sizeof(conn)))
		conn[0] = 0;
	c->keep = ver[7] == '1' ? strcasecmp(conn, "close") != 0 :
		  strcasecmp(conn, "keep-alive") == 0;
	if ((header(head, "Content-Length", cl, sizeof(cl)) && strcmp(cl, "0")) ||
	    header(head, "Transfer-Encoding", cl, sizeof(cl))) {
		c->keep = false;        /* the body would be read as a request */
		return start_status(c, ver, 501, "Not Implemented");
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return start_status(c, ver, 501, "Not Implemented");
	if (target[0] != '/' || strstr(target, ".."))
		return start_status(c, ver, 403, "Forbidden");
	snprintf(path, sizeof(path), "%s%s%s", root, target,
		 target[strlen(target) - 1] == '/' ? "index.html" : "");
	f = open(path, O_RDONLY);
	if (f < 0 || fstat(f, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (f >= 0)
			close(f);
		return start_status(c, ver, 404, "Not Found");
	}
	c->out_len = (size_t)snprintf(c->out, sizeof(c->out),
				      "%s 200 OK\r\nContent-Type: %s\r\nContent-Length: %ld"
				      "\r\nConnection: %s\r\n\r\n", ver, content_type(path),
				      (long)st.st_size, c->keep ? "keep-alive" : "close");
	if (!strcmp(method, "GET"))
		c->file = f;
	else
		close(f);
}

/* Start the next request already read, if its head is complete. */
static void next_request(struct conn *c)
{
	char *end, *e1 = strstr(c->in, "\r\n\r\n"), *e2 = strstr(c->in, "\n\n");
	size_t used;

	end = e1 && (!e2 || e1 < e2) ? e1 + 4 : e2 ? e2 + 2 : NULL;
	if (!end) {
		if (c->in_len == sizeof(c->in) - 1) {       /* head too large */
			c->keep = false;
			start_status(c, "HTTP/1.1", 431, "Request Header Fields Too Large");
			c->writing = true;
			want(c, EPOLLOUT);
		}
		return;
	}
	used = (size_t)(end - c->in);
	{
		char head[sizeof(c->in)];

		memcpy(head, c->in, used);
		head[used] = 0;
		memmove(c->in, end, c->in_len - used + 1);
		c->in_len -= used;
		c->out_off = 0;
		start_response(c, head);
	}
	c->writing = true;
	want(c, EPOLLOUT);
}

/* Returns false when the connection is done. */
static bool on_event(struct conn *c, unsigned events)
{
	touch(c);
	if (!c->writing && (events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
		ssize_t n = read(c->fd, c->in + c->in_len, sizeof(c->in) - 1 - c->in_len);

		if (n <= 0)
			return n < 0 && errno == EAGAIN;
		c->in_len += (size_t)n;
		c->in[c->in_len] = 0;
		next_request(c);
		return true;
	}
	while (c->writing) {
		if (c->out_off == c->out_len && c->file >= 0) {
			ssize_t n = read(c->file, c->out, sizeof(c->out));

			if (n <= 0) {
				close(c->file);
				c->file = -1;
			} else {
				c->out_len = (size_t)n;
				c->out_off = 0;
			}
		}
		if (c->out_off < c->out_len) {
			ssize_t w = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);

			if (w < 0)
				return errno == EAGAIN;
			c->out_off += (size_t)w;
			continue;
		}
		if (c->file >= 0)
			continue;
		/* Response sent. */
		c->writing = false;
		if (!c->keep)
			return false;
		want(c, EPOLLIN);
		next_request(c);       /* a pipelined one may be waiting */
	}
	return true;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct epoll_event ev, evs[64];
	int lfd, one = 1, opt;

	while ((opt = getopt(argc, argv, "p:r:")) != -1) {
		if (opt == 'p')
			a.sin_port = htons((unsigned short)atoi(optarg));
		else if (opt == 'r')
			root = optarg;
	}
	signal(SIGPIPE, SIG_IGN);
	server_prepare();
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(lfd, 128) < 0) {
		fprintf(stderr, "httpd: port %d: %s\n", ntohs(a.sin_port),
			strerror(errno));
		return 1;
	}
	ep = epoll_create1(0);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.ptr = NULL };
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	svc_notify_ready();
	for (;;) {
		int n = epoll_wait(ep, evs, 64, oldest ? 1000 : -1);
		long now = now_ms();

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
				c->file = -1;
				touch(c);
				ev = (struct epoll_event){ .events = EPOLLIN, .data.ptr = c };
				epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
				continue;
			}
			if (!on_event(c, evs[i].events))
				conn_close(c);
		}
		while (oldest && now - oldest->last >= IDLE_MS)
			conn_close(oldest);
	}
}
