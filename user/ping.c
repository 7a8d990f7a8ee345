/* ping [-c COUNT] [-s SIZE] [-i INTERVAL] [-W TIMEOUT] HOST
 * ICMP echo (RFC 792) over a raw socket (SOCK_RAW, IPPROTO_ICMP: we write
 * the ICMP message, the kernel adds the IP header; reads return the whole
 * IP datagram). Output follows iputils ping:
 *   PING host (a.b.c.d) 56(84) bytes of data.
 *   64 bytes from a.b.c.d: icmp_seq=1 ttl=64 time=0.045 ms
 *   --- host ping statistics ---
 *   N packets transmitted, M received, P% packet loss, time Tms
 *   rtt min/avg/max/mdev = a/b/c/d ms
 * Exit status: 0 if any reply arrived, 1 if none, 2 on errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <time.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <arpa/inet.h>

#define MAX_SEQ 65536

static volatile sig_atomic_t interrupted;
static double sent_at[MAX_SEQ];
static int transmitted, received;
static double rtt_min = 1e9, rtt_max, rtt_sum, rtt_sum2;

static void on_int(int sig) { interrupted = 1; }

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double my_sqrt(double x)
{
	double r;

	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}

/* RFC 1071 Internet checksum. */
static unsigned short csum(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned long s = 0;

	for (; n > 1; n -= 2, b += 2)
		s += b[0] << 8 | b[1];
	if (n)
		s += b[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons((unsigned short)~s);
}

static int send_echo(int fd, const struct sockaddr_in *to, int id, int seq,
		     int size)
{
	static unsigned char pkt[65536];
	struct icmphdr *h = (struct icmphdr *)pkt;

	memset(pkt, 0, sizeof(*h) + size);
	h->type = ICMP_ECHO;
	h->un.echo.id = htons((unsigned short)id);
	h->un.echo.sequence = htons((unsigned short)seq);
	for (int i = 0; i < size; i++)
		pkt[sizeof(*h) + i] = (unsigned char)(0x10 + i);
	h->checksum = csum(pkt, sizeof(*h) + size);
	sent_at[seq % MAX_SEQ] = now_ms();
	if (sendto(fd, pkt, sizeof(*h) + size, 0, (const struct sockaddr *)to,
		   sizeof(*to)) < 0) {
		fprintf(stderr, "ping: sendmsg: %s\n", strerror(errno));
		return -1;
	}
	transmitted++;
	return 0;
}

/* Handle one datagram; returns 1 if it was a reply to us. */
static int handle_reply(unsigned char *buf, ssize_t n, int id)
{
	struct iphdr *ip = (struct iphdr *)buf;
	int hl;

	if (n < (ssize_t)sizeof(*ip))
		return 0;
	hl = ip->ihl * 4;
	if (hl < 20 || n < hl + (ssize_t)sizeof(struct icmphdr))
		return 0;
	struct icmphdr *h = (struct icmphdr *)(buf + hl);
	struct in_addr src = { ip->saddr };
	if (h->type == ICMP_ECHOREPLY && ntohs(h->un.echo.id) == id) {
		int seq = ntohs(h->un.echo.sequence);
		double rtt = now_ms() - sent_at[seq % MAX_SEQ];
		received++;
		rtt_sum += rtt;
		rtt_sum2 += rtt * rtt;
		if (rtt < rtt_min) rtt_min = rtt;
		if (rtt > rtt_max) rtt_max = rtt;
		printf("%zd bytes from %s: icmp_seq=%d ttl=%d time=%.*f ms\n",
		       n - hl, inet_ntoa(src), seq, ip->ttl,
		       rtt < 1 ? 3 : rtt < 10 ? 2 : 1, rtt);
		fflush(stdout);
		return 1;
	}
	if (h->type == ICMP_DEST_UNREACH || h->type == ICMP_TIME_EXCEEDED) {
		/* the original datagram follows: is it our echo? */
		unsigned char *inner = buf + hl + sizeof(*h);
		struct iphdr *iip = (struct iphdr *)inner;
		if (n >= hl + 8 + 20 + 8 && iip->protocol == IPPROTO_ICMP) {
			struct icmphdr *ih = (struct icmphdr *)(inner + iip->ihl * 4);
			if ((unsigned char *)ih + 8 <= buf + n &&
			    ntohs(ih->un.echo.id) == id)
				printf("From %s icmp_seq=%d %s\n", inet_ntoa(src),
				       ntohs(ih->un.echo.sequence),
				       h->type == ICMP_TIME_EXCEEDED ? "Time to live exceeded"
				       : "Destination Host Unreachable");
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int count = -1, size = 56, opt, fd, id = getpid() & 0xffff;
	double interval = 1000, timeout = 10000;
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_RAW };
	struct addrinfo *res;
	struct sockaddr_in to;
	static unsigned char buf[70000];

	while ((opt = getopt(argc, argv, "c:s:i:W:")) != -1) {
		switch (opt) {
		case 'c': count = atoi(optarg); break;
		case 's': size = atoi(optarg); break;
		case 'i': interval = strtod(optarg, NULL) * 1000; break;
		case 'W': timeout = strtod(optarg, NULL) * 1000; break;
		default:
			fprintf(stderr, "usage: ping [-c count] [-s size] [-i interval] "
				"[-W timeout] host\n");
			return 2;
		}
	}
	if (optind >= argc || size < 0 || size > 65507 - 8 || interval < 1) {
		fprintf(stderr, "usage: ping [-c count] [-s size] [-i interval] "
			"[-W timeout] host\n");
		return 2;
	}
	int r = getaddrinfo(argv[optind], NULL, &hints, &res);
	if (r) {
		fprintf(stderr, "ping: %s: %s\n", argv[optind], gai_strerror(r));
		return 2;
	}
	to = *(struct sockaddr_in *)res->ai_addr;
	freeaddrinfo(res);
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0) {
		fprintf(stderr, "ping: socket: %s\n", strerror(errno));
		return 2;
	}
	signal(SIGINT, on_int);
	printf("PING %s (%s) %d(%d) bytes of data.\n", argv[optind],
	       inet_ntoa(to.sin_addr), size, size + 28);
	fflush(stdout);
	double start = now_ms(), next_send = start, last_send = start;
	int seq = 1;
	while (!interrupted) {
		double now = now_ms();
		if ((count < 0 || transmitted < count) && now >= next_send) {
			if (send_echo(fd, &to, id, seq++, size) < 0 && count < 0)
				break;
			last_send = now;
			next_send = now + interval;
		}
		if (count >= 0 && (received >= count ||
		    (transmitted >= count && now - last_send >= timeout)))
			break;
		double wake = count >= 0 && transmitted >= count
			      ? last_send + timeout : next_send;
		int wait = (int)(wake - now_ms());
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		if (poll(&pf, 1, wait < 0 ? 0 : wait + 1) > 0) {
			ssize_t n = recv(fd, buf, sizeof(buf), 0);
			if (n > 0)
				handle_reply(buf, n, id);
		}
	}
	double total = now_ms() - start;
	printf("\n--- %s ping statistics ---\n", argv[optind]);
	printf("%d packets transmitted, %d received, %d%% packet loss, time %.0fms\n",
	       transmitted, received,
	       transmitted ? (transmitted - received) * 100 / transmitted : 0, total);
	if (received) {
		double avg = rtt_sum / received;
		double var = rtt_sum2 / received - avg * avg;
		printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n", rtt_min, avg,
		       rtt_max, my_sqrt(var > 0 ? var : 0));
	}
	return received ? 0 : 1;
}
