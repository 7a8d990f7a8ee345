/* nettest: socket system calls against 127.0.0.1, for our kernel and the
 * Linux host (same expectations: Linux's behaviour is the reference).
 *
 * Groups: udp (data path, addresses, options), errors (EADDRINUSE,
 * EAFNOSUPPORT, EPROTONOSUPPORT, ENOTSOCK, EBADF, EMSGSIZE, ENOTCONN...),
 * timeouts (O_NONBLOCK/MSG_DONTWAIT EAGAIN, SO_RCVTIMEO), refused
 * (ECONNREFUSED on a connected UDP socket after ICMP port unreachable),
 * poll, select, epoll (LT, ET, ONESHOT, ctl errors; pipes and sockets),
 * epoll1000 (1000 UDP sockets, exactly the ones sent to are reported),
 * tcp (stream sockets: handshake, data, EOF, refused, nonblocking
 * connect, EPIPE). The epoll1000 group needs RLIMIT_NOFILE >= 1100; it
 * raises the soft limit itself. Output: user/lib/ktest.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "ktest.h"

static struct sockaddr_in lo_addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	return a;
}

#define SA(a) ((struct sockaddr *)(a))

/* A UDP socket bound to 127.0.0.1 on an ephemeral port. */
static int udp_bound(struct sockaddr_in *out)
{
	struct sockaddr_in a = lo_addr(0);
	socklen_t l = sizeof(a);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || bind(fd, SA(&a), sizeof(a)) < 0 ||
	    getsockname(fd, SA(&a), &l) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (out)
		*out = a;
	return fd;
}

/* ---------------- udp ---------------- */

static void test_udp(void)
{
	struct sockaddr_in a, b, from;
	socklen_t fl = sizeof(from);
	char buf[2048];
	int s1 = udp_bound(&a), s2 = udp_bound(&b), v;
	socklen_t vl = sizeof(v);

	CHECK("udp_socket_bind", s1 >= 0 && s2 >= 0, "%s", strerror(errno));
	CHECK("getsockname_port", ntohs(a.sin_port) != 0 &&
	      a.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "port %d", ntohs(a.sin_port));
	CHECK("sendto", sendto(s1, "ping", 4, 0, SA(&b), sizeof(b)) == 4,
	      "%s", strerror(errno));
	ssize_t n = recvfrom(s2, buf, sizeof(buf), 0, SA(&from), &fl);
	CHECK("recvfrom_data", n == 4 && !memcmp(buf, "ping", 4), "n %zd", n);
	CHECK("recvfrom_source", fl == sizeof(from) && from.sin_port == a.sin_port &&
	      from.sin_addr.s_addr == a.sin_addr.s_addr, "from %s:%d",
	      inet_ntoa(from.sin_addr), ntohs(from.sin_port));
	/* read/write on a connected socket go through the same path */
	CHECK("connect_udp", connect(s1, SA(&b), sizeof(b)) == 0, "%s", strerror(errno));
	struct sockaddr_in peer;
	socklen_t pl = sizeof(peer);
	CHECK("getpeername", getpeername(s1, SA(&peer), &pl) == 0 &&
	      peer.sin_port == b.sin_port, "%s", strerror(errno));
	CHECK("write_connected", write(s1, "abc", 3) == 3, "%s", strerror(errno));
	CHECK("read_datagram", read(s2, buf, sizeof(buf)) == 3 && !memcmp(buf, "abc", 3),
	      "bad data");
	/* datagram boundaries: two sends, two receives */
	send(s1, "one", 3, 0);
	send(s1, "three", 5, 0);
	CHECK("datagram_boundaries", recv(s2, buf, sizeof(buf), 0) == 3 &&
	      recv(s2, buf, sizeof(buf), 0) == 5, "boundaries lost");
	/* MSG_PEEK leaves it queued; a short buffer truncates (MSG_TRUNC) */
	send(s1, "peekaboo", 8, 0);
	CHECK("msg_peek", recv(s2, buf, sizeof(buf), MSG_PEEK) == 8 &&
	      recv(s2, buf, 4, 0) == 4 && !memcmp(buf, "peek", 4), "peek failed");
	fcntl(s2, F_SETFL, O_NONBLOCK);
	EXPECT_ERR("truncated_rest_discarded", recv(s2, buf, sizeof(buf), 0), EAGAIN);
	fcntl(s2, F_SETFL, 0);
	send(s1, "0123456789", 10, 0);
	struct iovec iov[2] = { { buf, 3 }, { buf + 100, 3 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
	n = recvmsg(s2, &m, 0);
	CHECK("recvmsg_trunc_flag", n == 6 && (m.msg_flags & MSG_TRUNC) &&
	      !memcmp(buf, "012", 3) && !memcmp(buf + 100, "345", 3),
	      "n %zd flags 0x%x", n, m.msg_flags);
	struct iovec siov[2] = { { "ab", 2 }, { "cd", 2 } };
	struct msghdr sm = { .msg_iov = siov, .msg_iovlen = 2 };
	CHECK("sendmsg_gather", sendmsg(s1, &sm, 0) == 4 &&
	      recv(s2, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "abcd", 4),
	      "gather failed");
	/* the largest IPv4 UDP payload: 65535 - 20 - 8 */
	char *big = malloc(65508);
	for (int i = 0; i < 65508; i++)
		big[i] = (char)(i * 13);
	v = 1 << 20;
	setsockopt(s2, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	CHECK("send_65507", send(s1, big, 65507, 0) == 65507, "%s", strerror(errno));
	char *rb = malloc(70000);
	n = recv(s2, rb, 70000, 0);
	CHECK("recv_65507", n == 65507 && !memcmp(rb, big, 65507), "n %zd", n);
	EXPECT_ERR("emsgsize_65508", send(s1, big, 65508, 0), EMSGSIZE);
	free(big);
	free(rb);
	CHECK("zero_length_datagram", send(s1, "", 0, 0) == 0 &&
	      recv(s2, buf, sizeof(buf), 0) == 0, "%s", strerror(errno));
	/* options */
	CHECK("so_type", getsockopt(s1, SOL_SOCKET, SO_TYPE, &v, &vl) == 0 &&
	      v == SOCK_DGRAM, "type %d", v);
	vl = sizeof(v);
	CHECK("so_error_zero", getsockopt(s1, SOL_SOCKET, SO_ERROR, &v, &vl) == 0 &&
	      v == 0, "error %d", v);
	v = 1;
	CHECK("so_reuseaddr", setsockopt(s1, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)) == 0,
	      "%s", strerror(errno));
	vl = sizeof(v);
	CHECK("so_reuseaddr_get", getsockopt(s1, SOL_SOCKET, SO_REUSEADDR, &v, &vl) == 0 &&
	      v != 0, "value %d", v);
	vl = sizeof(v);
	CHECK("so_rcvbuf_get", getsockopt(s1, SOL_SOCKET, SO_RCVBUF, &v, &vl) == 0 &&
	      v > 0, "rcvbuf %d", v);
	v = 1;
	CHECK("so_broadcast", setsockopt(s1, SOL_SOCKET, SO_BROADCAST, &v, sizeof(v)) == 0,
	      "%s", strerror(errno));
	{
		/* Buffers the program never touched: the kernel's copies must
		 * fault the pages in (demand paging), not fail with EFAULT. */
		char *fresh = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		struct sockaddr_in self;
		socklen_t sl = sizeof(self);

		getsockname(s2, SA(&self), &sl);
		CHECK("sendto_untouched_buffer", fresh != MAP_FAILED &&
		      sendto(s1, fresh + 100, 5000, 0, SA(&self), sizeof(self)) == 5000,
		      "%s", strerror(errno));
		CHECK("recv_into_untouched_buffer",
		      recv(s2, fresh + 8192 + 7, 4000, 0) == 4000, "%s", strerror(errno));
		munmap(fresh, 3 * 4096);
	}
	/* unconnect with AF_UNSPEC */
	struct sockaddr un = { .sa_family = AF_UNSPEC };
	CHECK("disconnect_af_unspec", connect(s1, &un, sizeof(un)) == 0, "%s",
	      strerror(errno));
	pl = sizeof(peer);
	EXPECT_ERR("getpeername_after_disconnect", getpeername(s1, SA(&peer), &pl), ENOTCONN);
	/* socket fds are files: dup + close keeps the socket alive */
	int d = dup(s2);
	close(s2);
	sendto(s1, "dup", 3, 0, SA(&b), sizeof(b));
	CHECK("dup_socket", read(d, buf, sizeof(buf)) == 3, "%s", strerror(errno));
	close(d);
	close(s1);
	/* INADDR_ANY bind receives on loopback */
	int s3 = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in any = { .sin_family = AF_INET };
	socklen_t al = sizeof(any);
	bind(s3, SA(&any), sizeof(any));
	getsockname(s3, SA(&any), &al);
	struct sockaddr_in to = lo_addr(ntohs(any.sin_port));
	int s4 = socket(AF_INET, SOCK_DGRAM, 0);
	sendto(s4, "any", 3, 0, SA(&to), sizeof(to));
	CHECK("inaddr_any_receives", recv(s3, buf, sizeof(buf), 0) == 3, "%s",
	      strerror(errno));
	/* an unbound socket gets an ephemeral port on first send */
	al = sizeof(any);
	getsockname(s4, SA(&any), &al);
	CHECK("autobind_ephemeral", ntohs(any.sin_port) >= 1024, "port %d",
	      ntohs(any.sin_port));
	close(s3);
	close(s4);
}

/* ---------------- errors ---------------- */

static void test_errors(void)
{
	struct sockaddr_in a;
	int s = udp_bound(&a), p[2];
	char buf[16];
	socklen_t l = sizeof(a);

	EXPECT_ERR("eaddrinuse", ({
		int t = socket(AF_INET, SOCK_DGRAM, 0);
		int r = bind(t, SA(&a), sizeof(a));
		int e = errno;
		close(t);
		errno = e;
		r; }), EADDRINUSE);
	EXPECT_ERR("bind_twice", bind(s, SA(&a), sizeof(a)), EINVAL);
	EXPECT_ERR("eafnosupport_socket", socket(12345, SOCK_DGRAM, 0), EAFNOSUPPORT);
	EXPECT_ERR("eprotonosupport_udp_tcp", socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP),
		   EPROTONOSUPPORT);
	EXPECT_ERR("eprotonosupport_stream_udp", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP),
		   EPROTONOSUPPORT);
	EXPECT_ERR("bad_socket_type", socket(AF_INET, 99, 0), EINVAL);
	struct sockaddr_in bad = a;
	bad.sin_family = 12345;
	int t = socket(AF_INET, SOCK_DGRAM, 0);
	EXPECT_ERR("bind_wrong_family", bind(t, SA(&bad), sizeof(bad)), EAFNOSUPPORT);
	EXPECT_ERR("bind_short_len", bind(t, SA(&a), 4), EINVAL);
	EXPECT_ERR("bind_bad_ptr", bind(t, (struct sockaddr *)1, sizeof(a)), EFAULT);
	struct sockaddr_in foreign = lo_addr(0);
	foreign.sin_addr.s_addr = inet_addr("203.0.113.7");
	EXPECT_ERR("bind_not_local_addr", bind(t, SA(&foreign), sizeof(foreign)),
		   EADDRNOTAVAIL);
	close(t);
	pipe(p);
	EXPECT_ERR("enotsock_bind", bind(p[0], SA(&a), sizeof(a)), ENOTSOCK);
	EXPECT_ERR("enotsock_connect", connect(p[0], SA(&a), sizeof(a)), ENOTSOCK);
	EXPECT_ERR("enotsock_sendto", sendto(p[1], "x", 1, 0, SA(&a), sizeof(a)), ENOTSOCK);
	EXPECT_ERR("enotsock_getsockname", getsockname(p[0], SA(&a), &l), ENOTSOCK);
	EXPECT_ERR("enotsock_setsockopt", setsockopt(p[0], SOL_SOCKET, SO_REUSEADDR,
		   &l, sizeof(int)), ENOTSOCK);
	close(p[0]);
	close(p[1]);
	EXPECT_ERR("ebadf_bind", bind(999, SA(&a), sizeof(a)), EBADF);
	EXPECT_ERR("ebadf_sendto", sendto(999, "x", 1, 0, SA(&a), sizeof(a)), EBADF);
	EXPECT_ERR("ebadf_recv", recv(999, buf, 1, 0), EBADF);
	struct sockaddr_in peer;
	l = sizeof(peer);
	EXPECT_ERR("enotconn_getpeername", getpeername(s, SA(&peer), &l), ENOTCONN);
	EXPECT_ERR("enotconn_shutdown", shutdown(s, SHUT_RDWR), ENOTCONN);
	EXPECT_ERR("edestaddrreq_send", send(s, "x", 1, 0), EDESTADDRREQ);
	EXPECT_ERR("getsockopt_bad_name", getsockopt(s, SOL_SOCKET, 12345, buf, &l),
		   ENOPROTOOPT);
	close(s);
	/* (Linux marks even an unconnected socket shut down above: use a
	 * fresh one, or sendto would fail with EPIPE.) */
	s = udp_bound(NULL);
	EXPECT_ERR("sendto_bad_buf", sendto(s, (void *)1, 10, 0, SA(&a), sizeof(a)), EFAULT);
	EXPECT_ERR("sendto_bad_addr", sendto(s, "x", 1, 0, (void *)1, sizeof(a)), EFAULT);
	close(s);
}

/* ---------------- timeouts ---------------- */

static void test_timeouts(void)
{
	char buf[8];
	int s = udp_bound(NULL);
	long t0;

	fcntl(s, F_SETFL, O_NONBLOCK);
	EXPECT_ERR("nonblock_eagain", recv(s, buf, sizeof(buf), 0), EAGAIN);
	fcntl(s, F_SETFL, 0);
	EXPECT_ERR("msg_dontwait_eagain", recv(s, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	int s2 = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = lo_addr(0);
	bind(s2, SA(&a), sizeof(a));
	EXPECT_ERR("sock_nonblock_flag", recv(s2, buf, sizeof(buf), 0), EAGAIN);
	CHECK("sock_nonblock_getfl", fcntl(s2, F_GETFL) & O_NONBLOCK, "flag not set");
	close(s2);
	struct timeval tv = { 0, 300000 };
	CHECK("so_rcvtimeo_set", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0,
	      "%s", strerror(errno));
	t0 = ktest_now_ms();
	EXPECT_ERR("so_rcvtimeo_eagain", recv(s, buf, sizeof(buf), 0), EAGAIN);
	long dt = ktest_now_ms() - t0;
	CHECK("so_rcvtimeo_duration", dt >= 250 && dt < 2000, "waited %ld ms", dt);
	struct timeval got;
	socklen_t gl = sizeof(got);
	CHECK("so_rcvtimeo_get", getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &got, &gl) == 0 &&
	      got.tv_sec == 0 && got.tv_usec >= 296000 && got.tv_usec <= 304000,
	      "%ld.%06ld", (long)got.tv_sec, (long)got.tv_usec);
	close(s);
}

/* ---------------- refused ---------------- */

static void test_refused(void)
{
	struct sockaddr_in dead;
	int hole = udp_bound(&dead);     /* take a port, then free it */
	char buf[8];
	struct timeval tv = { 2, 0 };

	close(hole);
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	CHECK("connect_dead_port", connect(s, SA(&dead), sizeof(dead)) == 0, "%s",
	      strerror(errno));
	CHECK("send_to_dead_port", send(s, "x", 1, 0) == 1, "%s", strerror(errno));
	EXPECT_ERR("econnrefused_recv", recv(s, buf, sizeof(buf), 0), ECONNREFUSED);
	int v = -1;
	socklen_t vl = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &vl);
	CHECK("so_error_cleared", v == 0, "SO_ERROR %d after it was reported", v);
	/* reported through SO_ERROR when nobody reads */
	send(s, "x", 1, 0);
	usleep(200000);
	vl = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &vl);
	CHECK("so_error_econnrefused", v == ECONNREFUSED, "SO_ERROR %d", v);
	close(s);
	/* an unconnected socket does not get the error (RFC 1122 4.1.3.3) */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	sendto(s, "x", 1, 0, SA(&dead), sizeof(dead));
	usleep(200000);
	EXPECT_ERR("unconnected_no_error", recv(s, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	close(s);
}

/* ---------------- poll / select ---------------- */

static void test_poll(void)
{
	struct sockaddr_in b;
	int s = udp_bound(NULL), r = udp_bound(&b), p[2];
	struct pollfd pf[2];
	char buf[8];

	pf[0] = (struct pollfd){ .fd = r, .events = POLLIN | POLLOUT };
	CHECK("poll_udp_writable", poll(pf, 1, 0) == 1 && pf[0].revents == POLLOUT,
	      "revents 0x%x", pf[0].revents);
	pf[0].events = POLLIN;
	long t0 = ktest_now_ms();
	CHECK("poll_timeout", poll(pf, 1, 100) == 0, "not a timeout");
	long dt = ktest_now_ms() - t0;
	CHECK("poll_timeout_duration", dt >= 90 && dt < 1000, "%ld ms", dt);
	sendto(s, "x", 1, 0, SA(&b), sizeof(b));
	CHECK("poll_udp_readable", poll(pf, 1, 1000) == 1 && (pf[0].revents & POLLIN),
	      "revents 0x%x", pf[0].revents);
	recv(r, buf, sizeof(buf), 0);
	pipe(p);
	pf[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CHECK("poll_pipe_write_ready", poll(pf, 2, 0) == 1 && pf[1].revents == POLLOUT,
	      "revents 0x%x 0x%x", pf[0].revents, pf[1].revents);
	write(p[1], "y", 1);
	CHECK("poll_pipe_read_ready", poll(pf, 1, 0) == 1 && pf[0].revents == POLLIN,
	      "revents 0x%x", pf[0].revents);
	read(p[0], buf, 1);
	close(p[1]);
	CHECK("poll_pipe_hup", poll(pf, 1, 0) == 1 && (pf[0].revents & POLLHUP),
	      "revents 0x%x", pf[0].revents);
	close(p[0]);
	pf[0] = (struct pollfd){ .fd = 999, .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = -1, .events = POLLIN };
	CHECK("poll_nval", poll(pf, 2, 0) == 1 && pf[0].revents == POLLNVAL &&
	      pf[1].revents == 0, "revents 0x%x 0x%x", pf[0].revents, pf[1].revents);
	EXPECT_ERR("poll_bad_ptr", poll((void *)1, 1, 0), EFAULT);
	/* poll wakes when data arrives from another process */
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		sendto(s, "z", 1, 0, SA(&b), sizeof(b));
		_exit(0);
	}
	pf[0] = (struct pollfd){ .fd = r, .events = POLLIN };
	CHECK("poll_wakeup", poll(pf, 1, 3000) == 1 && (pf[0].revents & POLLIN),
	      "no wakeup");
	waitpid(pid, NULL, 0);
	recv(r, buf, sizeof(buf), 0);

	fd_set rs, ws;
	struct timeval tv = { 0, 100000 };
	FD_ZERO(&rs);
	FD_SET(r, &rs);
	CHECK("select_timeout", select(r + 1, &rs, NULL, NULL, &tv) == 0 &&
	      !FD_ISSET(r, &rs), "not a timeout");
	sendto(s, "x", 1, 0, SA(&b), sizeof(b));
	FD_ZERO(&rs);
	FD_SET(r, &rs);
	FD_ZERO(&ws);
	FD_SET(s, &ws);
	tv = (struct timeval){ 1, 0 };
	CHECK("select_ready", select((r > s ? r : s) + 1, &rs, &ws, NULL, &tv) == 2 &&
	      FD_ISSET(r, &rs) && FD_ISSET(s, &ws), "not both ready");
	int closed = dup(r);             /* a descriptor number that is not open */
	close(closed);
	FD_ZERO(&rs);
	FD_SET(closed, &rs);
	tv = (struct timeval){ 0, 0 };
	EXPECT_ERR("select_ebadf", select(closed + 1, &rs, NULL, NULL, &tv), EBADF);
	close(s);
	close(r);
}

/* ---------------- epoll ---------------- */

static int ep_wait(int ep, struct epoll_event *ev, int max, int ms)
{
	int n;

	do
		n = epoll_wait(ep, ev, max, ms);
	while (n < 0 && errno == EINTR);
	return n;
}

static void test_epoll(void)
{
	struct sockaddr_in b;
	int s = udp_bound(NULL), r = udp_bound(&b), ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	struct epoll_event out[8];
	char buf[8];
	int p[2];

	CHECK("epoll_create1", ep >= 0 && (fcntl(ep, F_GETFD) & FD_CLOEXEC), "%s",
	      strerror(errno));
	CHECK("epoll_ctl_add", epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev) == 0, "%s",
	      strerror(errno));
	EXPECT_ERR("epoll_add_twice_eexist", epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev), EEXIST);
	EXPECT_ERR("epoll_del_missing_enoent", epoll_ctl(ep, EPOLL_CTL_DEL, s, &ev), ENOENT);
	EXPECT_ERR("epoll_mod_missing_enoent", epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev), ENOENT);
	EXPECT_ERR("epoll_add_self_einval", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	EXPECT_ERR("epoll_ctl_not_epoll", epoll_ctl(s, EPOLL_CTL_ADD, r, &ev), EINVAL);
	EXPECT_ERR("epoll_ctl_bad_fd", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	EXPECT_ERR("epoll_ctl_bad_op", epoll_ctl(ep, 99, r, &ev), EINVAL);
	EXPECT_ERR("epoll_wait_maxevents_0", epoll_wait(ep, out, 0, 0), EINVAL);
	EXPECT_ERR("epoll_wait_bad_ptr", ({ sendto(s, "q", 1, 0, SA(&b), sizeof(b));
		usleep(10000); epoll_wait(ep, (void *)1, 8, 0); }), EFAULT);
	recv(r, buf, sizeof(buf), 0);
	CHECK("epoll_wait_timeout", ep_wait(ep, out, 8, 50) == 0, "spurious event");

	/* Level-triggered: reported on every wait while data is queued. */
	sendto(s, "x", 1, 0, SA(&b), sizeof(b));
	int n1 = ep_wait(ep, out, 8, 1000);
	CHECK("epoll_lt_event", n1 == 1 && out[0].events == EPOLLIN &&
	      out[0].data.u64 == 0x1122334455667788ULL, "n %d events 0x%x", n1,
	      n1 > 0 ? out[0].events : 0);
	CHECK("epoll_lt_repeats", ep_wait(ep, out, 8, 0) == 1, "not repeated");
	recv(r, buf, sizeof(buf), 0);
	CHECK("epoll_lt_clears", ep_wait(ep, out, 8, 0) == 0, "still reported");

	/* Edge-triggered: once per arrival. */
	ev.events = EPOLLIN | EPOLLET;
	ev.data.fd = r;
	CHECK("epoll_ctl_mod_et", epoll_ctl(ep, EPOLL_CTL_MOD, r, &ev) == 0, "%s",
	      strerror(errno));
	sendto(s, "a", 1, 0, SA(&b), sizeof(b));
	CHECK("epoll_et_first", ep_wait(ep, out, 8, 1000) == 1 && out[0].data.fd == r,
	      "no edge");
	CHECK("epoll_et_no_repeat", ep_wait(ep, out, 8, 0) == 0, "repeated");
	sendto(s, "b", 1, 0, SA(&b), sizeof(b));
	CHECK("epoll_et_new_arrival", ep_wait(ep, out, 8, 1000) == 1, "no new edge");
	while (recv(r, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;

	/* One-shot: disabled after one report until re-armed with MOD. */
	ev.events = EPOLLIN | EPOLLONESHOT;
	epoll_ctl(ep, EPOLL_CTL_MOD, r, &ev);
	sendto(s, "c", 1, 0, SA(&b), sizeof(b));
	CHECK("epoll_oneshot_first", ep_wait(ep, out, 8, 1000) == 1, "no event");
	sendto(s, "d", 1, 0, SA(&b), sizeof(b));
	CHECK("epoll_oneshot_disarmed", ep_wait(ep, out, 8, 50) == 0, "reported again");
	epoll_ctl(ep, EPOLL_CTL_MOD, r, &ev);
	CHECK("epoll_oneshot_rearmed", ep_wait(ep, out, 8, 1000) == 1, "not re-armed");
	while (recv(r, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
	CHECK("epoll_ctl_del", epoll_ctl(ep, EPOLL_CTL_DEL, r, NULL) == 0, "%s",
	      strerror(errno));
	sendto(s, "e", 1, 0, SA(&b), sizeof(b));
	CHECK("epoll_deleted_silent", ep_wait(ep, out, 8, 50) == 0, "event after DEL");

	/* Pipes: EPOLLOUT on the write end, EPOLLHUP when it closes. */
	pipe(p);
	ev = (struct epoll_event){ .events = EPOLLOUT, .data.fd = p[1] };
	epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = p[0] };
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	int n = ep_wait(ep, out, 8, 0);
	CHECK("epoll_pipe_writable", n == 1 && out[0].data.fd == p[1] &&
	      out[0].events == EPOLLOUT, "n %d", n);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL);
	close(p[1]);
	n = ep_wait(ep, out, 8, 0);
	CHECK("epoll_pipe_hup", n == 1 && out[0].data.fd == p[0] &&
	      (out[0].events & EPOLLHUP), "n %d events 0x%x", n, n > 0 ? out[0].events : 0);
	/* closing the fd removes it from the set */
	close(p[0]);
	CHECK("epoll_close_removes", ep_wait(ep, out, 8, 0) == 0, "closed fd reported");

	/* epoll_wait wakes when another process sends. */
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = r };
	epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev);
	while (recv(r, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		sendto(s, "w", 1, 0, SA(&b), sizeof(b));
		_exit(0);
	}
	long t0 = ktest_now_ms();
	n = ep_wait(ep, out, 8, 3000);
	CHECK("epoll_wakeup", n == 1 && ktest_now_ms() - t0 >= 50, "n %d", n);
	waitpid(pid, NULL, 0);
	close(ep);
	close(s);
	close(r);
}

/* ---------------- epoll with 1000 sockets ---------------- */

#define NSOCK 1000

static void test_epoll1000(void)
{
	static int fds[NSOCK];
	static struct sockaddr_in addr[NSOCK];
	static unsigned char want[NSOCK], got[NSOCK];
	struct rlimit rl;
	struct epoll_event ev, out[256];
	int ep, s, made = 0, nwant = 0, ngot = 0, wrong = 0;

	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < NSOCK + 100) {
		rl.rlim_cur = rl.rlim_max < 2048 ? rl.rlim_max : 2048;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	CHECK("nofile_limit_1100", rl.rlim_cur >= NSOCK + 100, "RLIMIT_NOFILE %lu",
	      (unsigned long)rl.rlim_cur);
	ep = epoll_create1(0);
	for (int i = 0; i < NSOCK; i++) {
		fds[i] = udp_bound(&addr[i]);
		if (fds[i] < 0)
			break;
		ev = (struct epoll_event){ .events = EPOLLIN, .data.u32 = (uint32_t)i };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) < 0)
			break;
		made++;
	}
	CHECK("create_1000_udp_sockets", made == NSOCK, "made %d: %s", made,
	      strerror(errno));
	s = socket(AF_INET, SOCK_DGRAM, 0);
	/* a pseudo-random tenth of them, plus the first and the last */
	for (int i = 0; i < made; i++) {
		want[i] = i == 0 || i == made - 1 || (i * 7919) % 10 == 3;
		if (want[i]) {
			nwant++;
			sendto(s, "hit", 3, 0, SA(&addr[i]), sizeof(addr[i]));
		}
	}
	long deadline = ktest_now_ms() + 5000;
	while (ngot < nwant && ktest_now_ms() < deadline) {
		int n = ep_wait(ep, out, 256, 200);
		for (int k = 0; k < n; k++) {
			uint32_t i = out[k].data.u32;
			char buf[8];
			if (i >= (uint32_t)made || !want[i] || got[i]) {
				wrong++;
				continue;
			}
			got[i] = 1;
			ngot++;
			recv(fds[i], buf, sizeof(buf), 0);  /* LT: drain it */
		}
	}
	CHECK("epoll1000_all_reported", ngot == nwant, "got %d of %d", ngot, nwant);
	CHECK("epoll1000_no_others", wrong == 0, "%d unexpected events", wrong);
	CHECK("epoll1000_quiet_after", ep_wait(ep, out, 256, 100) == 0, "more events");
	for (int i = 0; i < made; i++)
		close(fds[i]);
	close(s);
	close(ep);
}

/* ---------------- tcp ---------------- */

static int tcp_listener(struct sockaddr_in *a)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	socklen_t l = sizeof(*a);

	*a = lo_addr(0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, SA(a), sizeof(*a)) < 0 || listen(fd, 16) < 0 ||
	    getsockname(fd, SA(a), &l) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void test_tcp(void)
{
	struct sockaddr_in a, peer;
	socklen_t pl = sizeof(peer);
	int l = tcp_listener(&a), c, s, v;
	char buf[4096];

	CHECK("tcp_listen", l >= 0, "%s", strerror(errno));
	if (l < 0)
		return;
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK("tcp_connect", connect(c, SA(&a), sizeof(a)) == 0, "%s", strerror(errno));
	s = accept(l, SA(&peer), &pl);
	CHECK("tcp_accept", s >= 0 && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "%s", strerror(errno));
	CHECK("tcp_write_read", write(c, "hello", 5) == 5 && read(s, buf, sizeof(buf)) == 5 &&
	      !memcmp(buf, "hello", 5), "data");
	/* 1 MB each way through a forked echo */
	pid_t pid = fork();
	if (pid == 0) {
		ssize_t n;
		while ((n = read(s, buf, sizeof(buf))) > 0)
			for (ssize_t o = 0; o < n;) {
				ssize_t w = write(s, buf + o, n - o);
				if (w <= 0)
					_exit(1);
				o += w;
			}
		_exit(0);
	}
	close(s);
	long sent = 0, recvd = 0, bad = 0;
	while (recvd < 1 << 20) {
		struct pollfd pf = { .fd = c, .events = POLLIN | (sent < 1 << 20 ? POLLOUT : 0) };
		if (poll(&pf, 1, 5000) <= 0)
			break;
		if ((pf.revents & POLLOUT) && sent < 1 << 20) {
			char out[1000];
			for (int k = 0; k < 1000; k++)
				out[k] = (char)((sent + k) % 251);
			ssize_t w = write(c, out, (1 << 20) - sent < 1000 ? (1 << 20) - sent : 1000);
			if (w > 0)
				sent += w;
		}
		if (pf.revents & POLLIN) {
			ssize_t n = read(c, buf, sizeof(buf));
			if (n <= 0)
				break;
			for (ssize_t k = 0; k < n; k++)
				if (buf[k] != (char)((recvd + k) % 251))
					bad++;
			recvd += n;
		}
	}
	CHECK("tcp_echo_1mb", recvd == 1 << 20 && !bad, "recvd %ld bad %ld", recvd, bad);
	/* One blocking write larger than the send buffer returns only when
	 * all of it is queued (the echo comes back as we read). */
	{
		static char big[300000];
		long got = 0;
		pid_t rd = fork();

		if (rd == 0) {
			while (got < (long)sizeof(big)) {
				ssize_t n = read(c, buf, sizeof(buf));
				if (n <= 0)
					_exit(1);
				got += n;
			}
			_exit(0);
		}
		memset(big, 'b', sizeof(big));
		ssize_t w = write(c, big, sizeof(big));
		int rst;
		waitpid(rd, &rst, 0);
		CHECK("tcp_blocking_write_all", w == (ssize_t)sizeof(big) && WIFEXITED(rst) &&
		      WEXITSTATUS(rst) == 0, "wrote %ld", (long)w);
	}
	shutdown(c, SHUT_WR);
	int st;
	waitpid(pid, &st, 0);
	CHECK("tcp_eof_after_shutdown", read(c, buf, sizeof(buf)) == 0 && WIFEXITED(st),
	      "no EOF");
	signal(SIGPIPE, SIG_IGN);
	usleep(100000);
	write(c, "x", 1);        /* peer is closed: RST comes back */
	usleep(100000);
	EXPECT_ERR("tcp_epipe", write(c, "x", 1), EPIPE);
	close(c);

	struct sockaddr_in dead;
	int hole = tcp_listener(&dead);
	close(hole);
	c = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT_ERR("tcp_econnrefused", connect(c, SA(&dead), sizeof(dead)), ECONNREFUSED);
	close(c);
	int l2 = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT_ERR("tcp_eaddrinuse", bind(l2, SA(&a), sizeof(a)), EADDRINUSE);
	close(l2);
	fcntl(l, F_SETFL, O_NONBLOCK);
	EXPECT_ERR("tcp_accept_eagain", accept(l, NULL, NULL), EAGAIN);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int r = connect(c, SA(&a), sizeof(a));
	CHECK("tcp_nonblock_connect", r == 0 || errno == EINPROGRESS, "%s", strerror(errno));
	struct pollfd pf = { .fd = c, .events = POLLOUT };
	socklen_t vl = sizeof(v);
	CHECK("tcp_connect_completes", poll(&pf, 1, 2000) == 1 &&
	      getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl) == 0 && v == 0, "SO_ERROR %d", v);
	pf = (struct pollfd){ .fd = l, .events = POLLIN };
	CHECK("tcp_listen_readable", poll(&pf, 1, 2000) == 1, "no pending connection");
	s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	CHECK("tcp_accept4_cloexec", s >= 0 && (fcntl(s, F_GETFD) & FD_CLOEXEC), "%s",
	      strerror(errno));
	vl = sizeof(v);
	CHECK("tcp_so_acceptconn", getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &vl) == 0 &&
	      v == 1, "value %d", v);
	close(s);
	close(c);
	close(l);
}

static const struct ktest_group groups[] = {
	{ "udp", test_udp }, { "errors", test_errors }, { "timeouts", test_timeouts },
	{ "refused", test_refused }, { "poll", test_poll }, { "epoll", test_epoll },
	{ "epoll1000", test_epoll1000 }, { "tcp", test_tcp },
};

int main(int argc, char **argv)
{
	return ktest_main(argc, argv, groups, sizeof(groups) / sizeof(groups[0]));
}
