/* The SIOCGIF* ioctls on any socket (Linux dev_ioctl + devinet_ioctl +
 * inet_gifconf): what programs written for Linux (net-tools' ifconfig,
 * DHCP clients, libpcap) ask the kernel about interfaces. Read-only here:
 * interfaces are configured through kernel options and DHCP. */
#include <net/netdevice.h>
#include <net/inetdevice.h>
#include <net/sock.h>
#include <uapi/sockios.h>

/* The user ABI's struct ifreq: a name and a 24-byte union. */
struct ifreq_k {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr_in addr;
		struct {
			u16 sa_family;
			u8 sa_data[14];
		} hwaddr;
		short flags;
		int ivalue;
		u8 pad[24];
	} u;
};
_Static_assert(sizeof(struct ifreq_k) == 40, "struct ifreq ABI");

struct ifconf_k {
	int ifc_len;
	int pad;
	void *ifc_buf;
};

bool dev_ioctl_cmd(unsigned int cmd)
{
	switch (cmd) {
	case SIOCGIFNAME: case SIOCGIFCONF: case SIOCGIFFLAGS: case SIOCGIFADDR:
	case SIOCGIFBRDADDR: case SIOCGIFNETMASK: case SIOCGIFMTU:
	case SIOCGIFHWADDR: case SIOCGIFINDEX:
		return true;
	}
	return false;
}

static struct in_ifaddr *first_ifa(const struct net_device *dev)
{
	if (!dev->ip_ptr || list_empty(&dev->ip_ptr->ifa_list))
		return NULL;
	return list_first_entry(&dev->ip_ptr->ifa_list, struct in_ifaddr, ifa_list);
}

static void put_sin(struct ifreq_k *r, be32 a)
{
	memset(&r->u, 0, sizeof(r->u));
	r->u.addr.sin_family = AF_INET;
	r->u.addr.sin_addr.s_addr = a;
}

/* SIOCGIFCONF: one ifreq per IPv4 address; with no buffer, the length
 * the caller would need. */
static int dev_ifconf(void *uarg)
{
	struct ifconf_k ifc;
	int done = 0;

	if (copy_from_user(&ifc, uarg, sizeof(ifc)))
		return -EFAULT;
	if (ifc.ifc_len < 0)
		return -EINVAL;
	for (struct net_device *d = dev_get_next(NULL); d; d = dev_get_next(d)) {
		struct in_ifaddr *ifa;

		if (!d->ip_ptr)
			continue;
		list_for_each_entry(ifa, &d->ip_ptr->ifa_list, ifa_list) {
			struct ifreq_k r;

			if (ifc.ifc_buf) {
				if (done + (int)sizeof(r) > ifc.ifc_len)
					goto out;
				memset(&r, 0, sizeof(r));
				memcpy(r.ifr_name, d->name, IFNAMSIZ);
				put_sin(&r, ifa->ifa_local);
				if (copy_to_user((u8 *)ifc.ifc_buf + done, &r, sizeof(r)))
					return -EFAULT;
			}
			done += (int)sizeof(r);
		}
	}
out:
	ifc.ifc_len = done;
	return copy_to_user(uarg, &ifc, sizeof(ifc.ifc_len)) ? -EFAULT : 0;
}

int dev_ioctl(unsigned int cmd, void *uarg)
{
	struct ifreq_k r;
	struct net_device *dev;
	struct in_ifaddr *ifa;

	if (cmd == SIOCGIFCONF)
		return dev_ifconf(uarg);
	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (cmd == SIOCGIFNAME) {
		dev = dev_get_by_index(r.u.ivalue);
		if (!dev)
			return -ENODEV;
		memcpy(r.ifr_name, dev->name, IFNAMSIZ);
		return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
	}
	r.ifr_name[IFNAMSIZ - 1] = 0;
	dev = dev_get_by_name(r.ifr_name);
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFFLAGS:
		memset(&r.u, 0, sizeof(r.u));
		r.u.flags = (short)(dev->flags & 0xffff);
		break;
	case SIOCGIFMTU:
		memset(&r.u, 0, sizeof(r.u));
		r.u.ivalue = (int)dev->mtu;
		break;
	case SIOCGIFINDEX:
		memset(&r.u, 0, sizeof(r.u));
		r.u.ivalue = dev->ifindex;
		break;
	case SIOCGIFHWADDR:
		memset(&r.u, 0, sizeof(r.u));
		r.u.hwaddr.sa_family = dev->type;
		memcpy(r.u.hwaddr.sa_data, dev->dev_addr, MIN((unsigned)dev->addr_len, 14u));
		break;
	default:                        /* the address ioctls */
		ifa = first_ifa(dev);
		if (!ifa)
			return -EADDRNOTAVAIL;
		put_sin(&r, cmd == SIOCGIFADDR ? ifa->ifa_local :
			    cmd == SIOCGIFNETMASK ? ifa->ifa_mask : ifa->ifa_broadcast);
		break;
	}
	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}
