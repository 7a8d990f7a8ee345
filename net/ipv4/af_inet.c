/* The IPv4 family at boot (Linux inet_init): ARP and IP packet types, the
 * IP protocol table (ICMP, UDP; TCP later), reassembly state.
 *
 * The socket layer step adds here: sock_register(&inet_family_ops) and
 * the protocol switch inetsw mapping (SOCK_DGRAM, IPPROTO_UDP) to
 * inet_dgram_ops + udp_prot, (SOCK_RAW, IPPROTO_ICMP) to raw ops, and
 * (SOCK_STREAM, IPPROTO_TCP) to inet_stream_ops + tcp_prot.
 */
#include <net/net.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/udp.h>

int inet_init(void)
{
	int err;

	ip_frag_init();
	err = arp_init();
	if (err)
		return err;
	err = ip_init();
	if (err)
		return err;
	err = icmp_init();
	if (err)
		return err;
	return udp_init();
}
