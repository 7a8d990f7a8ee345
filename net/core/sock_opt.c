/* SOL_SOCKET options (Linux net/core/sock.c: sock_setsockopt and
 * sock_getsockopt). optval is a kernel copy; the socket layer checked
 * and copied it from user space. */
#include <net/socket.h>
#include <net/netdevice.h>
#include <lib/string.h>

#define SYSCTL_RMEM_MAX 212992  /* net.core.rmem_max */
#define SYSCTL_WMEM_MAX 212992
#define SOCK_MIN_SNDBUF 4608

struct timeval_k {
	s64 tv_sec;
	s64 tv_usec;
};

static int get_int(const void *optval, unsigned int optlen, int *v)
{
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(v, optval, sizeof(int));
	return 0;
}

/* SO_RCVTIMEO/SO_SNDTIMEO: a struct timeval, zero meaning "forever". */
static int set_timeout(long *timeo, const void *optval, unsigned int optlen)
{
	struct timeval_k tv;

	if (optlen < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, optval, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo = 0;     /* Linux: a negative timeout means "don't wait" */
		return 0;
	}
	if (tv.tv_sec == 0 && tv.tv_usec == 0) {
		*timeo = MAX_SCHEDULE_TIMEOUT;
		return 0;
	}
	if (tv.tv_sec > MAX_SCHEDULE_TIMEOUT / 1000 - 1)
		*timeo = MAX_SCHEDULE_TIMEOUT;
	else
		*timeo = tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000;
	return 0;
}

int sock_setsockopt(struct socket *sock, int optname, const void *optval,
		    unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int v = 0, err;

	switch (optname) {
	case SO_RCVTIMEO:
		return set_timeout(&sk->sk_rcvtimeo, optval, optlen);
	case SO_SNDTIMEO:
		return set_timeout(&sk->sk_sndtimeo, optval, optlen);
	case SO_LINGER: {
		struct { int onoff, linger; } l;

		if (optlen < sizeof(l))
			return -EINVAL;
		memcpy(&l, optval, sizeof(l));
		sk->sk_linger = l.onoff ? MAX(l.linger, 0) : -1;
		return 0;
	}
	case SO_BINDTODEVICE: {
		char name[IFNAMSIZ];
		struct net_device *dev;

		if (optlen == 0 || ((const char *)optval)[0] == 0) {
			sk->sk_bound_dev_if = 0;
			return 0;
		}
		memset(name, 0, sizeof(name));
		memcpy(name, optval, MIN(optlen, (unsigned)IFNAMSIZ - 1));
		dev = dev_get_by_name(name);
		if (!dev)
			return -ENODEV;
		sk->sk_bound_dev_if = dev->ifindex;
		return 0;
	}
	}
	err = get_int(optval, optlen, &v);
	if (err)
		return err;
	switch (optname) {
	case SO_REUSEADDR:
		sk->sk_reuse = v != 0;
		return 0;
	case SO_REUSEPORT:
		sk->sk_reuseport = v != 0;
		return 0;
	case SO_BROADCAST:
		sk->sk_broadcast = v != 0;
		return 0;
	case SO_KEEPALIVE:
		if (sk->sk_prot->keepalive)
			sk->sk_prot->keepalive(sk, v != 0);
		sk->sk_keepalive = v != 0;
		return 0;
	case SO_PRIORITY:
		if (v < 0 || v > 6)
			return -EPERM;
		sk->sk_priority = v;
		return 0;
	case SO_DONTROUTE:
		sk->sk_localroute = v != 0;     /* stored, as Linux reports it */
		return 0;
	case SO_OOBINLINE:
		sk->sk_urginline = v != 0;
		return 0;
	case SO_TIMESTAMP:
		sk->sk_rcvtstamp = v != 0;
		return 0;
	case SO_PASSCRED:
		return 0;       /* accepted, no effect here */
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		/* Linux doubles the value to leave room for bookkeeping. The
		 * limit is compared unsigned, so a negative size asks for
		 * the maximum. */
		v = (int)MIN((u32)v, (u32)SYSCTL_WMEM_MAX);
		sk->sk_sndbuf = MAX(v * 2, SOCK_MIN_SNDBUF);
		if (sk->sk_write_space)
			sk->sk_write_space(sk);
		return 0;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		v = (int)MIN((u32)v, (u32)SYSCTL_RMEM_MAX);
		sk->sk_rcvbuf = MAX(v * 2, SOCK_MIN_RCVBUF);
		return 0;
	case SO_RCVLOWAT:
		/* negative means "as much as possible", 0 means 1 */
		sk->sk_rcvlowat = v < 0 ? 0x7fffffff : (v ? v : 1);
		return 0;
	case SO_SNDLOWAT:
		return -ENOPROTOOPT;    /* fixed at 1 in Linux */
	case SO_TYPE:
	case SO_ERROR:
	case SO_PROTOCOL:
	case SO_DOMAIN:
	case SO_ACCEPTCONN:
	case SO_PEERCRED:
		return -ENOPROTOOPT;    /* read-only */
	}
	return -ENOPROTOOPT;
}

static int put_val(void *optval, int *optlen, const void *val, int size)
{
	int n = MIN(*optlen, size);

	if (*optlen < 0)
		return -EINVAL;
	memcpy(optval, val, n);
	*optlen = n;
	return 0;
}

int sock_getsockopt(struct socket *sock, int optname, void *optval, int *optlen)
{
	struct sock *sk = sock->sk;
	int v;

	switch (optname) {
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		long t = optname == SO_RCVTIMEO ? sk->sk_rcvtimeo : sk->sk_sndtimeo;
		struct timeval_k tv = { 0, 0 };

		if (t != MAX_SCHEDULE_TIMEOUT) {
			tv.tv_sec = t / 1000;
			tv.tv_usec = t % 1000 * 1000;
		}
		return put_val(optval, optlen, &tv, sizeof(tv));
	}
	case SO_LINGER: {
		struct { int onoff, linger; } l = { sk->sk_linger >= 0,
						    sk->sk_linger >= 0 ? sk->sk_linger : 0 };
		return put_val(optval, optlen, &l, sizeof(l));
	}
	case SO_REUSEADDR: v = sk->sk_reuse; break;
	case SO_REUSEPORT: v = sk->sk_reuseport; break;
	case SO_BROADCAST: v = sk->sk_broadcast; break;
	case SO_KEEPALIVE: v = sk->sk_keepalive; break;
	case SO_PRIORITY: v = sk->sk_priority; break;
	case SO_SNDBUF: v = sk->sk_sndbuf; break;
	case SO_RCVBUF: v = sk->sk_rcvbuf; break;
	case SO_TYPE: v = sock->type; break;
	case SO_PROTOCOL: v = sk->sk_protocol; break;
	case SO_DOMAIN: v = sk->sk_family; break;
	case SO_ACCEPTCONN: v = sk->sk_state == TCP_LISTEN; break;
	case SO_ERROR:
		v = sock_error(sk);
		if (!v) {
			v = sk->sk_err_soft;
			sk->sk_err_soft = 0;
		}
		break;
	case SO_RCVLOWAT: v = sk->sk_rcvlowat; break;
	case SO_SNDLOWAT: v = 1; break;
	case SO_DONTROUTE: v = sk->sk_localroute; break;
	case SO_OOBINLINE: v = sk->sk_urginline; break;
	case SO_BINDTODEVICE: {
		/* The device's name with its NUL; unbound is length 0. A
		 * buffer shorter than IFNAMSIZ is EINVAL (Linux). */
		struct net_device *dev;
		int n;

		if (!sk->sk_bound_dev_if) {
			*optlen = 0;
			return 0;
		}
		if (*optlen < IFNAMSIZ)
			return -EINVAL;
		dev = dev_get_by_index(sk->sk_bound_dev_if);
		if (!dev)
			return -ENODEV;
		n = (int)strnlen(dev->name, IFNAMSIZ - 1) + 1;
		memcpy(optval, dev->name, n - 1);
		((char *)optval)[n - 1] = 0;
		*optlen = n;
		return 0;
	}
	case SO_TIMESTAMP: v = sk->sk_rcvtstamp; break;
	case SO_PASSCRED: v = 0; break;
	default:
		return -ENOPROTOOPT;
	}
	return put_val(optval, optlen, &v, sizeof(v));
}
