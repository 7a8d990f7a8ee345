/* net_init: the one call the kernel makes to bring the stack up. */
#include <net/net.h>
#include <net/netdevice.h>

int net_init(void)
{
	int err;

	err = net_dev_init();
	if (err)
		return err;
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	err = inet_init();
	if (err)
		return err;
	return loopback_init();
}
