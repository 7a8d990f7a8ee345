/* Boot-time address configuration: kernel options and the one console
 * line tests look for. DHCP (dhcp.c) calls ipconfig_apply() when it has a
 * lease; static options call it directly.
 *
 *   kernel init -> ipconfig_parse_cmdline -> ip_auto_config
 *     -> ipconfig_static -> ipconfig_apply          ("(static)")
 *     -> dhcp_start ... DHCPACK -> ipconfig_apply   ("(dhcp)")
 */
#include <net/ipconfig.h>
#include <net/ip.h>

wait_queue_head_t ipconfig_wq = { LIST_HEAD_INIT(ipconfig_wq.head) };

static struct ipconfig_info ic_cur;
static int ic_status;

/* Options from the command line. */
static bool ic_opt_static;
static be32 ic_opt_addr, ic_opt_gw, ic_opt_dns;
static int ic_opt_prefix = 24;

int ipconfig_status(void)
{
	return ic_status;
}

const struct ipconfig_info *ipconfig_current(void)
{
	return &ic_cur;
}

be32 ipconfig_dns(void)
{
	return ic_cur.dns;
}

void ipconfig_reset(void)
{
	memset(&ic_cur, 0, sizeof(ic_cur));
	ic_status = IPCONFIG_NONE;
	ic_opt_static = false;
	ic_opt_addr = ic_opt_gw = ic_opt_dns = 0;
	ic_opt_prefix = 24;
}

static int ic_parse_word(const char *w, size_t n)
{
	be32 a;
	int used;

	if (n >= 3 && strncmp(w, "ip=", 3) == 0) {
		if (n == 7 && strncmp(w + 3, "dhcp", 4) == 0) {
			ic_opt_static = false;
			return 0;
		}
		used = in_aton(w + 3, &a);
		if (used < 0)
			return -EINVAL;
		if ((size_t)used + 3 == n) {
			ic_opt_prefix = 24;
		} else {
			int pl = 0;
			size_t i = (size_t)used + 3;

			if (w[i++] != '/' || i == n || n - i > 2)
				return -EINVAL;
			for (; i < n; i++) {
				if (w[i] < '0' || w[i] > '9')
					return -EINVAL;
				pl = pl * 10 + (w[i] - '0');
			}
			if (pl < 1 || pl > 32)
				return -EINVAL;
			ic_opt_prefix = pl;
		}
		ic_opt_addr = a;
		ic_opt_static = true;
		return 0;
	}
	if (n >= 3 && (strncmp(w, "gw=", 3) == 0)) {
		if (in_aton(w + 3, &a) != (int)n - 3)
			return -EINVAL;
		ic_opt_gw = a;
		return 0;
	}
	if (n >= 4 && strncmp(w, "dns=", 4) == 0) {
		if (in_aton(w + 4, &a) != (int)n - 4)
			return -EINVAL;
		ic_opt_dns = a;
		return 0;
	}
	return 0;
}

int ipconfig_parse_cmdline(const char *cmdline)
{
	const char *p = cmdline;
	int rc = 0;

	while (p && *p) {
		const char *start;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (p > start && ic_parse_word(start, (size_t)(p - start))) {
			pr_warn("ipconfig: bad option '%.*s' ignored\n",
				(int)(p - start), start);
			rc = -EINVAL;
		}
	}
	return rc;
}

static void ic_print(const struct ipconfig_info *ic)
{
	char a[16], g[16], d[16];

	pr_info("ipconfig: %s %s/%d gw %s dns %s (%s)\n", ic->dev->name,
		in_ntoa(ic->addr, a), ic->prefixlen, in_ntoa(ic->gw, g),
		in_ntoa(ic->dns, d), ic->dhcp ? "dhcp" : "static");
}

int ipconfig_apply(const struct ipconfig_info *info)
{
	bool same = ic_status == IPCONFIG_DONE && ic_cur.dev == info->dev &&
		    ic_cur.addr == info->addr &&
		    ic_cur.prefixlen == info->prefixlen &&
		    ic_cur.gw == info->gw && ic_cur.dns == info->dns;
	int err;

	if (same) {
		ic_cur.server = info->server;   /* a renewal: nothing moves */
		return 0;
	}
	if (ic_status == IPCONFIG_DONE)
		ipconfig_unapply();
	err = inet_addr_add(info->dev, info->addr, info->prefixlen);
	if (err && err != -EEXIST)
		return err;
	if (info->gw) {
		err = ip_route_set_default(info->gw, info->dev);
		if (err)
			goto del_addr;
	}
	ic_cur = *info;
	ic_status = IPCONFIG_DONE;
	ic_print(&ic_cur);
	wake_up(&ipconfig_wq);
	return 0;

del_addr:
	inet_addr_del(info->dev, info->addr);
	return err;
}

void ipconfig_unapply(void)
{
	if (ic_status != IPCONFIG_DONE)
		return;
	if (ic_cur.gw)
		ip_route_set_default(0, NULL);
	inet_addr_del(ic_cur.dev, ic_cur.addr);
	ic_status = ic_cur.dhcp ? IPCONFIG_PENDING : IPCONFIG_NONE;
	ic_cur.addr = 0;
}

int ipconfig_static(struct net_device *dev, be32 addr, int prefixlen,
		    be32 gw, be32 dns)
{
	struct ipconfig_info info = {
		.dev = dev, .addr = addr, .prefixlen = prefixlen,
		.gw = gw, .dns = dns, .dhcp = false,
	};

	return ipconfig_apply(&info);
}

static struct net_device *ic_first_ether(void)
{
	for (struct net_device *d = dev_get_next(NULL); d; d = dev_get_next(d))
		if (d->type == ARPHRD_ETHER && !(d->flags & IFF_LOOPBACK))
			return d;
	return NULL;
}

int ip_auto_config(void)
{
	struct net_device *dev = ic_first_ether();
	int err;

	if (!dev) {
		pr_warn("ipconfig: no network device\n");
		ic_status = IPCONFIG_FAILED;
		return -ENODEV;
	}
	if (ic_opt_static) {
		err = ipconfig_static(dev, ic_opt_addr, ic_opt_prefix,
				      ic_opt_gw, ic_opt_dns);
		if (err)
			ic_status = IPCONFIG_FAILED;
		return err;
	}
	ic_status = IPCONFIG_PENDING;
	err = dhcp_start(dev);
	if (err)
		ic_status = IPCONFIG_FAILED;
	return err;
}

int ipconfig_wait(long timeout_ms)
{
	wait_queue_entry_t wait;
	long left = timeout_ms;

	init_wait_entry(&wait, 0);
	while (ic_status != IPCONFIG_DONE && left > 0) {
		prepare_to_wait(&ipconfig_wq, &wait);
		if (ic_status != IPCONFIG_DONE)
			left = schedule_timeout(left);
		finish_wait(&ipconfig_wq, &wait);
		if (signal_pending_current())
			break;
	}
	return ic_status == IPCONFIG_DONE ? 0 : -ETIMEDOUT;
}
