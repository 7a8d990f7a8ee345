/* Raw IPv4 sockets (Linux net/ipv4/raw.c): ping's path.
 *
 *   ip_local_deliver -> raw_local_deliver (here) -> clone per socket
 *     -> sock_queue_rcv_pkb (the datagram from its IP header on)
 *   raw_sendmsg (here) -> ip_route_output -> ip_build_xmit
 *
 * Sockets hash by protocol number. Delivery clones the buffer, so the
 * kernel's own handler (icmp_rcv answering an echo) still runs on the
 * original.
 */
#include <net/raw.h>
#include <net/ip.h>
#include <net/snmp.h>

#define RAW_HTABLE_SIZE 256

static struct hlist_head raw_table[RAW_HTABLE_SIZE];
static DEFINE_SPINLOCK(raw_lock);

int raw_init_sock(struct sock *sk, int protocol)
{
	if (protocol <= 0 || protocol >= IPPROTO_MAX || protocol == IPPROTO_RAW)
		return -EPROTONOSUPPORT;
	inet_sk(sk)->inet_num = (u16)protocol;
	spin_lock_bh(&raw_lock);
	hlist_add_head(&sk->sk_node, &raw_table[protocol]);
	spin_unlock_bh(&raw_lock);
	return 0;
}

static bool raw_match(const struct sock *sk, const struct iphdr *iph,
		      int dif)
{
	const struct inet_sock *inet = inet_sk(sk);

	return (!inet->inet_rcv_saddr || inet->inet_rcv_saddr == iph->daddr) &&
	       (!inet->inet_daddr || inet->inet_daddr == iph->saddr) &&
	       (!sk->sk_bound_dev_if || sk->sk_bound_dev_if == dif);
}

bool raw_local_deliver(struct pkbuf *pkb, u8 protocol)
{
	const struct iphdr *iph = ip_hdr(pkb);
	struct sock *sk;
	bool any = false;

	hlist_for_each_entry(sk, &raw_table[protocol], sk_node) {
		struct pkbuf *c;

		if (!raw_match(sk, iph, IPCB(pkb)->iif))
			continue;
		any = true;
		c = pkb_clone(pkb);
		if (!c) {
			sk->sk_drops++;
			continue;
		}
		/* Raw readers get the IP header too (read-only clone). */
		pkb_push(c, (unsigned int)(c->data - pkb_network_header(c)));
		if (sock_queue_rcv_pkb(sk, c))
			pkb_free(c);
	}
	return any;
}

int raw_bind(struct sock *sk, const struct sockaddr_in *addr)
{
	be32 a = addr->sin_addr.s_addr;

	if (addr->sin_family != AF_INET && addr->sin_family != AF_UNSPEC)
		return -EAFNOSUPPORT;
	if (a && inet_addr_type_dev(a, NULL) != RTN_LOCAL)
		return -EADDRNOTAVAIL;
	inet_sk(sk)->inet_rcv_saddr = a;
	inet_sk(sk)->inet_saddr = a;
	return 0;
}

int raw_connect(struct sock *sk, const struct sockaddr_in *addr)
{
	if (addr->sin_family == AF_UNSPEC) {
		inet_sk(sk)->inet_daddr = 0;
		sk->sk_state = TCP_CLOSE;
		return 0;
	}
	if (addr->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	inet_sk(sk)->inet_daddr = addr->sin_addr.s_addr;
	sk->sk_state = TCP_ESTABLISHED;
	return 0;
}

int raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct ip_tx_params p = { .protocol = (u8)inet->inet_num };
	const struct sockaddr_in *sin = msg->msg_name;
	struct rtable rt;
	struct pkbuf *pkb;
	int err;

	if (len > IP_MAX_PACKET - sizeof(struct iphdr))
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (sin) {
		if (msg->msg_namelen < (int)sizeof(*sin))
			return -EINVAL;
		if (sin->sin_family != AF_INET && sin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		p.daddr = ip_route_any_to_local(sin->sin_addr.s_addr, inet->inet_saddr);
	} else if (sk->sk_state == TCP_ESTABLISHED) {
		p.daddr = inet->inet_daddr;
	} else {
		return -EDESTADDRREQ;
	}
	err = ip_route_output(p.daddr, inet->inet_saddr, sk->sk_bound_dev_if,
			      &rt);
	if (err) {
		IP_INC_STATS(OUTNOROUTES);
		return err;
	}
	if (rt.type == RTN_BROADCAST && !sk->sk_broadcast)
		return -EACCES;
	/* pending error, then shutdown: as udp_sendmsg */
	err = sock_error(sk);
	if (err)
		return -err;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	err = ip_pmtu_check(inet->pmtudisc, &rt,
			    (unsigned int)(len + sizeof(struct iphdr)), &p.df);
	if (err)
		return err;
	pkb = pkb_alloc_tx((unsigned int)len);
	if (!pkb)
		return -ENOBUFS;
	err = sock_charge_wmem(sk, pkb);
	if (err)
		goto free_pkb;
	err = memcpy_from_msg(pkb_put(pkb, (unsigned int)len), msg, len);
	if (err)
		goto free_pkb;
	pkb_reset_transport_header(pkb);
	p.saddr = inet->inet_saddr ? inet->inet_saddr : rt.saddr;
	p.ttl = inet->uc_ttl;
	p.tos = inet->tos;
	IP_INC_STATS(OUTREQUESTS);
	err = ip_build_xmit(pkb, &p, &rt);
	return err ? err : (int)len;

free_pkb:
	pkb_free(pkb);
	return err;
}

int raw_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len)
{
	long timeo = (flags & MSG_DONTWAIT) ? 0 : sk->sk_rcvtimeo;
	struct pkbuf *pkb;
	size_t copied;
	int err;

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
		/* shutdown(SHUT_RD) with nothing queued reads as end of data */
		if (sk->sk_shutdown & RCV_SHUTDOWN)
			return 0;
		err = sk_wait_data(sk, &timeo);
		if (err)
			return err;
	}
	copied = pkb->len;
	if (copied > len) {
		copied = len;
		msg->msg_flags |= MSG_TRUNC;
	}
	err = memcpy_to_msg(msg, pkb->data, copied);
	if (!err)
		ip_cmsg_recv(msg, sk, pkb);
	if (!err && msg->msg_name) {
		struct sockaddr_in *sin = msg->msg_name;

		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = ip_hdr(pkb)->saddr;
		if (addr_len)
			*addr_len = sizeof(*sin);
	}
	if (!err && (flags & MSG_TRUNC))
		copied = pkb->len;
	if (!(flags & MSG_PEEK)) {
		local_bh_disable();
		pkb_free(pkb);
		local_bh_enable();
	}
	return err ? err : (int)copied;
}

void raw_close(struct sock *sk, long timeout)
{
	sk->sk_dead = true;
	spin_lock_bh(&raw_lock);
	hlist_del(&sk->sk_node);
	spin_unlock_bh(&raw_lock);
	pkb_queue_purge(&sk->sk_receive_queue);
	sock_put(sk);
}

struct sock *raw_kernel_sock(int protocol)
{
	struct sock *sk = sk_alloc(AF_INET, SOCK_RAW, protocol, &raw_prot);

	if (!sk)
		return NULL;
	if (raw_init_sock(sk, protocol)) {
		sock_put(sk);
		return NULL;
	}
	return sk;
}

const struct proto raw_prot = {
	.name = "RAW",
	.obj_size = sizeof(struct raw_sock),
	.close = raw_close,
	.bind = raw_bind,
	.connect = raw_connect,
	.sendmsg = raw_sendmsg,
	.recvmsg = raw_recvmsg,
};
