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
 * connect, EPIPE), and edge cases where programs notice Linux's exact
 * behaviour: dgram (PEEK/TRUNC/ERRQUEUE/OOB, msghdr names and lengths,
 * zero-length datagrams, readv/writev as one datagram, 0.0.0.0 as a
 * destination), addr (ephemeral range, AF_UNSPEC bind, 127/8,
 * disconnect, SO_REUSEADDR/SO_REUSEPORT, broadcast on lo), sockopt
 * (short optlen, buffer doubling, stored flags, SO_BINDTODEVICE, IP_TTL,
 * bad levels), shut (shutdown on UDP and poll bits), ioctl (FIONREAD,
 * TIOCOUTQ, FIONBIO, ESPIPE) and epollx (EPOLLEXCLUSIVE, dup'ed fds,
 * EPOLLERR, errors reported by send). The epoll1000 group needs RLIMIT_NOFILE >= 1100; it
 * raises the soft limit itself. Output: user/lib/ktest.h. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
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
#include <sys/ioctl.h>
#include <net/if.h>
#include <sys/mman.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
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

static void test_tcp_sockopts(void);
/* TCP_NODELAY and TCP_CORK at SOL_TCP: values read back as 0/1, a short
 * optlen fails, the listener's TCP_NODELAY passes to accepted sockets,
 * and a no-delay connection still carries small writes in order. */
static void test_tcp_nodelay(void)
{
	struct sockaddr_in a;
	int l = tcp_listener(&a), c, s, v = -1, five = 5, zero = 0;
	socklen_t vl = sizeof(v);
	char buf[64];

	if (l < 0)
		return;
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK("tcp_nodelay_default", getsockopt(c, SOL_TCP, TCP_NODELAY, &v, &vl) == 0 &&
	      v == 0 && vl == sizeof(int), "value %d len %u", v, (unsigned)vl);
	CHECK("tcp_nodelay_set", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &five,
					    sizeof(five)) == 0, "%s", strerror(errno));
	vl = sizeof(v);
	CHECK("tcp_nodelay_reads_1", getsockopt(c, SOL_TCP, TCP_NODELAY, &v, &vl) == 0 &&
	      v == 1, "value %d", v);
	EXPECT_ERR("tcp_nodelay_short_optlen",
		   setsockopt(c, SOL_TCP, TCP_NODELAY, &five, 2), EINVAL);
	vl = sizeof(v);
	CHECK("tcp_cork_default", getsockopt(c, SOL_TCP, TCP_CORK, &v, &vl) == 0 && v == 0,
	      "value %d", v);
	setsockopt(c, SOL_TCP, TCP_CORK, &five, sizeof(five));
	vl = sizeof(v);
	CHECK("tcp_cork_reads_1", getsockopt(c, SOL_TCP, TCP_CORK, &v, &vl) == 0 && v == 1,
	      "value %d", v);
	setsockopt(c, SOL_TCP, TCP_CORK, &zero, sizeof(zero));
	EXPECT_ERR("tcp_sol_tcp_unknown", setsockopt(c, SOL_TCP, 99, &five, sizeof(five)),
		   ENOPROTOOPT);
	setsockopt(l, SOL_TCP, TCP_NODELAY, &five, sizeof(five));
	CHECK("tcp_nodelay_connect", connect(c, SA(&a), sizeof(a)) == 0, "%s",
	      strerror(errno));
	s = accept(l, NULL, NULL);
	vl = sizeof(v);
	v = -1;
	CHECK("tcp_nodelay_inherited", s >= 0 &&
	      getsockopt(s, SOL_TCP, TCP_NODELAY, &v, &vl) == 0 && v == 1, "value %d", v);
	/* Small writes with no delay: all arrive, in order. */
	int ok = 1;
	for (int i = 0; i < 20 && ok; i++)
		ok = write(c, "0123456789" + i % 10, 1) == 1;
	int got = 0;
	struct pollfd pf = { .fd = s, .events = POLLIN };
	while (ok && got < 20 && poll(&pf, 1, 2000) == 1) {
		ssize_t n = read(s, buf + got, sizeof(buf) - got);
		if (n <= 0)
			break;
		got += (int)n;
	}
	for (int i = 0; i < got; i++)
		if (buf[i] != "0123456789"[i % 10])
			ok = 0;
	CHECK("tcp_nodelay_small_writes", ok && got == 20, "got %d", got);
	close(s);
	close(c);
	close(l);
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
	test_tcp_nodelay();
	test_tcp_sockopts();
}

/* TCP-level options and the socket's end of life, as Linux answers. */
static int tcpopt(int fd, int name)
{
	int v = -1;
	socklen_t l = sizeof(v);

	if (getsockopt(fd, IPPROTO_TCP, name, &v, &l) < 0 || l != sizeof(v))
		return -1;
	return v;
}

static void test_tcp_sockopts(void)
{
	struct sockaddr_in a;
	int l, c, s, v;
	short sv = 1;
	socklen_t vl;
	char buf[64];

	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK("tcp_keepalive_defaults", tcpopt(c, TCP_KEEPIDLE) == 7200 &&
	      tcpopt(c, TCP_KEEPINTVL) == 75 && tcpopt(c, TCP_KEEPCNT) == 9,
	      "%d %d %d", tcpopt(c, TCP_KEEPIDLE), tcpopt(c, TCP_KEEPINTVL),
	      tcpopt(c, TCP_KEEPCNT));
	CHECK("tcp_maxseg_default", tcpopt(c, TCP_MAXSEG) == 536, "%d",
	      tcpopt(c, TCP_MAXSEG));
	CHECK("tcp_quickack_default", tcpopt(c, TCP_QUICKACK) == 1, "%d",
	      tcpopt(c, TCP_QUICKACK));
	v = 30;
	CHECK("tcp_keepidle_set", setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)) == 0 &&
	      tcpopt(c, TCP_KEEPIDLE) == 30, "%s", strerror(errno));
	v = 4;
	CHECK("tcp_keepcnt_set", setsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof(v)) == 0 &&
	      tcpopt(c, TCP_KEEPCNT) == 4, "%s", strerror(errno));
	v = 0;
	EXPECT_ERR("tcp_keepidle_zero", setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)),
		   EINVAL);
	v = 32768;
	EXPECT_ERR("tcp_keepidle_too_big", setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v,
						      sizeof(v)), EINVAL);
	v = 0;
	EXPECT_ERR("tcp_keepintvl_zero", setsockopt(c, IPPROTO_TCP, TCP_KEEPINTVL, &v,
						    sizeof(v)), EINVAL);
	v = 128;
	EXPECT_ERR("tcp_keepcnt_too_big", setsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof(v)),
		   EINVAL);
	EXPECT_ERR("tcp_opt_short", setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &sv, sizeof(sv)),
		   EINVAL);
	v = 1;
	EXPECT_ERR("tcp_opt_unknown_set", setsockopt(c, IPPROTO_TCP, 99, &v, sizeof(v)),
		   ENOPROTOOPT);
	vl = sizeof(v);
	EXPECT_ERR("tcp_opt_unknown_get", getsockopt(c, IPPROTO_TCP, 99, &v, &vl), ENOPROTOOPT);
	CHECK("tcp_syncnt_linger2_user_timeout_defaults", tcpopt(c, TCP_SYNCNT) == 6 &&
	      tcpopt(c, TCP_LINGER2) == 60 && tcpopt(c, TCP_USER_TIMEOUT) == 0,
	      "%d %d %d", tcpopt(c, TCP_SYNCNT), tcpopt(c, TCP_LINGER2),
	      tcpopt(c, TCP_USER_TIMEOUT));
	v = 0;
	EXPECT_ERR("tcp_syncnt_zero", setsockopt(c, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)),
		   EINVAL);
	v = 128;
	EXPECT_ERR("tcp_syncnt_too_big", setsockopt(c, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)),
		   EINVAL);
	v = 3;
	CHECK("tcp_syncnt_set", setsockopt(c, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof(v)) == 0 &&
	      tcpopt(c, TCP_SYNCNT) == 3, "%d", tcpopt(c, TCP_SYNCNT));
	v = 500;
	CHECK("tcp_linger2_capped", setsockopt(c, IPPROTO_TCP, TCP_LINGER2, &v, sizeof(v)) == 0 &&
	      tcpopt(c, TCP_LINGER2) == 120, "%d", tcpopt(c, TCP_LINGER2));
	v = -5;
	CHECK("tcp_linger2_negative", setsockopt(c, IPPROTO_TCP, TCP_LINGER2, &v, sizeof(v)) == 0 &&
	      tcpopt(c, TCP_LINGER2) == -1, "%d", tcpopt(c, TCP_LINGER2));
	v = -1;
	EXPECT_ERR("tcp_user_timeout_negative", setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, &v,
							   sizeof(v)), EINVAL);
	v = 5000;
	CHECK("tcp_user_timeout_set", setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, &v,
						 sizeof(v)) == 0 &&
	      tcpopt(c, TCP_USER_TIMEOUT) == 5000, "%d", tcpopt(c, TCP_USER_TIMEOUT));
	{
		char ca[TCP_CA_NAME_MAX] = "";
		socklen_t cl = sizeof(ca);

		CHECK("tcp_congestion_reno",
		      setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, "reno", 4) == 0 &&
		      getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, ca, &cl) == 0 &&
		      !strcmp(ca, "reno"), "%s %s", strerror(errno), ca);
		EXPECT_ERR("tcp_congestion_unknown",
			   setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, "no-such-cc", 10), ENOENT);
	}
	v = 50;
	EXPECT_ERR("tcp_maxseg_too_small", setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)),
		   EINVAL);
	v = 1000;
	CHECK("tcp_maxseg_set", setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)) == 0 &&
	      tcpopt(c, TCP_MAXSEG) == 1000, "%d", tcpopt(c, TCP_MAXSEG));
	vl = sizeof(v);
	CHECK("tcp_so_keepalive_default", getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &vl) == 0 &&
	      v == 0, "%d", v);
	v = 1;
	vl = sizeof(v);
	CHECK("tcp_so_keepalive_set", setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) == 0 &&
	      getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &vl) == 0 && v == 1, "%d", v);

	/* MSS clamp before connect: both ends use at most 1000 (Linux
	 * takes 12 more off for timestamps, so allow a little less). */
	l = tcp_listener(&a);
	CHECK("tcp_opts_connect", l >= 0 && connect(c, SA(&a), sizeof(a)) == 0, "%s",
	      strerror(errno));
	s = accept(l, NULL, NULL);
	v = tcpopt(c, TCP_MAXSEG);
	CHECK("tcp_maxseg_clamped", v >= 900 && v <= 1000, "client mss %d", v);
	v = tcpopt(s, TCP_MAXSEG);
	CHECK("tcp_maxseg_peer_clamped", v >= 900 && v <= 1000, "server mss %d", v);
	CHECK("tcp_keepalive_inherited", tcpopt(s, TCP_KEEPIDLE) == 7200, "%d",
	      tcpopt(s, TCP_KEEPIDLE));
	{
		struct tcp_info ti;
		socklen_t tl = sizeof(ti);

		memset(&ti, 0xff, sizeof(ti));
		CHECK("tcp_info", getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &tl) == 0 &&
		      /* Linux returns min(asked, its struct), which grows
		       * with versions: 104 bytes since 2.6, 232 in 6.2+ */
		      tl >= 104 && tl <= sizeof(ti) && ti.tcpi_state == 1 && ti.tcpi_snd_mss > 0 &&
		      ti.tcpi_snd_mss <= 1000 && ti.tcpi_rto >= 200000 &&
		      ti.tcpi_snd_cwnd >= 1 && ti.tcpi_total_retrans == 0,
		      "len %u state %u mss %u rto %u cwnd %u", (unsigned)tl, ti.tcpi_state,
		      ti.tcpi_snd_mss, ti.tcpi_rto, ti.tcpi_snd_cwnd);
		tl = 4;
		CHECK("tcp_info_short", getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &tl) == 0 &&
		      tl == 4, "len %u", (unsigned)tl);
		tl = sizeof(ti);
		CHECK("tcp_info_listen", getsockopt(l, IPPROTO_TCP, TCP_INFO, &ti, &tl) == 0 &&
		      ti.tcpi_state == 10, "state %u", ti.tcpi_state);
	}

	/* Urgent data: one out-of-band byte, read() stops at the mark. */
	{
		struct pollfd pf = { .fd = s, .events = POLLPRI };
		char ch = 0;
		int at = -1, one = 1;
		ssize_t n;

		send(c, "ab", 2, 0);
		send(c, "X", 1, MSG_OOB);
		CHECK("tcp_oob_pollpri", poll(&pf, 1, 2000) == 1 && (pf.revents & POLLPRI),
		      "revents %x", pf.revents);
		n = recv(s, buf, sizeof(buf), 0);
		CHECK("tcp_oob_read_stops_at_mark", n == 2 && !memcmp(buf, "ab", 2), "n %zd", n);
		CHECK("tcp_oob_atmark", ioctl(s, SIOCATMARK, &at) == 0 && at == 1, "at %d", at);
		n = recv(s, &ch, 1, MSG_OOB);
		CHECK("tcp_oob_recv", n == 1 && ch == 'X', "n %zd ch %c", n, ch);
		EXPECT_ERR("tcp_oob_read_once", recv(s, &ch, 1, MSG_OOB), EINVAL);
		send(c, "cd", 2, 0);
		n = recv(s, buf, sizeof(buf), 0);
		CHECK("tcp_oob_not_in_stream", n == 2 && !memcmp(buf, "cd", 2), "n %zd", n);
		setsockopt(s, SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one));
		send(c, "Y", 1, MSG_OOB);
		usleep(50000);
		EXPECT_ERR("tcp_oobinline_no_oob", recv(s, &ch, 1, MSG_OOB), EINVAL);
		n = recv(s, buf, sizeof(buf), 0);
		CHECK("tcp_oobinline_in_stream", n == 1 && buf[0] == 'Y', "n %zd", n);
	}

	/* SO_LINGER {1, 0}: close aborts, the peer reads ECONNRESET. */
	{
		struct linger lg = { 1, 0 };
		struct timeval tv = { 2, 0 };

		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		CHECK("tcp_linger0_set", setsockopt(c, SOL_SOCKET, SO_LINGER, &lg,
						    sizeof(lg)) == 0, "%s", strerror(errno));
		close(c);
		EXPECT_ERR("tcp_linger0_peer_econnreset", read(s, buf, sizeof(buf)), ECONNRESET);
		close(s);
	}

	/* SO_LINGER {1, 2}: a blocking close waits for the FIN's ACK,
	 * which over loopback comes at once. */
	{
		struct linger lg = { 1, 2 };
		long t0;
		int r;

		c = socket(AF_INET, SOCK_STREAM, 0);
		connect(c, SA(&a), sizeof(a));
		s = accept(l, NULL, NULL);
		setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		t0 = ktest_now_ms();
		r = close(c);
		CHECK("tcp_linger_close", r == 0 && ktest_now_ms() - t0 < 1000, "r %d after %ld ms",
		      r, ktest_now_ms() - t0);
		CHECK("tcp_linger_peer_eof", read(s, buf, sizeof(buf)) == 0, "no EOF");
		close(s);
	}

	/* TIME_WAIT holds the port: the server closes first, so its
	 * accepted socket (which has SO_REUSEADDR from the listener) ends
	 * in TIME_WAIT on the listening port. */
	{
		int one = 1, b;
		char line[32];
		FILE *f;
		int listed = 0;

		c = socket(AF_INET, SOCK_STREAM, 0);
		connect(c, SA(&a), sizeof(a));
		s = accept(l, NULL, NULL);
		close(l);
		close(s);
		usleep(50000);
		close(c);
		usleep(100000);
		b = socket(AF_INET, SOCK_STREAM, 0);
		EXPECT_ERR("tcp_time_wait_eaddrinuse", bind(b, SA(&a), sizeof(a)), EADDRINUSE);
		close(b);
		b = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		CHECK("tcp_time_wait_reuseaddr", bind(b, SA(&a), sizeof(a)) == 0 &&
		      listen(b, 1) == 0, "%s", strerror(errno));
		close(b);
		snprintf(line, sizeof(line), "0100007F:%04X", ntohs(a.sin_port));
		f = fopen("/proc/net/tcp", "r");
		if (f) {
			char ln[256];

			while (fgets(ln, sizeof(ln), f))
				if (strstr(ln, line) && strstr(ln, line) < ln + 20 &&
				    !strncmp(strstr(ln, line) + 27, " 06 ", 4))
					listed = 1;
			fclose(f);
		}
		CHECK("tcp_time_wait_proc", listed, "no TIME_WAIT line for %s", line);
	}
}

/* ---------------- dgram: recv/send edge cases (Linux semantics) ---------------- */

/* A connected pair: tx sends to rx, rx's address in *rxa. */
static void udp_pair(int *tx, int *rx, struct sockaddr_in *rxa)
{
	struct sockaddr_in a;

	*rx = udp_bound(&a);
	*tx = udp_bound(NULL);
	connect(*tx, SA(&a), sizeof(a));
	if (rxa)
		*rxa = a;
}

static void test_dgram(void)
{
	int tx, rx;
	struct sockaddr_in ra, from;
	socklen_t fl;
	char buf[256];
	ssize_t n;

	udp_pair(&tx, &rx, &ra);
	{
		/* a failure must not hang the group */
		struct timeval tv = { 2, 0 };
		setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	/* repeated peeks see the same datagram; MSG_TRUNC returns its real length */
	send(tx, "abcdefgh", 8, 0);
	n = recv(rx, buf, 3, MSG_PEEK);
	CHECK("peek_short", n == 3 && !memcmp(buf, "abc", 3), "n %zd", n);
	n = recv(rx, buf, sizeof(buf), MSG_PEEK);
	CHECK("peek_again_full", n == 8 && !memcmp(buf, "abcdefgh", 8), "n %zd", n);
	n = recv(rx, buf, 2, MSG_PEEK | MSG_TRUNC);
	CHECK("peek_trunc_real_length", n == 8, "n %zd", n);
	n = recv(rx, buf, 2, MSG_TRUNC);
	CHECK("recv_trunc_real_length", n == 8 && !memcmp(buf, "ab", 2), "n %zd", n);
	EXPECT_ERR("trunc_consumed", recv(rx, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	/* recvmsg: msg_flags MSG_TRUNC only on truncation, msg_namelen 16 */
	send(tx, "12345", 5, 0);
	{
		struct sockaddr_in nm;
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_name = &nm, .msg_namelen = sizeof(nm),
				    .msg_iov = &iov, .msg_iovlen = 1, .msg_flags = -1 };
		n = recvmsg(rx, &m, 0);
		CHECK("recvmsg_flags_clear", n == 5 && m.msg_flags == 0 &&
		      m.msg_namelen == sizeof(nm) && nm.sin_family == AF_INET,
		      "n %zd flags 0x%x namelen %d", n, m.msg_flags, m.msg_namelen);
	}
	/* a short msg_namelen truncates the address but reports 16 */
	send(tx, "x", 1, 0);
	{
		unsigned char nm[16];
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_name = nm, .msg_namelen = 4,
				    .msg_iov = &iov, .msg_iovlen = 1 };
		memset(nm, 0xee, sizeof(nm));
		n = recvmsg(rx, &m, 0);
		CHECK("recvmsg_short_namelen", n == 1 && m.msg_namelen == 16 &&
		      nm[0] == AF_INET && nm[4] == 0xee, "n %zd namelen %d nm[4] 0x%x",
		      n, m.msg_namelen, nm[4]);
	}
	/* msg_name NULL: fine, namelen untouched */
	send(tx, "y", 1, 0);
	{
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_name = NULL, .msg_namelen = 77,
				    .msg_iov = &iov, .msg_iovlen = 1 };
		n = recvmsg(rx, &m, 0);
		CHECK("recvmsg_null_name", n == 1 && buf[0] == 'y', "n %zd", n);
	}
	/* recvfrom with a short fromlen */
	send(tx, "z", 1, 0);
	{
		unsigned char nm[16];
		socklen_t l = 2;
		memset(nm, 0xee, sizeof(nm));
		n = recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)nm, &l);
		CHECK("recvfrom_short_fromlen", n == 1 && l == 16 && nm[2] == 0xee,
		      "n %zd len %u", n, (unsigned)l);
	}
	/* recvmsg with no iovecs: the datagram is consumed, truncated */
	send(tx, "gone", 4, 0);
	{
		struct msghdr m = { 0 };
		n = recvmsg(rx, &m, 0);
		CHECK("recvmsg_no_iov", n == 0 && (m.msg_flags & MSG_TRUNC), "n %zd flags 0x%x",
		      n, m.msg_flags);
		EXPECT_ERR("recvmsg_no_iov_consumed", recv(rx, buf, 1, MSG_DONTWAIT), EAGAIN);
	}
	/* recv with len 0 consumes the datagram; read with len 0 does not */
	send(tx, "keep", 4, 0);
	usleep(1000);
	CHECK("read_len0_keeps", read(rx, buf, 0) == 0 &&
	      recv(rx, buf, sizeof(buf), MSG_DONTWAIT) == 4, "read 0 consumed it");
	send(tx, "drop", 4, 0);
	CHECK("recv_len0_consumes", recv(rx, buf, 0, 0) == 0, "%s", strerror(errno));
	EXPECT_ERR("recv_len0_consumed", recv(rx, buf, 1, MSG_DONTWAIT), EAGAIN);
	EXPECT_ERR("recv_len0_empty_eagain", recv(rx, buf, 0, MSG_DONTWAIT), EAGAIN);
	/* zero-length datagrams are datagrams */
	CHECK("send_zero_len", send(tx, buf, 0, 0) == 0, "%s", strerror(errno));
	CHECK("write_zero_len", write(tx, buf, 0) == 0, "%s", strerror(errno));
	CHECK("recv_zero_len_1", recv(rx, buf, sizeof(buf), MSG_DONTWAIT) == 0, "%s",
	      strerror(errno));
	CHECK("recv_zero_len_2", recv(rx, buf, sizeof(buf), MSG_DONTWAIT) == 0, "%s",
	      strerror(errno));
	/* writev is one datagram; readv scatters one datagram */
	{
		struct iovec w[3] = { { "ab", 2 }, { "", 0 }, { "cde", 3 } };
		char r1[2], r2[10];
		struct iovec r[2] = { { r1, 2 }, { r2, sizeof(r2) } };
		CHECK("writev_one_datagram", writev(tx, w, 3) == 5, "%s", strerror(errno));
		send(tx, "next", 4, 0);
		n = readv(rx, r, 2);
		CHECK("readv_one_datagram", n == 5 && !memcmp(r1, "ab", 2) &&
		      !memcmp(r2, "cde", 3), "n %zd", n);
		n = recv(rx, buf, sizeof(buf), MSG_DONTWAIT);
		CHECK("readv_next_datagram", n == 4 && !memcmp(buf, "next", 4), "n %zd", n);
		struct iovec rs[2] = { { r1, 1 }, { r2, 1 } };
		send(tx, "xyz", 3, 0);
		n = readv(rx, rs, 2);
		CHECK("readv_truncates", n == 2 && r1[0] == 'x' && r2[0] == 'y', "n %zd", n);
		EXPECT_ERR("readv_rest_dropped", recv(rx, buf, 1, MSG_DONTWAIT), EAGAIN);
		/* writev of nothing sends nothing (write of 0 bytes does send) */
		struct iovec w0 = { "q", 0 };
		CHECK("writev_empty", writev(tx, w, 0) == 0 && writev(tx, &w0, 1) == 0,
		      "%s", strerror(errno));
		usleep(1000);
		EXPECT_ERR("writev_empty_sends_nothing", recv(rx, buf, 1, MSG_DONTWAIT), EAGAIN);
		EXPECT_ERR("writev_bad_iov", writev(tx, (void *)8, 2), EFAULT);
		struct iovec wneg = { "q", (size_t)-1 };
		EXPECT_ERR("writev_negative_len", writev(tx, &wneg, 1), EINVAL);
	}
	/* sendmmsg/recvmmsg (called by number: our libc has no wrappers) */
	{
		struct mmsg { struct msghdr hdr; unsigned int len; } mm[3];
		struct iovec sv[3] = { { "m1", 2 }, { "mm2", 3 }, { "mmm3", 4 } };
		char rb[3][8];
		struct iovec rv[3] = { { rb[0], 8 }, { rb[1], 8 }, { rb[2], 8 } };
		struct sockaddr_in nm[3];
		long r;

		memset(mm, 0, sizeof(mm));
		for (int i = 0; i < 3; i++) {
			mm[i].hdr.msg_iov = &sv[i];
			mm[i].hdr.msg_iovlen = 1;
		}
		r = syscall(307, tx, mm, 3, 0);
		CHECK("sendmmsg", r == 3 && mm[0].len == 2 && mm[1].len == 3 && mm[2].len == 4,
		      "r %ld %s", r, strerror(errno));
		memset(mm, 0, sizeof(mm));
		for (int i = 0; i < 3; i++) {
			mm[i].hdr.msg_iov = &rv[i];
			mm[i].hdr.msg_iovlen = 1;
			mm[i].hdr.msg_name = &nm[i];
			mm[i].hdr.msg_namelen = sizeof(nm[i]);
		}
		usleep(1000);
		r = syscall(299, rx, mm, 3, MSG_DONTWAIT, NULL);
		CHECK("recvmmsg", r == 3 && mm[0].len == 2 && mm[2].len == 4 &&
		      !memcmp(rb[1], "mm2", 3) && mm[2].hdr.msg_namelen == 16 &&
		      nm[2].sin_port != 0, "r %ld %s", r, strerror(errno));
		send(tx, "w1", 2, 0);
		usleep(1000);
		r = syscall(299, rx, mm, 3, 0x10000 /* MSG_WAITFORONE */, NULL);
		CHECK("recvmmsg_waitforone", r == 1 && mm[0].len == 2, "r %ld %s", r,
		      strerror(errno));
		errno = 0;
		r = syscall(299, rx, mm, 3, MSG_DONTWAIT, NULL);
		CHECK("recvmmsg_empty_eagain", r == -1 && errno == EAGAIN, "r %ld %s", r,
		      strerror(errno));
		struct timespec bad = { 0, 2000000000L };
		errno = 0;
		r = syscall(299, rx, mm, 3, MSG_DONTWAIT, &bad);
		CHECK("recvmmsg_bad_timeout", r == -1 && errno == EINVAL, "r %ld %s", r,
		      strerror(errno));
		mm[0].hdr.msg_iov = (void *)8;
		errno = 0;
		r = syscall(307, tx, mm, 1, 0);
		CHECK("sendmmsg_fault_first", r == -1 && errno == EFAULT, "r %ld %s", r,
		      strerror(errno));
	}
	/* MSG_ERRQUEUE with nothing queued there: EAGAIN, data untouched */
	send(tx, "data", 4, 0);
	usleep(1000);
	EXPECT_ERR("msg_errqueue_empty", recv(rx, buf, sizeof(buf), MSG_ERRQUEUE), EAGAIN);
	CHECK("msg_errqueue_left_data", recv(rx, buf, sizeof(buf), MSG_DONTWAIT) == 4,
	      "data gone");
	/* MSG_OOB is not for UDP */
	EXPECT_ERR("send_msg_oob", send(tx, "o", 1, MSG_OOB), EOPNOTSUPP);
	/* sendmsg: a name with namelen 0 is no name at all */
	{
		struct iovec iov = { "nm0", 3 };
		struct msghdr m = { .msg_name = &from, .msg_namelen = 0,
				    .msg_iov = &iov, .msg_iovlen = 1 };
		CHECK("sendmsg_namelen0_connected", sendmsg(tx, &m, 0) == 3, "%s",
		      strerror(errno));
		CHECK("sendmsg_namelen0_arrives", recv(rx, buf, sizeof(buf), 0) == 3, "lost");
		int u = socket(AF_INET, SOCK_DGRAM, 0);
		EXPECT_ERR("sendmsg_namelen0_unconnected", sendmsg(u, &m, 0), EDESTADDRREQ);
		/* a namelen over sizeof(sockaddr_storage) is clamped, not refused */
		struct sockaddr_storage big;
		memset(&big, 0, sizeof(big));
		memcpy(&big, &ra, sizeof(ra));
		m.msg_name = &big;
		m.msg_namelen = 200;
		n = sendmsg(u, &m, 0);
		CHECK("sendmsg_namelen_clamped", n == 3 && recv(rx, buf, sizeof(buf), 0) == 3,
		      "n %zd %s", n, strerror(errno));
		EXPECT_ERR("sendto_namelen0", sendto(u, "x", 1, 0, SA(&ra), 0), EINVAL);
		EXPECT_ERR("sendto_namelen_short", sendto(u, "x", 1, 0, SA(&ra), 15), EINVAL);
		EXPECT_ERR("sendto_port0", ({ struct sockaddr_in p0 = lo_addr(0);
			sendto(u, "x", 1, 0, SA(&p0), sizeof(p0)); }), EINVAL);
		m.msg_namelen = -1;
		EXPECT_ERR("sendmsg_namelen_negative", sendmsg(u, &m, 0), EINVAL);
		struct iovec iov2 = { buf, sizeof(buf) };
		struct msghdr mr = { .msg_name = &from, .msg_namelen = -1,
				     .msg_iov = &iov2, .msg_iovlen = 1 };
		EXPECT_ERR("recvmsg_namelen_negative", recvmsg(rx, &mr, MSG_DONTWAIT), EINVAL);
		mr.msg_iovlen = 1025;
		mr.msg_namelen = sizeof(from);
		EXPECT_ERR("recvmsg_iovlen_too_big", recvmsg(rx, &mr, MSG_DONTWAIT), EMSGSIZE);
		close(u);
	}
	/* sendto with an address on a connected socket goes to that address */
	{
		struct sockaddr_in oa;
		int other = udp_bound(&oa);
		CHECK("sendto_on_connected", sendto(tx, "o", 1, 0, SA(&oa), sizeof(oa)) == 1 &&
		      recv(other, buf, sizeof(buf), 0) == 1, "%s", strerror(errno));
		/* and a connected socket only hears its peer */
		sendto(other, "p", 1, 0, SA(&ra), sizeof(ra));
		struct sockaddr_in txa;
		socklen_t tl = sizeof(txa);
		getsockname(tx, SA(&txa), &tl);
		int rx2 = socket(AF_INET, SOCK_DGRAM, 0);
		(void)rx2;
		close(rx2);
		close(other);
	}
	while (recv(rx, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
	/* sendto 0.0.0.0 means this host */
	{
		struct sockaddr_in z = ra;
		z.sin_addr.s_addr = htonl(INADDR_ANY);
		int u = socket(AF_INET, SOCK_DGRAM, 0);
		CHECK("sendto_inaddr_any", sendto(u, "any", 3, 0, SA(&z), sizeof(z)) == 3,
		      "%s", strerror(errno));
		fl = sizeof(from);
		n = recvfrom(rx, buf, sizeof(buf), 0, SA(&from), &fl);
		CHECK("sendto_inaddr_any_arrives", n == 3 &&
		      from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "n %zd from %s", n,
		      inet_ntoa(from.sin_addr));
		CHECK("connect_inaddr_any", connect(u, SA(&z), sizeof(z)) == 0, "%s",
		      strerror(errno));
		struct sockaddr_in p;
		socklen_t pl = sizeof(p);
		CHECK("connect_inaddr_any_peer", getpeername(u, SA(&p), &pl) == 0 &&
		      p.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "peer %s",
		      inet_ntoa(p.sin_addr));
		close(u);
	}
	close(tx);
	close(rx);
}

/* ---------------- addr: binding and connecting ---------------- */

static void test_addr(void)
{
	struct sockaddr_in a, b;
	socklen_t l;
	char buf[64];
	int s, t;

	/* ephemeral ports come from Linux's default range */
	s = udp_bound(&a);
	CHECK("ephemeral_range", ntohs(a.sin_port) >= 32768 && ntohs(a.sin_port) <= 60999,
	      "port %d", ntohs(a.sin_port));
	close(s);
	/* unbound: 0.0.0.0:0 */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	l = sizeof(a);
	memset(&a, 0xff, sizeof(a));
	CHECK("getsockname_unbound", getsockname(s, SA(&a), &l) == 0 && l == 16 &&
	      a.sin_family == AF_INET && a.sin_port == 0 && a.sin_addr.s_addr == 0,
	      "len %u port %d", (unsigned)l, ntohs(a.sin_port));
	l = 0;
	CHECK("getsockname_len0", getsockname(s, SA(&a), &l) == 0 && l == 16, "len %u",
	      (unsigned)l);
	l = (socklen_t)-1;
	EXPECT_ERR("getsockname_len_negative", getsockname(s, SA(&a), &l), EINVAL);
	l = sizeof(a);
	EXPECT_ERR("getsockname_bad_ptr", getsockname(s, (void *)1, &l), EFAULT);
	EXPECT_ERR("getsockname_bad_lenptr", getsockname(s, SA(&a), (void *)1), EFAULT);
	/* AF_UNSPEC bind is INADDR_ANY only */
	a = lo_addr(0);
	a.sin_family = AF_UNSPEC;
	EXPECT_ERR("bind_af_unspec_loopback", bind(s, SA(&a), sizeof(a)), EAFNOSUPPORT);
	a.sin_addr.s_addr = 0;
	CHECK("bind_af_unspec_any", bind(s, SA(&a), sizeof(a)) == 0, "%s", strerror(errno));
	close(s);
	/* 127.0.0.0/8 is all local */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	a = lo_addr(0);
	a.sin_addr.s_addr = inet_addr("127.0.0.2");
	CHECK("bind_127_0_0_2", bind(s, SA(&a), sizeof(a)) == 0, "%s", strerror(errno));
	l = sizeof(a);
	getsockname(s, SA(&a), &l);
	t = socket(AF_INET, SOCK_DGRAM, 0);
	sendto(t, "two", 3, 0, SA(&a), sizeof(a));
	l = sizeof(b);
	ssize_t n = recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT, SA(&b), &l);
	if (n < 0) {
		usleep(100000);
		n = recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT, SA(&b), &l);
	}
	CHECK("recv_on_127_0_0_2", n == 3 && b.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "n %zd from %s", n, inet_ntoa(b.sin_addr));
	close(s);
	close(t);
	/* connect autobinds; AF_UNSPEC dissolves the association and, as the
	 * port was not chosen by bind, releases the autobound port too */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	t = udp_bound(&b);
	connect(s, SA(&b), sizeof(b));
	l = sizeof(a);
	getsockname(s, SA(&a), &l);
	CHECK("connect_autobinds", a.sin_port != 0 &&
	      a.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "%s:%d",
	      inet_ntoa(a.sin_addr), ntohs(a.sin_port));
	struct sockaddr un = { .sa_family = AF_UNSPEC };
	CHECK("disconnect", connect(s, &un, sizeof(un)) == 0, "%s", strerror(errno));
	l = sizeof(a);
	getsockname(s, SA(&a), &l);
	CHECK("disconnect_unbinds_autobound", a.sin_port == 0 && a.sin_addr.s_addr == 0,
	      "%s:%d", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
	EXPECT_ERR("send_after_disconnect", send(s, "x", 1, 0), EDESTADDRREQ);
	{
		/* Linux forgets SO_BINDTODEVICE on disconnect too */
		char name[16];
		l = sizeof(name);
		setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
		connect(s, SA(&b), sizeof(b));
		connect(s, &un, sizeof(un));
		CHECK("disconnect_clears_bindtodevice", getsockopt(s, SOL_SOCKET,
		      SO_BINDTODEVICE, name, &l) == 0 && l == 0, "len %u", (unsigned)l);
	}
	CHECK("disconnect_twice", connect(s, &un, sizeof(un)) == 0, "%s", strerror(errno));
	EXPECT_ERR("connect_short_len", connect(s, SA(&b), 1), EINVAL);
	EXPECT_ERR("connect_len_15", connect(s, SA(&b), 15), EINVAL);
	b.sin_family = 12345;
	EXPECT_ERR("connect_bad_family", connect(s, SA(&b), sizeof(b)), EAFNOSUPPORT);
	close(s);
	/* a bound address survives a disconnect; the port only if bind
	 * named it (port 0 asked the kernel to choose: released) */
	s = udp_bound(&a);
	l = sizeof(b);
	getsockname(t, SA(&b), &l);
	connect(s, SA(&b), sizeof(b));
	connect(s, &un, sizeof(un));
	l = sizeof(b);
	getsockname(s, SA(&b), &l);
	CHECK("disconnect_keeps_bound_addr", b.sin_port == 0 &&
	      b.sin_addr.s_addr == a.sin_addr.s_addr, "%s:%d", inet_ntoa(b.sin_addr),
	      ntohs(b.sin_port));
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK("bind_explicit_port", bind(s, SA(&a), sizeof(a)) == 0, "%s", strerror(errno));
	l = sizeof(b);
	getsockname(t, SA(&b), &l);
	connect(s, SA(&b), sizeof(b));
	connect(s, &un, sizeof(un));
	l = sizeof(b);
	getsockname(s, SA(&b), &l);
	CHECK("disconnect_keeps_bound_port", b.sin_port == a.sin_port &&
	      b.sin_addr.s_addr == a.sin_addr.s_addr, "%s:%d", inet_ntoa(b.sin_addr),
	      ntohs(b.sin_port));
	close(s);
	/* bound to INADDR_ANY:0, then connected: the local address of the
	 * connection goes away with it, the port too (bind chose no port) */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	a = (struct sockaddr_in){ .sin_family = AF_INET };
	bind(s, SA(&a), sizeof(a));
	l = sizeof(b);
	getsockname(t, SA(&b), &l);
	connect(s, SA(&b), sizeof(b));
	l = sizeof(a);
	getsockname(s, SA(&a), &l);
	CHECK("connect_sets_local_addr", a.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "%s", inet_ntoa(a.sin_addr));
	connect(s, &un, sizeof(un));
	l = sizeof(a);
	getsockname(s, SA(&a), &l);
	CHECK("disconnect_resets_local_addr", a.sin_addr.s_addr == 0 && a.sin_port == 0,
	      "%s:%d", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
	close(s);
	close(t);
	/* SO_REUSEADDR: both must ask; SO_REUSEPORT likewise */
	{
		int one = 1;
		int x = socket(AF_INET, SOCK_DGRAM, 0), y = socket(AF_INET, SOCK_DGRAM, 0);
		setsockopt(x, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		a = lo_addr(0);
		bind(x, SA(&a), sizeof(a));
		l = sizeof(a);
		getsockname(x, SA(&a), &l);
		EXPECT_ERR("reuseaddr_one_side", bind(y, SA(&a), sizeof(a)), EADDRINUSE);
		setsockopt(y, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		CHECK("reuseaddr_both", bind(y, SA(&a), sizeof(a)) == 0, "%s", strerror(errno));
		close(x);
		close(y);
		x = socket(AF_INET, SOCK_DGRAM, 0);
		y = socket(AF_INET, SOCK_DGRAM, 0);
		setsockopt(x, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
		a = lo_addr(0);
		bind(x, SA(&a), sizeof(a));
		l = sizeof(a);
		getsockname(x, SA(&a), &l);
		EXPECT_ERR("reuseport_one_side", bind(y, SA(&a), sizeof(a)), EADDRINUSE);
		setsockopt(y, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
		CHECK("reuseport_both", bind(y, SA(&a), sizeof(a)) == 0, "%s", strerror(errno));
		int z = socket(AF_INET, SOCK_DGRAM, 0);
		sendto(z, "rp", 2, 0, SA(&a), sizeof(a));
		usleep(10000);
		n = recv(x, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0)
			n = recv(y, buf, sizeof(buf), MSG_DONTWAIT);
		CHECK("reuseport_delivers", n == 2, "n %zd", n);
		close(x);
		close(y);
		close(z);
		/* a wildcard bind conflicts with a specific one on the same port */
		x = udp_bound(&a);
		y = socket(AF_INET, SOCK_DGRAM, 0);
		b = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = a.sin_port };
		EXPECT_ERR("wildcard_vs_specific", bind(y, SA(&b), sizeof(b)), EADDRINUSE);
		close(x);
		close(y);
	}
	/* broadcast on the loopback subnet needs SO_BROADCAST */
	{
		int one = 1;
		struct sockaddr_in any = { .sin_family = AF_INET };
		int r = socket(AF_INET, SOCK_DGRAM, 0);
		bind(r, SA(&any), sizeof(any));
		l = sizeof(any);
		getsockname(r, SA(&any), &l);
		struct sockaddr_in bc = any;
		bc.sin_addr.s_addr = inet_addr("127.255.255.255");
		s = socket(AF_INET, SOCK_DGRAM, 0);
		EXPECT_ERR("broadcast_needs_so_broadcast",
			   sendto(s, "b", 1, 0, SA(&bc), sizeof(bc)), EACCES);
		/* (bound to 127.0.0.1, so 255.255.255.255 routes through lo
		 * even on a host without a default route) */
		struct sockaddr_in lb = any;
		int sb = udp_bound(NULL);
		lb.sin_addr.s_addr = htonl(INADDR_BROADCAST);
		EXPECT_ERR("limited_broadcast_needs_so_broadcast",
			   sendto(sb, "b", 1, 0, SA(&lb), sizeof(lb)), EACCES);
		close(sb);
		EXPECT_ERR("connect_broadcast_needs_so_broadcast",
			   connect(s, SA(&bc), sizeof(bc)), EACCES);
		setsockopt(s, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
		CHECK("broadcast_lo_send", sendto(s, "b", 1, 0, SA(&bc), sizeof(bc)) == 1,
		      "%s", strerror(errno));
		struct timeval tv = { 1, 0 };
		setsockopt(r, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		CHECK("broadcast_lo_receive", recv(r, buf, sizeof(buf), 0) == 1, "%s",
		      strerror(errno));
		close(s);
		close(r);
	}
}

/* ---------------- sockopt: option edge cases ---------------- */

static int getint(int fd, int level, int name, int *v)
{
	socklen_t l = sizeof(*v);

	*v = -12345;
	return getsockopt(fd, level, name, v, &l) == 0 && l == sizeof(*v) ? 0 : -1;
}

static void test_sockopt(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), v, w;
	socklen_t l;

	CHECK("so_type_dgram", getint(s, SOL_SOCKET, SO_TYPE, &v) == 0 && v == SOCK_DGRAM,
	      "%d", v);
	CHECK("so_protocol_udp", getint(s, SOL_SOCKET, SO_PROTOCOL, &v) == 0 &&
	      v == IPPROTO_UDP, "%d", v);
	CHECK("so_domain_inet", getint(s, SOL_SOCKET, SO_DOMAIN, &v) == 0 && v == AF_INET,
	      "%d", v);
	CHECK("so_acceptconn_udp", getint(s, SOL_SOCKET, SO_ACCEPTCONN, &v) == 0 && v == 0,
	      "%d", v);
	v = SOCK_STREAM;
	EXPECT_ERR("so_type_readonly", setsockopt(s, SOL_SOCKET, SO_TYPE, &v, sizeof(v)),
		   ENOPROTOOPT);
	EXPECT_ERR("setsockopt_unknown", setsockopt(s, SOL_SOCKET, 12345, &v, sizeof(v)),
		   ENOPROTOOPT);
	EXPECT_ERR("setsockopt_bad_level", setsockopt(s, 12345, 1, &v, sizeof(v)),
		   ENOPROTOOPT);
	l = sizeof(v);
	/* (getsockopt at a level UDP does not know is EOPNOTSUPP, from IP) */
	EXPECT_ERR("getsockopt_bad_level", getsockopt(s, 12345, 1, &v, &l), EOPNOTSUPP);
	EXPECT_ERR("getsockopt_ip_unknown", getsockopt(s, IPPROTO_IP, 70, &v, &l),
		   ENOPROTOOPT);
	EXPECT_ERR("setsockopt_ip_unknown", setsockopt(s, IPPROTO_IP, 70, &v, sizeof(v)),
		   ENOPROTOOPT);
	EXPECT_ERR("setsockopt_short_int", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, 2),
		   EINVAL);
	EXPECT_ERR("setsockopt_negative_len", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, -1),
		   EINVAL);
	EXPECT_ERR("setsockopt_bad_ptr", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (void *)1, 4),
		   EFAULT);
	l = sizeof(v);
	EXPECT_ERR("getsockopt_bad_ptr", getsockopt(s, SOL_SOCKET, SO_TYPE, (void *)2, &l),
		   EFAULT);
	EXPECT_ERR("getsockopt_bad_lenptr", getsockopt(s, SOL_SOCKET, SO_TYPE, &v,
		   (socklen_t *)8), EFAULT);
	l = (socklen_t)-1;
	EXPECT_ERR("getsockopt_negative_len", getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &l),
		   EINVAL);
	/* an optlen shorter than an int gets the low bytes */
	{
		unsigned char c[4] = { 0xee, 0xee, 0xee, 0xee };
		l = 1;
		CHECK("getsockopt_len1", getsockopt(s, SOL_SOCKET, SO_TYPE, c, &l) == 0 &&
		      l == 1 && c[0] == SOCK_DGRAM && c[1] == 0xee, "len %u c %d",
		      (unsigned)l, c[0]);
		l = 0;
		CHECK("getsockopt_len0", getsockopt(s, SOL_SOCKET, SO_TYPE, c, &l) == 0 &&
		      l == 0, "len %u", (unsigned)l);
		l = 2;
		c[0] = c[1] = 0xee;
		CHECK("ip_ttl_len2_gives_byte", getsockopt(s, IPPROTO_IP, IP_TTL, c, &l) == 0 &&
		      l == 1 && c[0] == 64 && c[1] == 0xee, "len %u c %d %d", (unsigned)l,
		      c[0], c[1]);
		l = 8;
		int big[2] = { -1, -1 };
		CHECK("getsockopt_len_long", getsockopt(s, SOL_SOCKET, SO_TYPE, big, &l) == 0 &&
		      l == 4 && big[0] == SOCK_DGRAM && big[1] == -1, "len %u",
		      (unsigned)l);
	}
	/* buffer sizes: doubled, with Linux's minimums; negative is the maximum */
	CHECK("so_rcvbuf_default", getint(s, SOL_SOCKET, SO_RCVBUF, &v) == 0 && v == 212992,
	      "%d", v);
	CHECK("so_sndbuf_default", getint(s, SOL_SOCKET, SO_SNDBUF, &v) == 0 && v == 212992,
	      "%d", v);
	v = 10000;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	CHECK("so_rcvbuf_doubled", getint(s, SOL_SOCKET, SO_RCVBUF, &v) == 0 && v == 20000,
	      "%d", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	CHECK("so_rcvbuf_min", getint(s, SOL_SOCKET, SO_RCVBUF, &v) == 0 && v == 2304,
	      "%d", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	CHECK("so_sndbuf_min", getint(s, SOL_SOCKET, SO_SNDBUF, &v) == 0 && v == 4608,
	      "%d", v);
	v = 0x7fffffff;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	getint(s, SOL_SOCKET, SO_RCVBUF, &w);
	v = -1;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	CHECK("so_rcvbuf_negative_is_max", getint(s, SOL_SOCKET, SO_RCVBUF, &v) == 0 &&
	      v == w && v >= 2 * 212992, "%d vs %d", v, w);
	v = 0x7fffffff;
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	getint(s, SOL_SOCKET, SO_SNDBUF, &w);
	v = -1;
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	CHECK("so_sndbuf_negative_is_max", getint(s, SOL_SOCKET, SO_SNDBUF, &v) == 0 &&
	      v == w && v >= 2 * 212992, "%d vs %d", v, w);
	/* boolean options read back as 0/1 */
	v = 5;
	setsockopt(s, SOL_SOCKET, SO_BROADCAST, &v, sizeof(v));
	CHECK("so_broadcast_bool", getint(s, SOL_SOCKET, SO_BROADCAST, &v) == 0 && v == 1,
	      "%d", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_DONTROUTE, &v, sizeof(v));
	CHECK("so_dontroute_stored", getint(s, SOL_SOCKET, SO_DONTROUTE, &v) == 0 && v == 1,
	      "%d", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_OOBINLINE, &v, sizeof(v));
	CHECK("so_oobinline_stored", getint(s, SOL_SOCKET, SO_OOBINLINE, &v) == 0 && v == 1,
	      "%d", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v));
	CHECK("so_keepalive_stored", getint(s, SOL_SOCKET, SO_KEEPALIVE, &v) == 0 && v == 1,
	      "%d", v);
	/* low-water marks */
	CHECK("so_rcvlowat_default", getint(s, SOL_SOCKET, SO_RCVLOWAT, &v) == 0 && v == 1,
	      "%d", v);
	v = 5;
	CHECK("so_rcvlowat_set", setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof(v)) == 0 &&
	      getint(s, SOL_SOCKET, SO_RCVLOWAT, &v) == 0 && v == 5, "%d", v);
	v = 0;
	setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof(v));
	CHECK("so_rcvlowat_zero_is_one", getint(s, SOL_SOCKET, SO_RCVLOWAT, &v) == 0 &&
	      v == 1, "%d", v);
	v = -1;
	CHECK("so_rcvlowat_negative_is_max",
	      setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof(v)) == 0 &&
	      getint(s, SOL_SOCKET, SO_RCVLOWAT, &v) == 0 && v == 0x7fffffff, "%d", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof(v));
	v = 5;
	EXPECT_ERR("so_sndlowat_readonly", setsockopt(s, SOL_SOCKET, SO_SNDLOWAT, &v,
		   sizeof(v)), ENOPROTOOPT);
	CHECK("so_sndlowat_one", getint(s, SOL_SOCKET, SO_SNDLOWAT, &v) == 0 && v == 1,
	      "%d", v);
	/* SO_LINGER round trip */
	{
		struct linger lg = { 1, 7 }, got = { -1, -1 };
		l = sizeof(got);
		CHECK("so_linger", setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0 &&
		      getsockopt(s, SOL_SOCKET, SO_LINGER, &got, &l) == 0 && l == sizeof(got) &&
		      got.l_onoff == 1 && got.l_linger == 7, "%d %d", got.l_onoff,
		      got.l_linger);
		lg.l_onoff = 0;
		setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	/* SO_BINDTODEVICE read back */
	{
		char name[32];
		memset(name, 'x', sizeof(name));
		l = sizeof(name);
		CHECK("so_bindtodevice_unbound", getsockopt(s, SOL_SOCKET, SO_BINDTODEVICE,
		      name, &l) == 0 && l == 0, "len %u %s", (unsigned)l, strerror(errno));
		CHECK("so_bindtodevice_lo", setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3)
		      == 0, "%s", strerror(errno));
		l = sizeof(name);
		CHECK("so_bindtodevice_get", getsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, name,
		      &l) == 0 && l == 3 && !strcmp(name, "lo"), "len %u", (unsigned)l);
		l = 4;
		EXPECT_ERR("so_bindtodevice_get_short", getsockopt(s, SOL_SOCKET,
			   SO_BINDTODEVICE, name, &l), EINVAL);
		EXPECT_ERR("so_bindtodevice_nodev", setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE,
			   "nosuchdev0", 11), ENODEV);
		setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "", 0);
		l = sizeof(name);
		CHECK("so_bindtodevice_cleared", getsockopt(s, SOL_SOCKET, SO_BINDTODEVICE,
		      name, &l) == 0 && l == 0, "len %u", (unsigned)l);
	}
	/* IP level */
	CHECK("ip_ttl_default", getint(s, IPPROTO_IP, IP_TTL, &v) == 0 && v == 64, "%d", v);
	v = 0;
	EXPECT_ERR("ip_ttl_zero", setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof(v)), EINVAL);
	v = 256;
	EXPECT_ERR("ip_ttl_256", setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof(v)), EINVAL);
	v = 200;
	CHECK("ip_ttl_set", setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof(v)) == 0 &&
	      getint(s, IPPROTO_IP, IP_TTL, &v) == 0 && v == 200, "%d", v);
	{
		unsigned char c = 33;
		CHECK("ip_ttl_set_byte", setsockopt(s, IPPROTO_IP, IP_TTL, &c, 1) == 0 &&
		      getint(s, IPPROTO_IP, IP_TTL, &v) == 0 && v == 33, "%d", v);
	}
	v = -1;
	CHECK("ip_ttl_reset", setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof(v)) == 0 &&
	      getint(s, IPPROTO_IP, IP_TTL, &v) == 0 && v == 64, "%d", v);
	v = 0x1b8;
	CHECK("ip_tos", setsockopt(s, IPPROTO_IP, IP_TOS, &v, sizeof(v)) == 0 &&
	      getint(s, IPPROTO_IP, IP_TOS, &v) == 0 && v == 0xb8, "0x%x", v);
	CHECK("ip_recverr_default", getint(s, IPPROTO_IP, IP_RECVERR, &v) == 0 && v == 0,
	      "%d", v);
	v = 0;
	EXPECT_ERR("ip_setsockopt_len0", setsockopt(s, IPPROTO_IP, IP_TTL, &v, 0), EINVAL);
	/* Path MTU discovery: WANT by default; IP_MTU needs a peer */
	CHECK("ip_mtu_discover_default", getint(s, IPPROTO_IP, IP_MTU_DISCOVER, &v) == 0 &&
	      v == IP_PMTUDISC_WANT, "%d", v);
	v = IP_PMTUDISC_DO;
	CHECK("ip_mtu_discover_set", setsockopt(s, IPPROTO_IP, IP_MTU_DISCOVER, &v,
	      sizeof(v)) == 0 && getint(s, IPPROTO_IP, IP_MTU_DISCOVER, &v) == 0 &&
	      v == IP_PMTUDISC_DO, "%d", v);
	v = 6;
	EXPECT_ERR("ip_mtu_discover_bad", setsockopt(s, IPPROTO_IP, IP_MTU_DISCOVER, &v,
		   sizeof(v)), EINVAL);
	EXPECT_ERR("ip_mtu_unconnected", getint(s, IPPROTO_IP, IP_MTU, &v), ENOTCONN);
	{
		/* a route's MTU is at most 65535 (Linux IP_MAX_MTU), lo's too */
		struct sockaddr_in peer = lo_addr(9);
		int c = socket(AF_INET, SOCK_DGRAM, 0), m = 0;

		CHECK("ip_mtu_lo", connect(c, SA(&peer), sizeof(peer)) == 0 &&
		      getint(c, IPPROTO_IP, IP_MTU, &m) == 0 && m == 65535, "%d", m);
		close(c);
	}
	/* SO_ERROR with nothing pending is 0 */
	CHECK("so_error_none", getint(s, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0, "%d", v);
	close(s);
	/* SOCK_NONBLOCK | SOCK_CLOEXEC at creation */
	s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	CHECK("sock_cloexec", (fcntl(s, F_GETFD) & FD_CLOEXEC) &&
	      (fcntl(s, F_GETFL) & O_NONBLOCK) && (fcntl(s, F_GETFL) & O_ACCMODE) == O_RDWR,
	      "fd 0x%x fl 0x%x", fcntl(s, F_GETFD), fcntl(s, F_GETFL));
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK("sock_default_flags", !(fcntl(s, F_GETFD) & FD_CLOEXEC) &&
	      fcntl(s, F_GETFL) == O_RDWR, "fd 0x%x fl 0x%x", fcntl(s, F_GETFD),
	      fcntl(s, F_GETFL));
	close(s);
	/* raw sockets (root natively, always in the guest) */
	s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (s >= 0) {
		CHECK("so_type_raw", getint(s, SOL_SOCKET, SO_TYPE, &v) == 0 && v == SOCK_RAW,
		      "%d", v);
		CHECK("so_protocol_raw", getint(s, SOL_SOCKET, SO_PROTOCOL, &v) == 0 &&
		      v == IPPROTO_ICMP, "%d", v);
		close(s);
	}
	EXPECT_ERR("raw_protocol_0", socket(AF_INET, SOCK_RAW, 0), EPROTONOSUPPORT);
}

/* ---------------- shut: shutdown on UDP ---------------- */

static volatile int sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static void test_shut(void)
{
	int tx, rx;
	struct sockaddr_in ra;
	struct pollfd pf;
	char buf[16];

	udp_pair(&tx, &rx, &ra);
	/* unconnected: ENOTCONN, but still shut down */
	int u = udp_bound(NULL);
	EXPECT_ERR("shutdown_unconnected", shutdown(u, SHUT_RD), ENOTCONN);
	pf = (struct pollfd){ .fd = u, .events = POLLIN | POLLOUT | POLLRDHUP };
	CHECK("shutdown_unconnected_poll", poll(&pf, 1, 0) == 1 &&
	      pf.revents == (POLLIN | POLLOUT | POLLRDHUP), "revents 0x%x", pf.revents);
	EXPECT_ERR("shutdown_bad_how", shutdown(u, 3), EINVAL);
	EXPECT_ERR("shutdown_negative_how", shutdown(u, -1), EINVAL);
	close(u);
	/* SHUT_RD on a connected socket: succeeds; an empty queue reads as
	 * end of data when blocking, EAGAIN when not */
	pf = (struct pollfd){ .fd = rx, .events = POLLIN | POLLOUT | POLLRDHUP };
	CHECK("poll_before_shutdown", poll(&pf, 1, 0) == 1 && pf.revents == POLLOUT,
	      "revents 0x%x", pf.revents);
	{
		struct sockaddr_in ta;
		socklen_t tl = sizeof(ta);
		getsockname(tx, SA(&ta), &tl);
		connect(rx, SA(&ta), sizeof(ta));
	}
	CHECK("shutdown_rd", shutdown(rx, SHUT_RD) == 0, "%s", strerror(errno));
	pf.revents = 0;
	CHECK("poll_after_shut_rd", poll(&pf, 1, 0) == 1 &&
	      pf.revents == (POLLIN | POLLOUT | POLLRDHUP), "revents 0x%x", pf.revents);
	CHECK("recv_after_shut_rd", recv(rx, buf, sizeof(buf), 0) == 0, "%s",
	      strerror(errno));
	EXPECT_ERR("recv_dontwait_after_shut_rd", recv(rx, buf, sizeof(buf), MSG_DONTWAIT),
		   EAGAIN);
	/* datagrams still arrive and are read */
	send(tx, "late", 4, 0);
	usleep(1000);
	CHECK("recv_data_after_shut_rd", recv(rx, buf, sizeof(buf), 0) == 4, "%s",
	      strerror(errno));
	/* SHUT_WR: send fails with EPIPE, and UDP raises no SIGPIPE */
	signal(SIGPIPE, on_sigpipe);
	CHECK("shutdown_wr", shutdown(rx, SHUT_WR) == 0, "%s", strerror(errno));
	EXPECT_ERR("send_after_shut_wr", send(rx, "x", 1, 0), EPIPE);
	EXPECT_ERR("sendto_after_shut_wr", sendto(rx, "x", 1, 0, SA(&ra), sizeof(ra)), EPIPE);
	CHECK("no_sigpipe_udp", sigpipes == 0, "%d SIGPIPEs", sigpipes);
	signal(SIGPIPE, SIG_DFL);
	pf.revents = 0;
	CHECK("poll_after_shut_rdwr", poll(&pf, 1, 0) == 1 &&
	      pf.revents == (POLLIN | POLLOUT | POLLRDHUP | POLLHUP), "revents 0x%x",
	      pf.revents);
	/* POLLWRBAND is part of a datagram socket's writability */
	pf = (struct pollfd){ .fd = tx, .events = POLLOUT | POLLWRNORM | POLLWRBAND };
	CHECK("poll_wrband", poll(&pf, 1, 0) == 1 &&
	      pf.revents == (POLLOUT | POLLWRNORM | POLLWRBAND), "revents 0x%x", pf.revents);
	close(tx);
	close(rx);
}

/* ---------------- ioctl: FIONREAD/SIOCOUTQ/FIONBIO ---------------- */

/* SIOCGIF* on a socket, with lo as Linux configures it. */
static void test_ifreq(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), idx = -1;
	struct ifreq r;
	struct ifconf ifc;
	char buf[40 * 16];

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	CHECK("siocgifindex_lo", ioctl(s, SIOCGIFINDEX, &r) == 0 && r.ifr_ifindex > 0,
	      "%s", strerror(errno));
	idx = r.ifr_ifindex;
	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = idx;
	CHECK("siocgifname", ioctl(s, SIOCGIFNAME, &r) == 0 && !strcmp(r.ifr_name, "lo"),
	      "%s", r.ifr_name);
	strcpy(r.ifr_name, "lo");
	CHECK("siocgifflags_lo", ioctl(s, SIOCGIFFLAGS, &r) == 0 &&
	      (r.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING)) ==
	      (IFF_UP | IFF_LOOPBACK | IFF_RUNNING), "0x%x", r.ifr_flags);
	CHECK("siocgifmtu_lo", ioctl(s, SIOCGIFMTU, &r) == 0 && r.ifr_mtu == 65536,
	      "%d", r.ifr_mtu);
	CHECK("siocgifaddr_lo", ioctl(s, SIOCGIFADDR, &r) == 0 &&
	      r.ifr_addr.sa_family == AF_INET &&
	      ((struct sockaddr_in *)&r.ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "%s", strerror(errno));
	CHECK("siocgifnetmask_lo", ioctl(s, SIOCGIFNETMASK, &r) == 0 &&
	      ((struct sockaddr_in *)&r.ifr_netmask)->sin_addr.s_addr == htonl(0xff000000),
	      "%s", strerror(errno));
	CHECK("siocgifhwaddr_lo", ioctl(s, SIOCGIFHWADDR, &r) == 0 &&
	      r.ifr_hwaddr.sa_family == 772 /* ARPHRD_LOOPBACK */, "%d",
	      r.ifr_hwaddr.sa_family);
	strcpy(r.ifr_name, "nosuchif0");
	EXPECT_ERR("siocgifflags_nodev", ioctl(s, SIOCGIFFLAGS, &r), ENODEV);
	EXPECT_ERR("siocgifaddr_bad_ptr", ioctl(s, SIOCGIFADDR, (void *)8), EFAULT);
	/* SIOCGIFCONF: the length needed, then one entry per address */
	ifc.ifc_len = 0;
	ifc.ifc_buf = NULL;
	CHECK("siocgifconf_len", ioctl(s, SIOCGIFCONF, &ifc) == 0 && ifc.ifc_len > 0 &&
	      ifc.ifc_len % (int)sizeof(struct ifreq) == 0, "%d", ifc.ifc_len);
	ifc.ifc_len = sizeof(buf);
	ifc.ifc_buf = buf;
	{
		int found = 0;

		if (ioctl(s, SIOCGIFCONF, &ifc) == 0)
			for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++) {
				struct ifreq *e = &ifc.ifc_req[i];

				if (!strcmp(e->ifr_name, "lo") &&
				    ((struct sockaddr_in *)&e->ifr_addr)->sin_addr.s_addr ==
				    htonl(INADDR_LOOPBACK))
					found = 1;
			}
		CHECK("siocgifconf_lo", found, "len %d", ifc.ifc_len);
	}
	close(s);
}

static void test_ioctl(void)
{
	int tx, rx, v;
	char buf[64];

	test_ifreq();

	udp_pair(&tx, &rx, NULL);
	v = -1;
	CHECK("fionread_empty", ioctl(rx, FIONREAD, &v) == 0 && v == 0, "%d", v);
	send(tx, "12345", 5, 0);
	send(tx, "123", 3, 0);
	usleep(1000);
	CHECK("fionread_next_datagram", ioctl(rx, FIONREAD, &v) == 0 && v == 5, "%d", v);
	recv(rx, buf, sizeof(buf), 0);
	CHECK("fionread_second", ioctl(rx, FIONREAD, &v) == 0 && v == 3, "%d", v);
	recv(rx, buf, sizeof(buf), 0);
	send(tx, "", 0, 0);
	send(tx, "abc", 3, 0);
	usleep(1000);
	v = -1;
	CHECK("fionread_zero_len_datagram", ioctl(rx, FIONREAD, &v) == 0 && v == 0, "%d", v);
	recv(rx, buf, sizeof(buf), 0);
	recv(rx, buf, sizeof(buf), 0);
	EXPECT_ERR("fionread_bad_ptr", ioctl(rx, FIONREAD, (void *)1), EFAULT);
	v = -1;
	CHECK("siocoutq_idle", ioctl(tx, TIOCOUTQ, &v) == 0 && v == 0, "%d", v);
	EXPECT_ERR("ioctl_tcgets_enotty", ioctl(rx, TCGETS, buf), ENOTTY);
	CHECK("isatty_socket", !isatty(rx), "a socket is a tty");
	v = 1;
	CHECK("fionbio_on", ioctl(rx, FIONBIO, &v) == 0 && (fcntl(rx, F_GETFL) & O_NONBLOCK),
	      "%s", strerror(errno));
	EXPECT_ERR("fionbio_eagain", recv(rx, buf, sizeof(buf), 0), EAGAIN);
	v = 0;
	CHECK("fionbio_off", ioctl(rx, FIONBIO, &v) == 0 && !(fcntl(rx, F_GETFL) & O_NONBLOCK),
	      "%s", strerror(errno));
	/* sockets cannot seek */
	EXPECT_ERR("lseek_espipe", lseek(rx, 0, SEEK_CUR), ESPIPE);
	EXPECT_ERR("pread_espipe", pread(rx, buf, 1, 0), ESPIPE);
	EXPECT_ERR("pwrite_espipe", pwrite(tx, buf, 1, 0), ESPIPE);
	close(tx);
	close(rx);
}

/* ---------------- epollx: more epoll edge cases ---------------- */

static void test_epollx(void)
{
	struct sockaddr_in b;
	int s = udp_bound(NULL), r = udp_bound(&b), ep = epoll_create1(0), n;
	struct epoll_event ev = { .events = EPOLLOUT, .data.u32 = 7 }, out[4];
	char buf[8];

	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	n = ep_wait(ep, out, 4, 0);
	CHECK("epoll_udp_epollout", n == 1 && out[0].events == EPOLLOUT &&
	      out[0].data.u32 == 7, "n %d", n);
	epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL);
	EXPECT_ERR("epoll_wait_maxevents_negative", epoll_wait(ep, out, -1, 0), EINVAL);
	EXPECT_ERR("epoll_create_size0", epoll_create(0), EINVAL);
	EXPECT_ERR("epoll_create1_bad_flags", epoll_create1(1), EINVAL);
	EXPECT_ERR("epoll_ctl_add_null_event", epoll_ctl(ep, EPOLL_CTL_ADD, r, NULL), EFAULT);
	/* EPOLLEXCLUSIVE: accepted on ADD, refused on MOD and with ONESHOT */
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLEXCLUSIVE, .data.u32 = 1 };
	CHECK("epoll_exclusive_add", epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev) == 0, "%s",
	      strerror(errno));
	EXPECT_ERR("epoll_exclusive_mod", epoll_ctl(ep, EPOLL_CTL_MOD, r, &ev), EINVAL);
	ev.events = EPOLLIN;
	EXPECT_ERR("epoll_mod_of_exclusive", epoll_ctl(ep, EPOLL_CTL_MOD, r, &ev), EINVAL);
	sendto(s, "x", 1, 0, SA(&b), sizeof(b));
	CHECK("epoll_exclusive_event", ep_wait(ep, out, 4, 1000) == 1 &&
	      out[0].events == EPOLLIN, "no event");
	recv(r, buf, sizeof(buf), 0);
	epoll_ctl(ep, EPOLL_CTL_DEL, r, NULL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	EXPECT_ERR("epoll_exclusive_oneshot", epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev), EINVAL);
	/* an epoll registration belongs to the open file: a dup keeps it alive */
	{
		int d = dup(r);
		ev = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 42 };
		epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev);
		close(r);
		sendto(s, "y", 1, 0, SA(&b), sizeof(b));
		n = ep_wait(ep, out, 4, 1000);
		CHECK("epoll_dup_keeps_registration", n == 1 && out[0].data.u32 == 42,
		      "n %d", n);
		EXPECT_ERR("epoll_del_closed_fd", epoll_ctl(ep, EPOLL_CTL_DEL, r, NULL), EBADF);
		recv(d, buf, sizeof(buf), 0);
		close(d);
		sendto(s, "y", 1, 0, SA(&b), sizeof(b));
		CHECK("epoll_last_close_removes", ep_wait(ep, out, 4, 50) == 0, "reported");
	}
	/* a socket with an error reports EPOLLERR even if not asked */
	{
		struct sockaddr_in dead;
		int hole = udp_bound(&dead), c = socket(AF_INET, SOCK_DGRAM, 0);
		close(hole);
		connect(c, SA(&dead), sizeof(dead));
		ev = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 9 };
		epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
		send(c, "x", 1, 0);
		n = ep_wait(ep, out, 4, 1000);
		CHECK("epoll_err_unrequested", n == 1 && out[0].events == EPOLLERR, "n %d ev 0x%x",
		      n, n > 0 ? out[0].events : 0);
		/* a send reports the pending error (and clears it) instead of sending */
		EXPECT_ERR("send_reports_pending_error", send(c, "x", 1, 0), ECONNREFUSED);
		int v = -1;
		socklen_t vl = sizeof(v);
		getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl);
		CHECK("send_cleared_error", v == 0, "SO_ERROR %d", v);
		CHECK("send_after_reported_error", send(c, "x", 1, 0) == 1, "%s",
		      strerror(errno));
		close(c);
	}
	close(ep);
	close(s);
}

/* Control messages on recvmsg: SO_TIMESTAMP, IP_PKTINFO, IP_RECVTTL,
 * IP_RECVTOS, and MSG_CTRUNC when the buffer is too small. */
static struct cmsghdr *find_cmsg(struct msghdr *m, int level, int type)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if (c->cmsg_level == level && c->cmsg_type == type)
			return c;
	return NULL;
}

static void test_cmsg(void)
{
	int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = lo_addr(0);
	socklen_t al = sizeof(a);
	union { char buf[512]; struct cmsghdr align; } ctl;
	char data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	struct timeval now;
	int one = 1, v, tos = 0x10;

	bind(r, SA(&a), sizeof(a));
	getsockname(r, SA(&a), &al);
	CHECK("ip_pktinfo_default_off", getint(r, IPPROTO_IP, IP_PKTINFO, &v) == 0 && v == 0,
	      "%d", v);
	setsockopt(r, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one));
	setsockopt(r, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one));
	setsockopt(r, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one));
	setsockopt(r, IPPROTO_IP, IP_RECVTOS, &one, sizeof(one));
	CHECK("so_timestamp_stored", getint(r, SOL_SOCKET, SO_TIMESTAMP, &v) == 0 && v == 1,
	      "%d", v);
	CHECK("ip_pktinfo_stored", getint(r, IPPROTO_IP, IP_PKTINFO, &v) == 0 && v == 1,
	      "%d", v);
	setsockopt(s, IPPROTO_IP, IP_TOS, &tos, sizeof(tos));
	sendto(s, "cmsg", 4, 0, SA(&a), sizeof(a));
	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	CHECK("cmsg_recvmsg", recvmsg(r, &m, 0) == 4 && !(m.msg_flags & MSG_CTRUNC),
	      "flags 0x%x", m.msg_flags);
	gettimeofday(&now, NULL);
	c = find_cmsg(&m, SOL_SOCKET, SCM_TIMESTAMP);
	CHECK("cmsg_timestamp", c && c->cmsg_len == CMSG_LEN(sizeof(struct timeval)) &&
	      labs(((struct timeval *)CMSG_DATA(c))->tv_sec - now.tv_sec) <= 5,
	      "%p", (void *)c);
	c = find_cmsg(&m, IPPROTO_IP, IP_PKTINFO);
	{
		struct in_pktinfo pi;

		if (c)
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
		CHECK("cmsg_pktinfo", c && c->cmsg_len == CMSG_LEN(sizeof(pi)) &&
		      pi.ipi_ifindex > 0 && pi.ipi_addr.s_addr == htonl(INADDR_LOOPBACK) &&
		      pi.ipi_spec_dst.s_addr == htonl(INADDR_LOOPBACK),
		      "%p", (void *)c);
	}
	c = find_cmsg(&m, IPPROTO_IP, IP_TTL);
	CHECK("cmsg_ttl", c && c->cmsg_len == CMSG_LEN(sizeof(int)) &&
	      *(int *)CMSG_DATA(c) == 64, "%p", (void *)c);
	c = find_cmsg(&m, IPPROTO_IP, IP_TOS);
	CHECK("cmsg_tos", c && c->cmsg_len == CMSG_LEN(1) && *CMSG_DATA(c) == 0x10,
	      "%p", (void *)c);
	/* no room for even a header: MSG_CTRUNC, nothing written */
	sendto(s, "cmsg", 4, 0, SA(&a), sizeof(a));
	m.msg_controllen = 8;
	m.msg_flags = 0;
	CHECK("cmsg_ctrunc", recvmsg(r, &m, 0) == 4 && (m.msg_flags & MSG_CTRUNC) &&
	      m.msg_controllen == 0, "flags 0x%x len %zu", m.msg_flags,
	      (size_t)m.msg_controllen);
	/* turned off: no control messages at all */
	v = 0;
	setsockopt(r, SOL_SOCKET, SO_TIMESTAMP, &v, sizeof(v));
	setsockopt(r, IPPROTO_IP, IP_PKTINFO, &v, sizeof(v));
	setsockopt(r, IPPROTO_IP, IP_RECVTTL, &v, sizeof(v));
	setsockopt(r, IPPROTO_IP, IP_RECVTOS, &v, sizeof(v));
	sendto(s, "cmsg", 4, 0, SA(&a), sizeof(a));
	m.msg_controllen = sizeof(ctl.buf);
	m.msg_flags = 0;
	CHECK("cmsg_none_when_off", recvmsg(r, &m, 0) == 4 && m.msg_controllen == 0,
	      "len %zu", (size_t)m.msg_controllen);
	close(r);
	close(s);
}

/* UDP_CORK and MSG_MORE (udp(7)): sends gather into one datagram, to
 * the first send's destination; one that grows too big is dropped whole. */
static void test_udp_cork(void)
{
	struct sockaddr_in a, b, c;
	char buf[256];
	int s1 = udp_bound(&a), s2 = udp_bound(&b), s3 = udp_bound(&c), v;
	socklen_t vl = sizeof(v);
	char *big = calloc(1, 40000);

	(void)a;
	fcntl(s2, F_SETFL, O_NONBLOCK);
	fcntl(s3, F_SETFL, O_NONBLOCK);
	CHECK("msg_more_gathers", sendto(s1, "ab", 2, MSG_MORE, SA(&b), sizeof(b)) == 2 &&
	      recv(s2, buf, sizeof(buf), 0) < 0 && errno == EAGAIN &&
	      sendto(s1, "cd", 2, 0, SA(&b), sizeof(b)) == 2 &&
	      recv(s2, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "abcd", 4),
	      "%s", strerror(errno));
	CHECK("msg_more_first_destination",
	      sendto(s1, "1", 1, MSG_MORE, SA(&b), sizeof(b)) == 1 &&
	      sendto(s1, "2", 1, 0, SA(&c), sizeof(c)) == 1 &&
	      recv(s2, buf, sizeof(buf), 0) == 2 && !memcmp(buf, "12", 2) &&
	      recv(s3, buf, sizeof(buf), 0) < 0, "%s", strerror(errno));
	CHECK("udp_cork_default", getsockopt(s1, SOL_UDP, UDP_CORK, &v, &vl) == 0 && v == 0,
	      "%d", v);
	v = 1;
	CHECK("udp_cork_set", setsockopt(s1, SOL_UDP, UDP_CORK, &v, sizeof(v)) == 0 &&
	      getsockopt(s1, SOL_UDP, UDP_CORK, &v, &vl) == 0 && v == 1, "%s",
	      strerror(errno));
	sendto(s1, "x", 1, 0, SA(&b), sizeof(b));
	sendto(s1, "y", 1, 0, SA(&b), sizeof(b));
	CHECK("udp_cork_holds", recv(s2, buf, sizeof(buf), 0) < 0 && errno == EAGAIN,
	      "sent while corked");
	v = 0;
	CHECK("udp_uncork_sends", setsockopt(s1, SOL_UDP, UDP_CORK, &v, sizeof(v)) == 0 &&
	      recv(s2, buf, sizeof(buf), 0) == 2 && !memcmp(buf, "xy", 2),
	      "%s", strerror(errno));
	CHECK("msg_more_too_big_first", sendto(s1, big, 40000, MSG_MORE, SA(&b),
					       sizeof(b)) == 40000, "%s", strerror(errno));
	EXPECT_ERR("msg_more_too_big", sendto(s1, big, 30000, 0, SA(&b), sizeof(b)),
		   EMSGSIZE);
	CHECK("msg_more_dropped_whole", sendto(s1, "z", 1, 0, SA(&b), sizeof(b)) == 1 &&
	      recv(s2, buf, sizeof(buf), 0) == 1 && buf[0] == 'z' &&
	      recv(s2, buf, sizeof(buf), 0) < 0, "%s", strerror(errno));
	free(big);
	close(s1);
	close(s2);
	close(s3);
}

static const struct ktest_group groups[] = {
	{ "udp", test_udp }, { "errors", test_errors }, { "timeouts", test_timeouts },
	{ "refused", test_refused }, { "poll", test_poll }, { "epoll", test_epoll },
	{ "epoll1000", test_epoll1000 }, { "tcp", test_tcp },
	{ "dgram", test_dgram }, { "addr", test_addr }, { "sockopt", test_sockopt },
	{ "shut", test_shut }, { "ioctl", test_ioctl }, { "epollx", test_epollx },
	{ "cmsg", test_cmsg }, { "udpcork", test_udp_cork },
};

int main(int argc, char **argv)
{
	return ktest_main(argc, argv, groups, sizeof(groups) / sizeof(groups[0]));
}
