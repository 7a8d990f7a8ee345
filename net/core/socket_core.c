/* The family table behind socket(2): sock_register() fills
 * net_families[], and sock_create_lite() asks the family to set up a
 * socket of the given type and protocol (Linux net/socket.c,
 * __sock_create). The VFS side (sys_socket, sock_map_fd) is in
 * net/socket.c. */
#include <net/socket.h>

#define NPROTO 46       /* AF_MAX */

static const struct net_proto_family *net_families[NPROTO];

int sock_register(const struct net_proto_family *fam)
{
	if (fam->family < 0 || fam->family >= NPROTO)
		return -ENOBUFS;
	if (net_families[fam->family])
		return -EEXIST;
	net_families[fam->family] = fam;
	return 0;
}

void sock_unregister(int family)
{
	if (family >= 0 && family < NPROTO)
		net_families[family] = NULL;
}

const struct net_proto_family *sock_family(int family)
{
	return family >= 0 && family < NPROTO ? net_families[family] : NULL;
}

int sock_create_lite(struct socket *sock, int family, int type, int protocol)
{
	const struct net_proto_family *pf;

	if (family < 0 || family >= NPROTO)
		return -EAFNOSUPPORT;
	if (type < SOCK_STREAM || type >= SOCK_TYPE_MASK)
		return -EINVAL;
	pf = net_families[family];
	if (!pf)
		return -EAFNOSUPPORT;
	sock->type = (short)type;
	sock->state = SS_UNCONNECTED;
	return pf->create(sock, protocol);
}
