/* Helpers for the TCP host tests: a scripted peer at ADDR_PEER that sends
 * crafted segments through the mock NIC, and a parser for what the stack
 * sent back. */
#ifndef TESTS_HOST_TCP_TEST_H
#define TESTS_HOST_TCP_TEST_H

#include "testlib.h"
#include <net/tcp.h>
#include <string.h>

static u8 tframe[70000];

/* One segment from the peer (host-order numbers). */
static inline void peer_seg(u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
			    const void *data, size_t len)
{
	struct tcpspec t = { .sport = sport, .dport = dport, .seq = seq,
			     .ack = ack, .flags = flags, .window = 65535 };

	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, data, len));
}

/* What the stack sent, parsed; valid is false if nothing (TCP) was sent. */
struct seg {
	bool valid, csum_ok;
	u32 seq, ack;
	u8 flags;
	u16 window, mss;
	be32 saddr, daddr;
	u16 sport, dport;
	unsigned int len;
	u8 data[2048];
	unsigned int optlen;
	u8 opts[40];                  /* as sent; seg_opt() finds one */
};

static inline struct seg pop_seg(void)
{
	struct seg s;
	struct pkbuf *tx;

	memset(&s, 0, sizeof(s));
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		struct iphdr *iph = tx_ip(tx);
		struct tcphdr *th;
		unsigned int tot, hl;

		if (!iph || iph->protocol != IPPROTO_TCP) {
			pkb_free(tx);
			continue;
		}
		th = tx_l4(tx);
		tot = ntohs(iph->tot_len) - ip_hdr_ihl(iph) * 4;
		hl = tcp_hdrlen(th);
		s.valid = true;
		s.csum_ok = csum_tcpudp_magic(iph->saddr, iph->daddr, tot,
					      IPPROTO_TCP,
					      csum_partial(th, tot, 0)) == 0;
		s.seq = ntohl(th->seq);
		s.ack = ntohl(th->ack_seq);
		s.flags = th->flags;
		s.window = ntohs(th->window);
		s.saddr = iph->saddr;
		s.daddr = iph->daddr;
		s.sport = ntohs(th->source);
		s.dport = ntohs(th->dest);
		if (hl >= 24 && ((u8 *)th)[20] == TCPOPT_MSS)
			s.mss = (u16)(((u8 *)th)[22] << 8 | ((u8 *)th)[23]);
		s.optlen = hl - 20;
		memcpy(s.opts, (u8 *)th + 20, s.optlen);
		s.len = tot - hl;
		if (s.len <= sizeof(s.data))
			memcpy(s.data, (u8 *)th + hl, s.len);
		pkb_free(tx);
		break;
	}
	return s;
}

/* The option of this kind in s (its kind byte), or NULL. */
static inline const u8 *seg_opt(const struct seg *s, u8 kind)
{
	for (unsigned int i = 0; i < s->optlen;) {
		if (s->opts[i] == TCPOPT_EOL)
			break;
		if (s->opts[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= s->optlen || s->opts[i + 1] < 2)
			break;
		if (s->opts[i] == kind)
			return &s->opts[i];
		i += s->opts[i + 1];
	}
	return NULL;
}

static inline u32 rd_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline struct sock *tcp_sock_new(void)
{
	struct sock *sk = sk_alloc(AF_INET, SOCK_STREAM, IPPROTO_TCP,
				   &tcp_prot);

	if (sk)
		tcp_init_sock(sk);
	return sk;
}

static inline int tsend(struct sock *sk, const void *buf, size_t len)
{
	struct kvec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return tcp_sendmsg(sk, &msg, len);
}

static inline int trecv(struct sock *sk, void *buf, size_t len)
{
	struct kvec iov = { buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return tcp_recvmsg(sk, &msg, len, MSG_DONTWAIT, NULL);
}

static inline struct sock *tcp_listener(u16 port, int backlog)
{
	struct sock *sk = tcp_sock_new();
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };

	if (tcp_v4_bind(sk, &sin) || inet_csk_listen_start(sk, backlog))
		return NULL;
	return sk;
}

#endif

/* Peer's SYN-ACK with an MSS option. */
static inline void peer_synack(u16 sport, u16 dport, u32 seq, u32 ack,
			       u16 mss)
{
	struct tcpspec t = { .sport = sport, .dport = dport, .seq = seq,
			     .ack = ack, .flags = TCPHDR_SYN | TCPHDR_ACK,
			     .window = 65535, .mss = mss };

	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
}

#define PEER_PORT 80
#define PEER_ISN  5000u

/* Active open to ADDR_PEER:80; the peer answers with PEER_ISN and mss.
 * Returns the socket in ESTABLISHED, *iss our initial sequence. */
static inline struct sock *establish(u16 mss, u32 *iss)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PEER_PORT),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk = tcp_sock_new();
	struct seg s;

	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_SYN);
	*iss = s.seq;
	peer_synack(PEER_PORT, inet_sk(sk)->inet_num, PEER_ISN, s.seq + 1, mss);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 1);
	return sk;
}

/* The peer resets the connection (at rcv_nxt), then the user closes:
 * the quickest clean end for tests about something else. */
static inline void kill_conn(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_state != TCP_CLOSE)
		peer_seg(ntohs(inet_sk(sk)->inet_dport), inet_sk(sk)->inet_num,
			 tp->rcv_nxt, 0, TCPHDR_RST, NULL, 0);
	tcp_close(sk, 0);
	mock_tx_purge(eth0);
}

/* An ICMP error from the peer about one of our segments (with its
 * sequence number) from ADDR_US:sport to ADDR_PEER:dport. */
static inline void icmp_about(u8 type, u8 code, u16 mtu, u16 sport, u16 dport,
		       u32 seq)
{
	u8 msg[8 + 28];
	struct icmphdr *ih = (struct icmphdr *)msg;
	struct iphdr *inner = (struct iphdr *)(msg + 8);
	struct ipspec sp = { .protocol = IPPROTO_ICMP };
	u8 *th = msg + 8 + 20;

	memset(msg, 0, sizeof(msg));
	ih->type = type;
	ih->code = code;
	ih->un.frag.mtu = htons(mtu);
	inner->ihl_version = 0x45;
	inner->tot_len = htons(1500);
	inner->frag_off = htons(IP_DF);
	inner->ttl = 64;
	inner->protocol = IPPROTO_TCP;
	inner->saddr = ADDR_US;
	inner->daddr = ADDR_PEER;
	th[0] = (u8)(sport >> 8); th[1] = (u8)sport;
	th[2] = (u8)(dport >> 8); th[3] = (u8)dport;
	th[4] = (u8)(seq >> 24); th[5] = (u8)(seq >> 16);
	th[6] = (u8)(seq >> 8); th[7] = (u8)seq;
	ih->checksum = htons(csum_fold(csum_partial(msg, sizeof(msg), 0)));
	mock_rx_now(eth0, tframe, mk_ip(tframe, &sp, msg, sizeof(msg)));
}
