/* Sockets as files: the system calls and the VFS glue (Linux
 * net/socket.c). This is the path the lesson follows:
 *
 *   socket(2) -> sys_socket -> sock_create -> net_families[family]->create
 *     (inet_create: sk_alloc + sock_init_data, proto_ops from inetsw)
 *     -> sock_map_fd: a struct file with f_op = &socket_file_ops
 *   read(2)  -> vfs_read  -> sock_read_iter  -> sock->ops->recvmsg
 *                            -> sk->sk_prot->recvmsg (udp_recvmsg)
 *   write(2) -> vfs_write -> sock_write_iter -> sock->ops->sendmsg
 *
 * Every user pointer is copied here (addresses, options, message headers);
 * data is copied straight between user buffers and packet buffers by the
 * protocols (msg_user). This file is kernel-only: the portable protocol
 * code below it also builds into the host tests. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <net/socket.h>
#include <net/net_proc.h>
#include <net/netem.h>
#include <net/netdevice.h>
#include <uapi/uio.h>

#define MAX_SOCK_ADDR 128               /* sizeof(struct sockaddr_storage) */
#define MAX_OPTLEN    1024
#define MAX_RW_COUNT  0x7ffff000L
#define MAX_CMSG_SPACE 256              /* more than every cmsg we produce */

/* The user ABI's struct msghdr (libc's sys/socket.h), read by sendmsg and
 * recvmsg. */
struct user_msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	unsigned long msg_iovlen;
	void *msg_control;
	unsigned long msg_controllen;
	unsigned int msg_flags;
};
_Static_assert(sizeof(struct user_msghdr) == 56, "struct msghdr ABI");

static const struct file_operations socket_file_ops;
static struct kmem_cache *socket_cache;

/* A socket and its inode are allocated together (Linux socket_alloc). */
struct socket_alloc {
	struct socket socket;
	struct inode *inode;
};

static struct inode *SOCK_INODE(struct socket *sock)
{
	return container_of(sock, struct socket_alloc, socket)->inode;
}
static unsigned long sockets_in_use;

void sock_poll_wait(struct file *filp, wait_queue_head_t *wq,
		    struct poll_table_struct *p)
{
	poll_wait(filp, wq, p);
}

/* A socket is an inode of type S_IFSOCK with a struct socket attached. */
static struct socket *sock_alloc(void)
{
	struct inode *inode = new_inode(S_IFSOCK | 0777);
	struct socket_alloc *ei;

	if (!inode)
		return NULL;
	if (!socket_cache)
		socket_cache = kmem_cache_create("socket", sizeof(struct socket_alloc));
	ei = socket_cache ? kmem_cache_zalloc(socket_cache) : NULL;
	if (!ei) {
		iput(inode);
		return NULL;
	}
	ei->inode = inode;              /* the socket's own reference */
	inode->i_socket = &ei->socket;
	ei->socket.state = SS_UNCONNECTED;
	sockets_in_use++;
	return &ei->socket;
}

/* Close the protocol side and free the socket (Linux sock_release). */
static void sock_release(struct socket *sock)
{
	struct inode *inode = SOCK_INODE(sock);

	if (sock->ops && sock->sk)
		sock->ops->release(sock);
	sock->ops = NULL;
	inode->i_socket = NULL;
	kmem_cache_free(socket_cache, container_of(sock, struct socket_alloc, socket));
	sockets_in_use--;
	iput(inode);
}

int sock_create(int family, int type, int protocol, struct socket **res);
int sock_create(int family, int type, int protocol, struct socket **res)
{
	struct socket *sock = sock_alloc();
	int err = 0;

	if (!sock)
		return -ENFILE;
	err = sock_create_lite(sock, family, type, protocol);
	if (err) {
		sock->ops = NULL;
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

/* Give the socket a file and a descriptor (Linux sock_map_fd). */
static int sock_map_fd(struct socket *sock, int flags)
{
	struct file *f = alloc_file(SOCK_INODE(sock), O_RDWR | (flags & O_NONBLOCK),
				    &socket_file_ops);
	int fd;

	if (!f) {
		sock_release(sock);
		return -ENFILE;
	}
	f->private_data = sock;
	sock->file = f;
	fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0) {
		fput(f);        /* releases the socket too */
		return fd;
	}
	return fd;
}

/* The socket behind a descriptor: -EBADF or -ENOTSOCK otherwise. */
static struct socket *sockfd_lookup(int fd, int *err)
{
	struct file *f = fget(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->f_op != &socket_file_ops) {
		*err = -ENOTSOCK;
		return NULL;
	}
	return f->private_data;
}

static int move_addr_to_kernel(const void *uaddr, int ulen, void *kaddr)
{
	if (ulen < 0 || ulen > MAX_SOCK_ADDR)
		return -EINVAL;
	if (ulen == 0)
		return 0;
	return copy_from_user(kaddr, uaddr, ulen) ? -EFAULT : 0;
}

/* Copy an address out, truncating to the user's buffer but reporting the
 * real length, as Linux does. */
static int move_addr_to_user(const void *kaddr, int klen, void *uaddr, int *ulenp)
{
	int len;

	if (get_user_u32((u32 *)&len, (u32 *)ulenp))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user_u32(klen, (u32 *)ulenp);
}

static int sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	int r = sock->ops->sendmsg(sock, msg, len);

	/* SIGPIPE is for a broken stream (Linux raises it in TCP and
	 * AF_UNIX); a datagram socket after shutdown(SHUT_WR) only gets
	 * EPIPE. */
	if (r == -EPIPE && !(msg->msg_flags & MSG_NOSIGNAL) &&
	    (sock->type == SOCK_STREAM || sock->type == SOCK_SEQPACKET))
		send_signal(current, SIGPIPE);
	return r;
}

static int sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	return sock->ops->recvmsg(sock, msg, len, flags);
}

/* ---- the file side ---- */

/* read(2) on a socket is recv(fd, buf, len, 0). */
static ssize_t sock_read_iter(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct socket *sock = f->private_data;
	struct kvec iov = { buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_user = true };

	if (len == 0)
		return 0;
	return sock_recvmsg(sock, &msg, len, f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

/* write(2) on a socket is send(fd, buf, len, 0). */
static ssize_t sock_write_iter(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct socket *sock = f->private_data;
	struct kvec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_user = true,
			      .msg_flags = f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0 };

	return sock_sendmsg(sock, &msg, len);
}

/* readv(2)/writev(2): one datagram through all the iovecs, like
 * recvmsg/sendmsg without an address (Linux sock_read_iter and
 * sock_write_iter; readv and writev of nothing move nothing). */
static ssize_t sock_iov(struct file *f, const struct iovec *iov, int cnt, size_t total,
			bool write)
{
	struct socket *sock = f->private_data;
	struct kvec *kv;
	struct msghdr msg = { .msg_iovlen = (size_t)cnt, .msg_user = true };
	int flags = f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0;
	ssize_t r;

	if (total == 0)
		return 0;
	kv = kmalloc(cnt * sizeof(*kv));
	if (!kv)
		return -ENOMEM;
	for (int i = 0; i < cnt; i++) {
		kv[i].iov_base = iov[i].iov_base;
		kv[i].iov_len = iov[i].iov_len;
	}
	msg.msg_iov = kv;
	if (write) {
		msg.msg_flags = flags;
		r = sock_sendmsg(sock, &msg, total);
	} else {
		r = sock_recvmsg(sock, &msg, total, flags);
	}
	kfree(kv);
	return r;
}

static ssize_t sock_readv(struct file *f, const struct iovec *iov, int cnt, size_t total)
{
	return sock_iov(f, iov, cnt, total, false);
}

static ssize_t sock_writev(struct file *f, const struct iovec *iov, int cnt, size_t total)
{
	return sock_iov(f, iov, cnt, total, true);
}

static unsigned int sock_poll(struct file *f, poll_table *pt)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(f, sock, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;

	/* Interface queries work on a socket of any family (Linux
	 * sock_do_ioctl -> dev_ioctl). */
	if (dev_ioctl_cmd(cmd))
		return dev_ioctl(cmd, (void *)arg);
	return sock->ops->ioctl(sock, cmd, arg);
}

static int sock_close(struct inode *inode, struct file *f)
{
	struct socket *sock = f->private_data;

	if (!sock)
		return 0;
	sock->file = NULL;
	sock_release(sock);
	return 0;
}

static const struct file_operations socket_file_ops = {
	.read = sock_read_iter,
	.write = sock_write_iter,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_close,
	.readv = sock_readv,
	.writev = sock_writev,
};

/* ---- system calls ---- */

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *sock;
	int err = 0;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &sock);
	if (err)
		return err;
	return sock_map_fd(sock, flags);
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int *, usv)
{
	if (!sock_family(family))
		return -EAFNOSUPPORT;
	return -EOPNOTSUPP;     /* no family here supports pairs (no AF_UNIX) */
}

SYSCALL_DEFINE3(bind, int, fd, const void *, uaddr, int, addrlen)
{
	u8 addr[MAX_SOCK_ADDR];
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = move_addr_to_kernel(uaddr, addrlen, addr);
	if (err)
		return err;
	return sock->ops->bind(sock, addr, addrlen);
}

SYSCALL_DEFINE3(connect, int, fd, const void *, uaddr, int, addrlen)
{
	u8 addr[MAX_SOCK_ADDR];
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = move_addr_to_kernel(uaddr, addrlen, addr);
	if (err)
		return err;
	return sock->ops->connect(sock, addr, addrlen,
				  sock->file->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if ((unsigned)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	return sock->ops->listen(sock, backlog);
}

static long do_accept(int fd, void *uaddr, int *ulen, int flags)
{
	struct socket *sock, *newsock;
	u8 addr[MAX_SOCK_ADDR];
	int err = 0, len, newfd;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	newsock = sock_alloc();
	if (!newsock)
		return -ENFILE;
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	err = sock->ops->accept(sock, newsock,
				sock->file->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
	if (err) {
		newsock->ops = NULL;
		sock_release(newsock);
		return err;
	}
	if (uaddr) {
		len = newsock->ops->getname(newsock, addr, 1);
		if (len < 0 || move_addr_to_user(addr, len, uaddr, ulen)) {
			sock_release(newsock);
			return len < 0 ? -ECONNABORTED : -EFAULT;
		}
	}
	newfd = sock_map_fd(newsock, flags);
	return newfd;
}

SYSCALL_DEFINE3(accept, int, fd, void *, uaddr, int *, ulen)
{
	return do_accept(fd, uaddr, ulen, 0);
}

SYSCALL_DEFINE4(accept4, int, fd, void *, uaddr, int *, ulen, int, flags)
{
	return do_accept(fd, uaddr, ulen, flags);
}

static long do_getname(int fd, void *uaddr, int *ulen, int peer)
{
	u8 addr[MAX_SOCK_ADDR];
	int err = 0, len;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	len = sock->ops->getname(sock, addr, peer);
	if (len < 0)
		return len;
	return move_addr_to_user(addr, len, uaddr, ulen);
}

SYSCALL_DEFINE3(getsockname, int, fd, void *, uaddr, int *, ulen)
{
	return do_getname(fd, uaddr, ulen, 0);
}

SYSCALL_DEFINE3(getpeername, int, fd, void *, uaddr, int *, ulen)
{
	return do_getname(fd, uaddr, ulen, 1);
}

#define SEND_FLAGS (MSG_OOB | MSG_DONTROUTE | MSG_DONTWAIT | MSG_EOR | \
		    MSG_NOSIGNAL | MSG_MORE | MSG_CONFIRM)

SYSCALL_DEFINE6(sendto, int, fd, const void *, buf, size_t, len, unsigned int, flags,
		const void *, uaddr, int, addrlen)
{
	u8 addr[MAX_SOCK_ADDR];
	struct kvec iov = { (void *)buf, MIN(len, (size_t)MAX_RW_COUNT) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_user = true };
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (!access_ok(buf, iov.iov_len))
		return -EFAULT;
	if (uaddr) {
		err = move_addr_to_kernel(uaddr, addrlen, addr);
		if (err)
			return err;
		msg.msg_name = addr;
		msg.msg_namelen = addrlen;
	}
	msg.msg_flags = flags & SEND_FLAGS;
	if (sock->file->f_flags & O_NONBLOCK)
		msg.msg_flags |= MSG_DONTWAIT;
	return sock_sendmsg(sock, &msg, iov.iov_len);
}

SYSCALL_DEFINE6(recvfrom, int, fd, void *, buf, size_t, len, unsigned int, flags,
		void *, uaddr, int *, ulen)
{
	u8 addr[MAX_SOCK_ADDR];
	struct kvec iov = { buf, MIN(len, (size_t)MAX_RW_COUNT) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_user = true };
	int err = 0, n;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (!access_ok(buf, iov.iov_len))
		return -EFAULT;
	if (uaddr)
		msg.msg_name = addr;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	n = sock_recvmsg(sock, &msg, iov.iov_len, flags);
	if (n >= 0 && uaddr && msg.msg_namelen > 0) {
		err = move_addr_to_user(addr, msg.msg_namelen, uaddr, ulen);
		if (err)
			return err;
	}
	return n;
}

/* Copy a user msghdr and its iovec array into kernel form. */
static int copy_msghdr(const struct user_msghdr *umsg, struct user_msghdr *m,
		       struct kvec **iovp, size_t *total)
{
	struct kvec *kv;

	if (copy_from_user(m, umsg, sizeof(*m)))
		return -EFAULT;
	if (m->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	kv = kmalloc(MAX(m->msg_iovlen, 1UL) * sizeof(*kv));
	if (!kv)
		return -ENOMEM;
	*total = 0;
	for (unsigned long i = 0; i < m->msg_iovlen; i++) {
		struct iovec v;

		if (copy_from_user(&v, m->msg_iov + i, sizeof(v))) {
			kfree(kv);
			return -EFAULT;
		}
		if ((long)v.iov_len < 0) {
			kfree(kv);
			return -EINVAL;
		}
		if (*total + v.iov_len > MAX_RW_COUNT)
			v.iov_len = MAX_RW_COUNT - *total;
		if (!access_ok(v.iov_base, v.iov_len)) {
			kfree(kv);
			return -EFAULT;
		}
		kv[i].iov_base = v.iov_base;
		kv[i].iov_len = v.iov_len;
		*total += v.iov_len;
	}
	*iovp = kv;
	return 0;
}

/* One sendmsg on a socket already looked up (sendmsg and sendmmsg). */
static long do_sendmsg(struct socket *sock, const struct user_msghdr *umsg,
		       unsigned int flags)
{
	struct user_msghdr m;
	u8 addr[MAX_SOCK_ADDR];
	struct kvec *kv;
	struct msghdr msg = { .msg_user = true };
	size_t total;
	int err;

	err = copy_msghdr(umsg, &m, &kv, &total);
	if (err)
		return err;
	/* As Linux's copy_msghdr_from_user: a negative namelen is EINVAL,
	 * a longer one than any address is cut to sockaddr_storage, and a
	 * name of length 0 is no name at all (the connected peer is used). */
	if (m.msg_name && m.msg_namelen < 0) {
		err = -EINVAL;
		goto out;
	}
	if (m.msg_name && m.msg_namelen) {
		m.msg_namelen = MIN(m.msg_namelen, MAX_SOCK_ADDR);
		err = move_addr_to_kernel(m.msg_name, m.msg_namelen, addr);
		if (err)
			goto out;
		msg.msg_name = addr;
		msg.msg_namelen = m.msg_namelen;
	}
	msg.msg_iov = kv;
	msg.msg_iovlen = m.msg_iovlen;
	msg.msg_flags = flags & SEND_FLAGS;
	if (sock->file->f_flags & O_NONBLOCK)
		msg.msg_flags |= MSG_DONTWAIT;
	err = sock_sendmsg(sock, &msg, total);
out:
	kfree(kv);
	return err;
}

SYSCALL_DEFINE3(sendmsg, int, fd, const struct user_msghdr *, umsg, unsigned int, flags)
{
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	return sock ? do_sendmsg(sock, umsg, flags) : err;
}

/* One recvmsg on a socket already looked up (recvmsg and recvmmsg). */
static long do_recvmsg(struct socket *sock, struct user_msghdr *umsg, unsigned int flags)
{
	struct user_msghdr m;
	u8 addr[MAX_SOCK_ADDR];
	struct kvec *kv;
	struct msghdr msg = { .msg_user = true };
	size_t total;
	int err, n;

	err = copy_msghdr(umsg, &m, &kv, &total);
	if (err)
		return err;
	if (m.msg_name && m.msg_namelen < 0) {
		kfree(kv);
		return -EINVAL;
	}
	msg.msg_name = m.msg_name ? addr : NULL;
	msg.msg_iov = kv;
	msg.msg_iovlen = m.msg_iovlen;
	/* Control messages are built in a kernel buffer no larger than the
	 * caller's (and than any we could produce), then copied out. */
	if (m.msg_control && m.msg_controllen) {
		msg.msg_controllen = MIN(m.msg_controllen, (unsigned long)MAX_CMSG_SPACE);
		msg.msg_control = kmalloc(msg.msg_controllen);
		if (!msg.msg_control) {
			kfree(kv);
			return -ENOBUFS;
		}
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	n = sock_recvmsg(sock, &msg, total, flags);
	kfree(kv);
	if (n >= 0 && msg.msg_control_used &&
	    copy_to_user(m.msg_control, msg.msg_control, msg.msg_control_used))
		n = -EFAULT;
	kfree(msg.msg_control);
	if (n < 0)
		return n;
	/* namelen, flags and (empty) control data go back to the caller */
	if (m.msg_name) {
		int len = MIN(m.msg_namelen, msg.msg_namelen);

		if (len > 0 && copy_to_user(m.msg_name, addr, len))
			return -EFAULT;
		m.msg_namelen = msg.msg_namelen;
	}
	m.msg_controllen = msg.msg_control_used;
	m.msg_flags = msg.msg_flags;
	if (copy_to_user(&umsg->msg_namelen, &m.msg_namelen, sizeof(m.msg_namelen)) ||
	    copy_to_user(&umsg->msg_controllen, &m.msg_controllen, sizeof(m.msg_controllen)) ||
	    copy_to_user(&umsg->msg_flags, &m.msg_flags, sizeof(m.msg_flags)))
		return -EFAULT;
	return n;
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr *, umsg, unsigned int, flags)
{
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	return sock ? do_recvmsg(sock, umsg, flags) : err;
}

/* struct mmsghdr: a msghdr and the length moved for it. */
struct user_mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};
_Static_assert(sizeof(struct user_mmsghdr) == 64, "struct mmsghdr ABI");

#define MSG_WAITFORONE 0x10000

/* sendmmsg(2): up to UIO_MAXIOV messages; the count sent, or the first
 * message's error if none was (Linux __sys_sendmmsg). */
SYSCALL_DEFINE4(sendmmsg, int, fd, struct user_mmsghdr *, umm, unsigned int, vlen,
		unsigned int, flags)
{
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);
	unsigned int n = 0;

	if (!sock)
		return err;
	vlen = MIN(vlen, (unsigned int)UIO_MAXIOV);
	while (n < vlen) {
		long r = do_sendmsg(sock, &umm[n].msg_hdr, flags);

		if (r < 0) {
			err = (int)r;
			break;
		}
		if (put_user_u32((u32)r, &umm[n].msg_len)) {
			err = -EFAULT;
			break;
		}
		n++;
	}
	return n ? (long)n : err;
}

/* recvmmsg(2): as Linux __sys_recvmmsg, the timeout is looked at after
 * each datagram (it does not bound a blocking wait); MSG_WAITFORONE
 * turns on MSG_DONTWAIT after the first datagram; an error after some
 * datagrams is kept in sk_err for the next call (unless EAGAIN). */
SYSCALL_DEFINE5(recvmmsg, int, fd, struct user_mmsghdr *, umm, unsigned int, vlen,
		unsigned int, flags, struct timespec *, utmo)
{
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);
	struct timespec ts;
	u64 end = 0;
	unsigned int n = 0;

	if (!sock)
		return err;
	if (utmo) {
		if (copy_from_user(&ts, utmo, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
		end = ktime_get_ns() + (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
	}
	vlen = MIN(vlen, (unsigned int)UIO_MAXIOV);
	while (n < vlen) {
		long r = do_recvmsg(sock, &umm[n].msg_hdr, flags & ~MSG_WAITFORONE);

		if (r < 0) {
			err = (int)r;
			break;
		}
		if (put_user_u32((u32)r, &umm[n].msg_len)) {
			err = -EFAULT;
			break;
		}
		n++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (utmo && ktime_get_ns() >= end)
			break;
	}
	if (n == 0)
		return err;
	if (err && err != -EAGAIN && sock->sk)
		sock->sk->sk_err = -err;
	if (utmo) {
		u64 now = ktime_get_ns(), left = now < end ? end - now : 0;

		ts.tv_sec = (long)(left / 1000000000ULL);
		ts.tv_nsec = (long)(left % 1000000000ULL);
		if (copy_to_user(utmo, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return n;
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	return sock ? sock->ops->shutdown(sock, how) : err;
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, optname, const void *, uval,
		int, optlen)
{
	u8 val[MAX_OPTLEN];
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (optlen < 0)
		return -EINVAL;
	if (optlen > MAX_OPTLEN)
		optlen = MAX_OPTLEN;    /* every option here is far shorter */
	if (optlen && copy_from_user(val, uval, optlen))
		return -EFAULT;
	return sock->ops->setsockopt(sock, level, optname, val, optlen);
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, optname, void *, uval,
		int *, uoptlen)
{
	u8 val[MAX_OPTLEN];
	int err = 0, len;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (get_user_u32((u32 *)&len, (u32 *)uoptlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = MIN(len, MAX_OPTLEN);
	err = sock->ops->getsockopt(sock, level, optname, val, &len);
	if (err)
		return err;
	if (len && copy_to_user(uval, val, len))
		return -EFAULT;
	return put_user_u32(len, (u32 *)uoptlen);
}

/* ---- /proc/net ---- */

static size_t net_show(char *buf, size_t size, void *fn)
{
	ssize_t (*show)(char *, size_t) = fn;
	ssize_t n = show(buf, size);

	return n < 0 ? 0 : (size_t)n;
}

static size_t sockstat_show(char *buf, size_t size, void *unused)
{
	return snprintf(buf, size, "sockets: used %lu\n", sockets_in_use);
}

void sock_proc_init(void);
void sock_proc_init(void)
{
	static const struct { const char *name; ssize_t (*fn)(char *, size_t); } files[] = {
		{ "net/dev", net_proc_dev_show },
		{ "net/snmp", net_proc_snmp_show },
		{ "net/netstat", net_proc_netstat_show },
		{ "net/arp", net_proc_arp_show },
		{ "net/route", net_proc_route_show },
		{ "net/udp", net_proc_udp_show },
		{ "net/tcp", net_proc_tcp_show },
		{ "net/softnet_stat", net_proc_softnet_show },
		{ "net/drops", net_proc_drops_show },
		{ "net/pnp", net_proc_pnp_show },
		{ "net/if_inet4", net_proc_if_inet4_show },
		{ "net/netem", net_proc_netem_show },
	};

	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		proc_create(files[i].name, net_show, (void *)files[i].fn);
	proc_create("net/sockstat", sockstat_show, NULL);
}
