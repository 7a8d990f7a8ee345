/* The IP protocol table: ICMP, UDP (and later TCP) register here at boot;
 * ip_local_deliver and icmp's error path look handlers up by number. */
#include <net/protocol.h>
#include <net/in.h>

static const struct net_protocol *inet_protos[IPPROTO_MAX];

int inet_add_protocol(const struct net_protocol *prot, unsigned char num)
{
	if (inet_protos[num])
		return -EBUSY;
	inet_protos[num] = prot;
	return 0;
}

int inet_del_protocol(const struct net_protocol *prot, unsigned char num)
{
	if (inet_protos[num] != prot)
		return -ENOENT;
	inet_protos[num] = NULL;
	return 0;
}

const struct net_protocol *inet_get_protocol(unsigned char num)
{
	return inet_protos[num];
}
