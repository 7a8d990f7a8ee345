/* UDP (RFC 768, RFC 1122 4.1): the protocol half of datagram sockets.
 *
 *   ip_local_deliver -> udp_rcv (here) -> udp4_lib_lookup
 *     -> sock_queue_rcv_pkb -> sk_data_ready      (or ICMP port unreachable)
 *   udp_sendmsg (here) -> ip_route_output -> ip_build_xmit
 *   icmp_rcv -> udp_err (here) -> sk_err + sk_error_report
 *
 * Sockets are hashed by local port (udp_table); a lookup scores every
 * socket on that port and the most specific wins (connected 4-tuple over
 * bound address over wildcard), as Linux's compute_score. Broadcast and
 * multicast datagrams go to every matching socket (clones, no copy).
 */
#include <net/udp.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/protocol.h>
#include <net/checksum.h>
#include <net/snmp.h>

#define UDP_HTABLE_SIZE 1024

static struct hlist_head udp_table[UDP_HTABLE_SIZE];
static DEFINE_SPINLOCK(udp_table_lock);

static struct hlist_head *udp_hslot(u16 port)
{
	return &udp_table[port & (UDP_HTABLE_SIZE - 1)];
}

/* ---- Binding ---- */

static bool udp_bind_conflict(const struct sock *sk, const struct sock *o)
{
	const struct inet_sock *a = inet_sk(sk), *b = inet_sk(o);

	if (sk == o || a->inet_num != b->inet_num)
		return false;
	if (sk->sk_reuse && o->sk_reuse)
		return false;
	/* SO_REUSEPORT on both shares the port too (one user here, so
	 * Linux's same-uid rule always holds). */
	if (sk->sk_reuseport && o->sk_reuseport)
		return false;
	if (sk->sk_bound_dev_if && o->sk_bound_dev_if &&
	    sk->sk_bound_dev_if != o->sk_bound_dev_if)
		return false;
	return !a->inet_rcv_saddr || !b->inet_rcv_saddr ||
	       a->inet_rcv_saddr == b->inet_rcv_saddr;
}

static bool udp_port_in_use(struct sock *sk, u16 port)
{
	struct sock *o;
	u16 saved = inet_sk(sk)->inet_num;
	bool used = false;

	inet_sk(sk)->inet_num = port;
	hlist_for_each_entry(o, udp_hslot(port), sk_node)
		if (udp_bind_conflict(sk, o)) {
			used = true;
			break;
		}
	inet_sk(sk)->inet_num = saved;
	return used;
}

/* Take port snum (host order) or, for 0, a free ephemeral port starting
 * at a random offset (RFC 6056 algorithm 1), then hash the socket. */
int udp_v4_get_port(struct sock *sk, u16 snum)
{
	struct inet_sock *inet = inet_sk(sk);
	int err = 0;

	spin_lock_bh(&udp_table_lock);
	if (inet->inet_num) {
		err = -EINVAL;
		goto unlock;
	}
	if (snum == 0) {
		u32 range = UDP_EPHEMERAL_HIGH - UDP_EPHEMERAL_LOW + 1;
		u32 off = get_random_u32() % range;

		for (u32 i = 0; i < range; i++) {
			u16 p = (u16)(UDP_EPHEMERAL_LOW + (off + i) % range);

			if (!udp_port_in_use(sk, p)) {
				snum = p;
				break;
			}
		}
		if (!snum) {
			err = -EADDRINUSE;
			goto unlock;
		}
	} else if (udp_port_in_use(sk, snum)) {
		err = -EADDRINUSE;
		goto unlock;
	}
	inet->inet_num = snum;
	inet->inet_sport = htons(snum);
	hlist_add_head(&sk->sk_node, udp_hslot(snum));
unlock:
	spin_unlock_bh(&udp_table_lock);
	return err;
}

void udp_unhash(struct sock *sk)
{
	spin_lock_bh(&udp_table_lock);
	hlist_del(&sk->sk_node);
	inet_sk(sk)->inet_num = 0;
	inet_sk(sk)->inet_sport = 0;
	spin_unlock_bh(&udp_table_lock);
}

int udp_bind(struct sock *sk, const struct sockaddr_in *addr)
{
	struct inet_sock *inet = inet_sk(sk);
	be32 a = addr->sin_addr.s_addr;
	int err;

	/* AF_UNSPEC is accepted only for INADDR_ANY (old programs), as Linux */
	if (addr->sin_family != AF_INET &&
	    (addr->sin_family != AF_UNSPEC || a != htonl(INADDR_ANY)))
		return -EAFNOSUPPORT;
	if (inet->inet_num)
		return -EINVAL;
	/* Linux lets a socket bind a local, broadcast or multicast
	 * address; anything else is not ours to receive on. */
	if (a && inet_addr_type_dev(a, NULL) == RTN_UNICAST)
		return -EADDRNOTAVAIL;
	inet->inet_rcv_saddr = a;
	inet->inet_saddr = (ipv4_is_multicast(a) || ipv4_is_lbcast(a) ||
			    inet_addr_type_dev(a, NULL) == RTN_BROADCAST) ? 0 : a;
	err = udp_v4_get_port(sk, ntohs(addr->sin_port));
	if (err) {
		inet->inet_rcv_saddr = 0;
		inet->inet_saddr = 0;
		return err;
	}
	if (inet->inet_rcv_saddr)
		sk->sk_userlocks |= SOCK_BINDADDR_LOCK;
	if (addr->sin_port)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
	return 0;
}

int udp_connect(struct sock *sk, const struct sockaddr_in *addr)
{
	struct inet_sock *inet = inet_sk(sk);
	struct rtable rt;
	be32 daddr;
	int err;

	if (addr->sin_family == AF_UNSPEC)
		return udp_disconnect(sk, 0);
	if (addr->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	daddr = ip_route_any_to_local(addr->sin_addr.s_addr, inet->inet_saddr);
	err = ip_route_output(daddr, inet->inet_saddr, sk->sk_bound_dev_if, &rt);
	if (err)
		return err;
	if (rt.type == RTN_BROADCAST && !sk->sk_broadcast)
		return -EACCES;
	if (!inet->inet_num) {
		err = udp_v4_get_port(sk, 0);
		if (err)
			return err;
	}
	if (!inet->inet_saddr)
		inet->inet_saddr = rt.saddr;
	if (!inet->inet_rcv_saddr)
		inet->inet_rcv_saddr = rt.saddr;
	inet->inet_daddr = daddr;
	inet->inet_dport = addr->sin_port;
	sk->sk_state = TCP_ESTABLISHED;
	return 0;
}

/* connect(AF_UNSPEC): forget the peer, and whatever connect() chose for
 * the local side -- the address unless bind() named one, the port unless
 * bind() named it (Linux __udp_disconnect) -- so the socket is as it was
 * before connect. Linux also drops SO_BINDTODEVICE here. */
int udp_disconnect(struct sock *sk, int flags)
{
	struct inet_sock *inet = inet_sk(sk);

	sk->sk_state = TCP_CLOSE;
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk->sk_bound_dev_if = 0;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK)) {
		inet->inet_rcv_saddr = 0;
		inet->inet_saddr = 0;
	}
	if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK) && inet->inet_num)
		udp_unhash(sk);
	return 0;
}

void udp_close(struct sock *sk, long timeout)
{
	udp_flush_pending(sk);
	sk->sk_dead = true;
	udp_unhash(sk);
	pkb_queue_purge(&sk->sk_receive_queue);
	sock_put(sk);
}

/* ---- Receive ---- */

static int udp_score(struct sock *sk, be32 saddr, be16 sport, be32 daddr,
		     u16 hnum, int dif)
{
	const struct inet_sock *inet = inet_sk(sk);
	int score = 1;

	if (inet->inet_num != hnum)
		return -1;
	if (inet->inet_rcv_saddr) {
		if (inet->inet_rcv_saddr != daddr)
			return -1;
		score += 4;
	}
	if (inet->inet_daddr) {
		if (inet->inet_daddr != saddr)
			return -1;
		score += 4;
	}
	if (inet->inet_dport) {
		if (inet->inet_dport != sport)
			return -1;
		score += 4;
	}
	if (sk->sk_bound_dev_if) {
		if (sk->sk_bound_dev_if != dif)
			return -1;
		score += 4;
	}
	return score;
}

struct sock *udp4_lib_lookup(be32 saddr, be16 sport, be32 daddr, be16 dport,
			     int dif)
{
	u16 hnum = ntohs(dport);
	struct sock *sk, *best = NULL;
	int best_score = 0;

	hlist_for_each_entry(sk, udp_hslot(hnum), sk_node) {
		int s = udp_score(sk, saddr, sport, daddr, hnum, dif);

		if (s > best_score) {
			best = sk;
			best_score = s;
		}
	}
	return best;
}

static void udp_queue_rcv(struct sock *sk, struct pkbuf *pkb)
{
	if (sock_queue_rcv_pkb(sk, pkb)) {
		UDP_INC_STATS(RCVBUFERRORS);
		UDP_INC_STATS(INERRORS);
		pkb_free(pkb);
		return;
	}
	UDP_INC_STATS(INDATAGRAMS);
}

/* Broadcast/multicast: one clone per matching socket. */
static void udp_deliver_multi(struct pkbuf *pkb, const struct iphdr *iph,
			      const struct udphdr *uh)
{
	u16 hnum = ntohs(uh->dest);
	struct sock *sk, *last = NULL;

	hlist_for_each_entry(sk, udp_hslot(hnum), sk_node) {
		struct inet_sock *inet = inet_sk(sk);
		struct pkbuf *c;

		if (inet->inet_num != hnum ||
		    (inet->inet_daddr && inet->inet_daddr != iph->saddr) ||
		    (inet->inet_dport && inet->inet_dport != uh->source) ||
		    (sk->sk_bound_dev_if &&
		     sk->sk_bound_dev_if != IPCB(pkb)->iif) ||
		    (inet->inet_rcv_saddr &&
		     inet->inet_rcv_saddr != iph->daddr &&
		     !inet_is_subnet_broadcast(pkb->dev, iph->daddr) &&
		     !ipv4_is_lbcast(iph->daddr)))
			continue;
		if (last) {
			c = pkb_clone(pkb);
			if (c)
				udp_queue_rcv(last, c);
			else
				UDP_INC_STATS(MEMERRORS);
		}
		last = sk;
	}
	if (last) {
		udp_queue_rcv(last, pkb);
		return;
	}
	/* RFC 1122 3.2.2: no port unreachable for broadcasts. */
	UDP_INC_STATS(IGNOREDMULTI);
	pkb_free(pkb);
}

static int udp_drop(struct pkbuf *pkb)
{
	UDP_INC_STATS(INERRORS);
	pkb_free(pkb);
	return 0;
}

int udp_rcv(struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	const struct udphdr *uh;
	unsigned int ulen;
	struct sock *sk;
	int type;

	if (!pkb_may_pull(pkb, sizeof(*uh))) {
		UDPEXT_INC_STATS(INSHORT);
		return udp_drop(pkb);
	}
	uh = (const struct udphdr *)pkb->data;
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) || ulen > pkb->len) {
		UDPEXT_INC_STATS(INBADLENGTH);
		return udp_drop(pkb);
	}
	pkb_trim(pkb, ulen);
	/* RFC 768: a zero checksum means none was computed; the NIC may
	 * have checked it already (CHECKSUM_UNNECESSARY). */
	if (uh->check && pkb->ip_summed != CHECKSUM_UNNECESSARY &&
	    csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
			      csum_partial(pkb->data, ulen, 0)) != 0) {
		UDP_INC_STATS(CSUMERRORS);
		return udp_drop(pkb);
	}
	UDP_SKB_CB(pkb)->saddr = iph->saddr;
	UDP_SKB_CB(pkb)->sport = uh->source;
	UDP_SKB_CB(pkb)->daddr = iph->daddr;

	type = inet_addr_type_dev(iph->daddr, pkb->dev);
	if (type == RTN_BROADCAST || type == RTN_MULTICAST) {
		udp_deliver_multi(pkb, iph, uh);
		return 0;
	}
	sk = udp4_lib_lookup(iph->saddr, uh->source, iph->daddr, uh->dest,
			     IPCB(pkb)->iif);
	if (!sk) {
		UDP_INC_STATS(NOPORTS);
		icmp_send(pkb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
		pkb_free(pkb);
		return 0;
	}
	udp_queue_rcv(sk, pkb);
	return 0;
}

/* An ICMP error quoting a datagram we sent (pkb->data at the quoted IP
 * header). Like Linux: a connected socket gets hard errors in sk_err;
 * an unconnected one only with IP_RECVERR, because it cannot tell which
 * of its peers the error is about. */
void udp_err(struct pkbuf *pkb, u8 type, u8 code, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)pkb->data;
	const struct udphdr *uh =
		(const struct udphdr *)(pkb->data + ip_hdr_ihl(iph) * 4);
	struct sock *sk;
	bool fatal;
	int err;

	sk = udp4_lib_lookup(iph->daddr, uh->dest, iph->saddr, uh->source, 0);
	if (!sk)
		return;
	err = icmp_err_to_errno(type, code, &fatal);
	if (!err)
		return;
	if (!inet_sk(sk)->recverr &&
	    (!fatal || sk->sk_state != TCP_ESTABLISHED))
		return;
	sk->sk_err = err;
	sk->sk_error_report(sk);
}

/* ---- Send ---- */

static int udp_dest(struct sock *sk, const struct msghdr *msg, be32 *daddr,
		    be16 *dport)
{
	const struct sockaddr_in *sin = msg->msg_name;

	if (sin) {
		if (msg->msg_namelen < (int)sizeof(*sin))
			return -EINVAL;
		if (sin->sin_family != AF_INET && sin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		if (sin->sin_port == 0)
			return -EINVAL;
		*daddr = ip_route_any_to_local(sin->sin_addr.s_addr,
					       inet_sk(sk)->inet_saddr);
		*dport = sin->sin_port;
		return 0;
	}
	if (sk->sk_state != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = inet_sk(sk)->inet_daddr;
	*dport = inet_sk(sk)->inet_dport;
	return 0;
}

static void udp_fill_header(struct pkbuf *pkb, be32 saddr, be32 daddr,
			    be16 sport, be16 dport)
{
	struct udphdr *uh = (struct udphdr *)pkb_push(pkb, sizeof(*uh));
	u16 csum;

	uh->source = sport;
	uh->dest = dport;
	uh->len = htons((u16)pkb->len);
	uh->check = 0;
	csum = csum_tcpudp_magic(saddr, daddr, pkb->len, IPPROTO_UDP,
				 csum_partial(pkb->data, pkb->len, 0));
	/* RFC 768: a computed zero is sent as all ones. */
	uh->check = htons(csum ? csum : 0xffff);
	pkb_reset_transport_header(pkb);
}

/* One datagram of len bytes to daddr:dport, its payload copied in by
 * fill (from the caller's message, or from a corked datagram). */
int udp_xmit(struct sock *sk, be32 daddr, be16 dport, size_t len,
	     int (*fill)(void *dst, size_t n, void *arg), void *arg)
{
	struct inet_sock *inet = inet_sk(sk);
	struct ip_tx_params p = { .protocol = IPPROTO_UDP, .daddr = daddr };
	struct rtable rt;
	struct pkbuf *pkb;
	int err;

	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	err = ip_route_output(p.daddr, inet->inet_saddr, sk->sk_bound_dev_if,
			      &rt);
	if (err) {
		IP_INC_STATS(OUTNOROUTES);
		return err;
	}
	if ((rt.type == RTN_BROADCAST || ipv4_is_lbcast(p.daddr)) &&
	    !sk->sk_broadcast)
		return -EACCES;
	/* As Linux's sock_alloc_send_skb: a pending error (an ICMP error on
	 * a connected socket) is reported, and cleared, instead of sending;
	 * after shutdown(SHUT_WR) nothing is sent (EPIPE, and for UDP no
	 * SIGPIPE). */
	err = sock_error(sk);
	if (err)
		return -err;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	/* DF as Linux sets it: when the datagram fits the path MTU (and
	 * ICMP "fragmentation needed" then teaches us a smaller one). */
	err = ip_pmtu_check(inet->pmtudisc, &rt,
			    (unsigned int)(len + sizeof(struct udphdr) + sizeof(struct iphdr)),
			    &p.df);
	if (err)
		return err;
	pkb = pkb_alloc_tx((unsigned int)(len + sizeof(struct udphdr)));
	if (!pkb)
		return -ENOBUFS;
	err = sock_charge_wmem(sk, pkb);
	if (err) {
		UDP_INC_STATS(SNDBUFERRORS);
		goto free_pkb;
	}
	err = fill(pkb_put(pkb, (unsigned int)len), len, arg);
	if (err)
		goto free_pkb;
	p.saddr = inet->inet_saddr ? inet->inet_saddr : rt.saddr;
	p.ttl = inet->uc_ttl;
	p.tos = inet->tos;
	udp_fill_header(pkb, p.saddr, p.daddr, inet->inet_sport, dport);
	IP_INC_STATS(OUTREQUESTS);
	err = ip_build_xmit(pkb, &p, &rt);
	if (err)
		return err;
	UDP_INC_STATS(OUTDATAGRAMS);
	return 0;

free_pkb:
	pkb_free(pkb);
	return err;
}

static int fill_from_msg(void *dst, size_t n, void *msg)
{
	return memcpy_from_msg(dst, msg, n);
}

int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	be32 daddr;
	be16 dport;
	int err;

	if (len > UDP_MAX_PAYLOAD) {
		udp_flush_pending(sk);  /* a corked datagram goes with it */
		return -EMSGSIZE;
	}
	if (msg->msg_flags & MSG_OOB)   /* no urgent data in UDP (BSD's error) */
		return -EOPNOTSUPP;
	/* UDP_CORK or MSG_MORE: the data joins one datagram, sent when a
	 * send without them (or uncorking) ends it (udp_cork.c). */
	if (udp_sk(sk)->pending)
		return udp_append_pending(sk, msg, len);
	err = udp_dest(sk, msg, &daddr, &dport);
	if (err)
		return err;
	if (!inet->inet_num) {
		err = udp_v4_get_port(sk, 0);
		if (err)
			return err;
	}
	if (udp_sk(sk)->corkflag || (msg->msg_flags & MSG_MORE))
		return udp_start_pending(sk, daddr, dport, msg, len);
	err = udp_xmit(sk, daddr, dport, len, fill_from_msg, msg);
	return err ? err : (int)len;
}

int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len)
{
	long timeo = (flags & MSG_DONTWAIT) ? 0 : sk->sk_rcvtimeo;
	struct pkbuf *pkb;
	size_t copied;
	int err;

	/* No error queue is kept (IP_RECVERR reports through sk_err only):
	 * reading it finds it empty, as Linux's ip_recv_error does. */
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;
	for (;;) {
		local_bh_disable();
		err = sock_error(sk);
		pkb = err ? NULL : pkb_peek(&sk->sk_receive_queue);
		if (pkb && !(flags & MSG_PEEK))
			pkb_unlink(pkb, &sk->sk_receive_queue);
		local_bh_enable();
		if (err)
			return -err;
		if (pkb)
			break;
		/* shutdown(SHUT_RD) with nothing queued reads as end of data,
		 * but a call that may not wait still gets EAGAIN (Linux
		 * __skb_recv_udp only looks at shutdown while waiting) */
		if (sk->sk_shutdown & RCV_SHUTDOWN)
			return timeo ? 0 : -EAGAIN;
		err = sk_wait_data(sk, &timeo);
		if (err)
			return err;
	}
	/* pkb->data is at the UDP header. */
	copied = pkb->len - sizeof(struct udphdr);
	if (copied > len) {
		copied = len;
		msg->msg_flags |= MSG_TRUNC;
	}
	err = memcpy_to_msg(msg, pkb->data + sizeof(struct udphdr), copied);
	if (!err)
		ip_cmsg_recv(msg, sk, pkb);
	if (!err && msg->msg_name) {
		struct sockaddr_in *sin = msg->msg_name;

		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_port = UDP_SKB_CB(pkb)->sport;
		sin->sin_addr.s_addr = UDP_SKB_CB(pkb)->saddr;
		if (addr_len)
			*addr_len = sizeof(*sin);
	}
	if (!err && (flags & MSG_TRUNC))
		copied = pkb->len - sizeof(struct udphdr);
	if (!(flags & MSG_PEEK)) {
		local_bh_disable();
		pkb_free(pkb);
		local_bh_enable();
	}
	return err ? err : (int)copied;
}

/* ---- In-kernel users ---- */

struct sock *udp_kernel_sock(u16 port, int ifindex)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	struct sock *sk = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);

	if (!sk)
		return NULL;
	sk->sk_bound_dev_if = ifindex;
	sk->sk_reuse = true;
	if (udp_bind(sk, &sin)) {
		sock_put(sk);
		return NULL;
	}
	return sk;
}

int udp_sendto(struct sock *sk, be32 daddr, be16 dport, const void *buf,
	       size_t len)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = dport,
				   .sin_addr = { daddr } };
	struct kvec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_name = &sin, .msg_namelen = sizeof(sin),
			      .msg_iov = &iov, .msg_iovlen = 1 };

	return udp_sendmsg(sk, &msg, len);
}

int udp_for_each(int (*fn)(struct sock *sk, int slot, void *arg), void *arg)
{
	for (int i = 0; i < UDP_HTABLE_SIZE; i++) {
		struct sock *sk;

		hlist_for_each_entry(sk, &udp_table[i], sk_node) {
			int rc = fn(sk, i, arg);

			if (rc)
				return rc;
		}
	}
	return 0;
}

const struct proto udp_prot = {
	.name = "UDP",
	.obj_size = sizeof(struct udp_sock),
	.close = udp_close,
	.bind = udp_bind,
	.connect = udp_connect,
	.disconnect = udp_disconnect,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
	.setsockopt = udp_setsockopt,
	.getsockopt = udp_getsockopt,
	.get_port = udp_v4_get_port,
	.unhash = udp_unhash,
};

static const struct net_protocol udp_protocol = {
	.handler = udp_rcv,
	.err_handler = udp_err,
};

int udp_init(void)
{
	return inet_add_protocol(&udp_protocol, IPPROTO_UDP);
}
