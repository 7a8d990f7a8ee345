/* Name resolution: inet_pton/ntop/aton, getaddrinfo with numeric hosts,
 * a hosts file (HOSTS_FILE override) and DNS against a scripted server
 * forked on 127.0.0.1 (RESOLV_CONF override, "nameserver 127.0.0.1#PORT").
 * The server answers by query name: normal A records, a CNAME chain,
 * NXDOMAIN, SERVFAIL, a dropped first query (retry), a wrong ID before
 * the right answer, and a compression-pointer loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>
#include <time.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "check.h"

static void test_inet(void)
{
	struct in_addr a;
	char buf[INET_ADDRSTRLEN];

	CHECK_INT(inet_pton(AF_INET, "192.168.1.20", &a), 1);
	CHECK(a.s_addr == htonl(0xc0a80114));
	CHECK_STR(inet_ntop(AF_INET, &a, buf, sizeof(buf)), "192.168.1.20");
	CHECK_INT(inet_pton(AF_INET, "256.1.1.1", &a), 0);
	CHECK_INT(inet_pton(AF_INET, "1.2.3", &a), 0);
	CHECK_INT(inet_pton(AF_INET, "1.2.3.4.5", &a), 0);
	CHECK_INT(inet_pton(AF_INET, "01.2.3.4", &a), 0);
	CHECK_INT(inet_pton(AF_INET, "1.2.3.4 ", &a), 0);
	CHECK_INT(inet_pton(AF_INET, "", &a), 0);
	CHECK_INT(inet_pton(AF_INET, "0.0.0.0", &a), 1);
	CHECK_INT(inet_pton(AF_INET, "255.255.255.255", &a), 1);
	CHECK_INT(inet_pton(12345, "1.2.3.4", &a), -1);
	CHECK_INT(errno, EAFNOSUPPORT);
	a.s_addr = htonl(0x7f000001);
	CHECK(inet_ntop(AF_INET, &a, buf, 9) == NULL);
	CHECK_INT(errno, ENOSPC);
	CHECK_STR(inet_ntoa(a), "127.0.0.1");
	CHECK(inet_addr("10.0.0.1") == htonl(0x0a000001));
	CHECK(inet_addr("10.1") == htonl(0x0a000001));
	CHECK(inet_addr("0x7f.1") == htonl(0x7f000001));
	CHECK(inet_addr("1.2.3.999") == INADDR_NONE);
	CHECK(inet_aton("127.0.0.1", &a) == 1);
	CHECK(inet_aton("x", &a) == 0);
	CHECK(htons(0x1234) == 0x3412 && ntohl(htonl(0xdeadbeef)) == 0xdeadbeef);
}

static uint32_t first_addr(struct addrinfo *ai)
{
	return ntohl(((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr);
}

static int count(struct addrinfo *ai)
{
	int n = 0;

	for (; ai; ai = ai->ai_next)
		n++;
	return n;
}

static void test_numeric_and_hosts(const char *hosts)
{
	struct addrinfo hints = { .ai_family = AF_INET }, *res = NULL;

	CHECK_INT(getaddrinfo("10.1.2.3", "80", &hints, &res), 0);
	CHECK(res && first_addr(res) == 0x0a010203);
	CHECK_INT(count(res), 3);          /* STREAM, DGRAM, RAW, as glibc */
	freeaddrinfo(res);
	hints.ai_socktype = SOCK_DGRAM;
	CHECK_INT(getaddrinfo("10.1.2.3", "http", &hints, &res), 0);
	CHECK(res && count(res) == 1 && res->ai_protocol == IPPROTO_UDP &&
	      ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port) == 80);
	freeaddrinfo(res);
	hints.ai_flags = AI_PASSIVE;
	CHECK_INT(getaddrinfo(NULL, "7", &hints, &res), 0);
	CHECK(res && first_addr(res) == 0);
	freeaddrinfo(res);
	hints.ai_flags = 0;
	CHECK_INT(getaddrinfo(NULL, "7", &hints, &res), 0);
	CHECK(res && first_addr(res) == 0x7f000001);
	freeaddrinfo(res);
	CHECK_INT(getaddrinfo(NULL, NULL, &hints, &res), EAI_NONAME);
	CHECK_INT(getaddrinfo("1.2.3.4", "nosuchservice", &hints, &res), EAI_SERVICE);
	CHECK_INT(getaddrinfo("1.2.3.4", "70000", &hints, &res), EAI_SERVICE);
	hints.ai_flags = AI_NUMERICHOST;
	CHECK_INT(getaddrinfo("example.test", "1", &hints, &res), EAI_NONAME);
	hints.ai_flags = 0;
	hints.ai_family = AF_INET6;
	CHECK_INT(getaddrinfo("1.2.3.4", "1", &hints, &res), EAI_FAMILY);
	hints.ai_family = AF_INET;
	hints.ai_socktype = 99;
	CHECK_INT(getaddrinfo("1.2.3.4", "1", &hints, &res), EAI_SOCKTYPE);
	hints.ai_socktype = SOCK_STREAM;
	CHECK_STR(gai_strerror(EAI_NONAME), "Name or service not known");

	setenv("HOSTS_FILE", hosts, 1);
	hints.ai_flags = AI_CANONNAME;
	CHECK_INT(getaddrinfo("alias2", "22", &hints, &res), 0);
	CHECK(res && first_addr(res) == 0xc0a84d05);
	CHECK(res && res->ai_canonname && !strcmp(res->ai_canonname, "server.lan"));
	freeaddrinfo(res);
	CHECK_INT(getaddrinfo("MULTI", NULL, &hints, &res), 0);
	CHECK_INT(count(res), 2);
	freeaddrinfo(res);
	CHECK_INT(getaddrinfo("localhost", NULL, &hints, &res), 0);
	CHECK(res && first_addr(res) == 0x7f000001);
	freeaddrinfo(res);
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(8080),
				   .sin_addr.s_addr = htonl(0xc0a84d05) };
	char host[64], serv[16];
	CHECK_INT(getnameinfo((struct sockaddr *)&sin, sizeof(sin), host,
			      sizeof(host), serv, sizeof(serv), 0), 0);
	CHECK_STR(host, "server.lan");
	CHECK_STR(serv, "8080");
	CHECK_INT(getnameinfo((struct sockaddr *)&sin, sizeof(sin), host,
			      sizeof(host), NULL, 0, NI_NUMERICHOST), 0);
	CHECK_STR(host, "192.168.77.5");
	struct hostent *he = gethostbyname("server.lan");
	CHECK(he && he->h_length == 4 && he->h_addr_list[0] &&
	      !memcmp(he->h_addr_list[0], &sin.sin_addr, 4));
}

/* ---- the scripted DNS server ---- */

static int put_name(unsigned char *p, const char *name)
{
	int n = 0;

	while (*name) {
		int l = (int)strcspn(name, ".");
		p[n++] = (unsigned char)l;
		memcpy(p + n, name, l);
		n += l;
		name += l + (name[l] == '.');
	}
	p[n++] = 0;
	return n;
}

static int add_rr(unsigned char *p, int name_ptr, int type, const void *rd,
		  int rdlen)
{
	int n = 0;

	p[n++] = (unsigned char)(0xc0 | name_ptr >> 8);
	p[n++] = (unsigned char)name_ptr;
	p[n++] = 0; p[n++] = (unsigned char)type;
	p[n++] = 0; p[n++] = 1;                     /* IN */
	p[n++] = 0; p[n++] = 0; p[n++] = 1; p[n++] = 0;   /* TTL 256 */
	p[n++] = (unsigned char)(rdlen >> 8);
	p[n++] = (unsigned char)rdlen;
	memcpy(p + n, rd, rdlen);
	return n + rdlen;
}

static void serve(int fd)
{
	unsigned char q[512], r[512];
	int drop_seen = 0;

	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
		if (n < 17)
			continue;
		char name[256] = "";
		int off = 12, o = 0;
		while (off < n && q[off] && o < 200) {
			int l = q[off];
			if (o)
				name[o++] = '.';
			memcpy(name + o, q + off + 1, l);
			o += l;
			off += l + 1;
		}
		name[o] = 0;
		int qend = off + 1 + 4;
		memcpy(r, q, qend);
		r[2] = 0x81;                    /* QR, RD */
		r[3] = 0x80;                    /* RA, NOERROR */
		r[6] = r[7] = r[8] = r[9] = r[10] = r[11] = 0;
		int len = qend, an = 0;
		unsigned char a1[4] = { 10, 0, 0, 1 }, a2[4] = { 10, 0, 0, 2 };
		if (!strcmp(name, "a.test")) {
			len += add_rr(r + len, 12, 1, a1, 4);
			len += add_rr(r + len, 12, 1, a2, 4);
			an = 2;
		} else if (!strcmp(name, "cname.test")) {
			unsigned char target[64];
			int tl = put_name(target, "real.test");
			int tpos = len + 12;    /* where the CNAME rdata lands */
			len += add_rr(r + len, 12, 5, target, tl);
			unsigned char a3[4] = { 10, 1, 1, 1 };
			len += add_rr(r + len, tpos, 1, a3, 4);
			an = 2;
		} else if (!strcmp(name, "nx.test")) {
			r[3] = 0x83;
		} else if (!strcmp(name, "fail.test")) {
			r[3] = 0x82;
		} else if (!strcmp(name, "drop.test")) {
			if (!drop_seen++)
				continue;
			len += add_rr(r + len, 12, 1, a1, 4);
			an = 1;
		} else if (!strcmp(name, "wrongid.test")) {
			len += add_rr(r + len, 12, 1, a2, 4);
			r[7] = 1;
			r[0] ^= 0xff;           /* first a reply with another ID */
			sendto(fd, r, len, 0, (struct sockaddr *)&from, fl);
			r[0] ^= 0xff;
			an = 1;
		} else if (!strcmp(name, "loop.test")) {
			r[len] = 0xc0;          /* answer name points at itself */
			r[len + 1] = (unsigned char)len;
			len += 2;
			an = 1;
		}
		r[7] = (unsigned char)an;
		sendto(fd, r, len, 0, (struct sockaddr *)&from, fl);
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_dns(const char *conf_path)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM }, *res = NULL;
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	FILE *f;
	pid_t pid;
	long t0;

	CHECK_INT(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	getsockname(fd, (struct sockaddr *)&sa, &sl);
	pid = fork();
	if (pid == 0) {
		alarm(60);                      /* never outlive the test */
		serve(fd);
	}
	close(fd);
	f = fopen(conf_path, "w");
	fprintf(f, "# test\nnameserver 127.0.0.1#%u\noptions timeout:1 attempts:2\n",
		ntohs(sa.sin_port));
	fclose(f);
	setenv("RESOLV_CONF", conf_path, 1);

	hints.ai_flags = AI_CANONNAME;
	CHECK_INT(getaddrinfo("a.test", "53", &hints, &res), 0);
	CHECK_INT(count(res), 2);
	CHECK(res && first_addr(res) == 0x0a000001 &&
	      first_addr(res->ai_next) == 0x0a000002);
	freeaddrinfo(res);
	CHECK_INT(getaddrinfo("cname.test", NULL, &hints, &res), 0);
	CHECK(res && first_addr(res) == 0x0a010101);
	CHECK(res && res->ai_canonname && !strcmp(res->ai_canonname, "real.test"));
	freeaddrinfo(res);
	CHECK_INT(getaddrinfo("nx.test", NULL, &hints, &res), EAI_NONAME);
	CHECK_INT(getaddrinfo("fail.test", NULL, &hints, &res), EAI_AGAIN);
	t0 = now_ms();
	CHECK_INT(getaddrinfo("drop.test", NULL, &hints, &res), 0);
	CHECK(now_ms() - t0 >= 900);       /* answered on the retry */
	freeaddrinfo(res);
	CHECK_INT(getaddrinfo("wrongid.test", NULL, &hints, &res), 0);
	CHECK(res && first_addr(res) == 0x0a000002);
	freeaddrinfo(res);
	t0 = now_ms();
	CHECK_INT(getaddrinfo("loop.test", NULL, &hints, &res), EAI_AGAIN);
	CHECK(now_ms() - t0 < 5000);       /* bounded by timeout x attempts */
	CHECK_INT(getaddrinfo("bad..name", NULL, &hints, &res), EAI_NONAME);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);

	/* Nobody listening: ICMP port unreachable -> fail fast, EAI_AGAIN. */
	t0 = now_ms();
	CHECK_INT(getaddrinfo("a.test", NULL, &hints, &res), EAI_AGAIN);
	CHECK(now_ms() - t0 < 5000);
}

int main(void)
{
	char hosts[] = "/tmp/libc_hosts_XXXXXX", conf[] = "/tmp/libc_resolv_XXXXXX";
	int fd = mkstemp(hosts);

	dprintf(fd, "# comment\n127.0.0.1 localhost\n"
		    "192.168.77.5\tserver.lan alias1 alias2 # trailing\n"
		    "::1 ip6-localhost\n10.9.9.1 multi\n10.9.9.2 multi\n");
	close(fd);
	close(mkstemp(conf));
	test_inet();
	test_numeric_and_hosts(hosts);
	test_dns(conf);
	unlink(hosts);
	unlink(conf);
	return check_summary();
}
