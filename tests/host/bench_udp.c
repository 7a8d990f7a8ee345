/* Micro-benchmark: UDP datagrams per second through the whole receive
 * path -- driver RX buffer fill, NAPI poll, netif_receive, ip_rcv,
 * udp_rcv, socket queue, udp_recvmsg -- on the host, one core, no
 * sanitizers. Run with `make net-bench`. Not a test: it prints figures. */
#include "testlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int test_failures;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double run(size_t payload, long n)
{
	static u8 frame[2048];
	static char buf[2048];
	struct ipspec s = { 0 };
	struct sock *sk = udp_kernel_sock(7, 0);
	struct kvec iov = { buf, sizeof(buf) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	size_t len;
	long got = 0;
	double t0;

	memset(buf, 'x', payload);
	len = mk_udp(frame, &s, 1234, 7, buf, payload);
	t0 = now_s();
	for (long i = 0; i < n; i += 64) {
		for (int j = 0; j < 64; j++)
			mock_rx(eth0, frame, len);
		host_run_softirqs();
		while (udp_recvmsg(sk, &msg, sizeof(buf), MSG_DONTWAIT, NULL) >= 0)
			got++;
	}
	t0 = now_s() - t0;
	if (got != n / 64 * 64)
		fprintf(stderr, "bench: lost %ld of %ld\n", n - got, n);
	udp_close(sk, 0);
	return (double)got / t0;
}

int main(void)
{
	long n = 2000000;

	if (!fx_setup())
		return 1;
	printf("udp rx  18 B payload: %.0f datagrams/s\n", run(18, n));
	printf("udp rx 512 B payload: %.0f datagrams/s\n", run(512, n));
	printf("udp rx 1472 B payload: %.0f datagrams/s\n", run(1472, n / 2));
	return 0;
}
