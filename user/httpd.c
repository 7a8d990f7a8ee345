/* httpd [-p PORT] [-r ROOT]: a minimal HTTP/1.0 server (RFC 1945) for
 * the demo: GET and HEAD of files under ROOT (default /var/www; "/" is
 * index.html), one connection at a time, each closed after the response.
 * Requests must fit in 4 KiB and arrive within 5 seconds. Reports
 * readiness to init once listening. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <svc.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <netinet/in.h>

static const char *root = "/var/www";

static void send_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t w = write(fd, c, n);
		if (w <= 0)
			return;
		c += w;
		n -= w;
	}
}

static void respond_status(int fd, int code, const char *text)
{
	char body[128], hdr[256];
	int bl = snprintf(body, sizeof(body), "<h1>%d %s</h1>\n", code, text);
	int hl = snprintf(hdr, sizeof(hdr), "HTTP/1.0 %d %s\r\nContent-Type: "
			  "text/html\r\nContent-Length: %d\r\nConnection: close"
			  "\r\n\r\n", code, text, bl);

	send_all(fd, hdr, hl);
	send_all(fd, body, bl);
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

static void handle(int fd)
{
	char req[4096], method[8], target[1024], path[1200], hdr[256], buf[4096];
	size_t len = 0;
	struct stat st;

	while (len < sizeof(req) - 1) {
		ssize_t n = read(fd, req + len, sizeof(req) - 1 - len);
		if (n <= 0)
			return;
		len += n;
		req[len] = 0;
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	if (sscanf(req, "%7s %1023s", method, target) != 2)
		return respond_status(fd, 400, "Bad Request");
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return respond_status(fd, 501, "Not Implemented");
	if (target[0] != '/' || strstr(target, ".."))
		return respond_status(fd, 403, "Forbidden");
	snprintf(path, sizeof(path), "%s%s%s", root, target,
		 target[strlen(target) - 1] == '/' ? "index.html" : "");
	int f = open(path, O_RDONLY);
	if (f < 0 || fstat(f, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (f >= 0)
			close(f);
		return respond_status(fd, 404, "Not Found");
	}
	int hl = snprintf(hdr, sizeof(hdr), "HTTP/1.0 200 OK\r\nContent-Type: %s"
			  "\r\nContent-Length: %ld\r\nConnection: close\r\n\r\n",
			  content_type(path), (long)st.st_size);
	send_all(fd, hdr, hl);
	if (!strcmp(method, "GET")) {
		ssize_t n;
		while ((n = read(f, buf, sizeof(buf))) > 0)
			send_all(fd, buf, n);
	}
	close(f);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct timeval tv = { 5, 0 };
	int lfd, one = 1, opt;

	while ((opt = getopt(argc, argv, "p:r:")) != -1) {
		if (opt == 'p')
			a.sin_port = htons((unsigned short)atoi(optarg));
		else if (opt == 'r')
			root = optarg;
	}
	signal(SIGPIPE, SIG_IGN);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(lfd, 64) < 0) {
		fprintf(stderr, "httpd: port %d: %s\n", ntohs(a.sin_port),
			strerror(errno));
		return 1;
	}
	svc_notify_ready();
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		handle(fd);
		close(fd);
	}
}
