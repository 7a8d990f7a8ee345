/* Text views of the IPv4 stack in Linux's /proc/net formats: snmp,
 * netstat (our *Ext counter groups), arp, route, udp, pnp; plus the
 * resolv.conf text the kernel serves from the DHCP/static DNS server. */
#include <net/net_proc.h>
#include <net/snmp.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/udp.h>
#include <net/tcp.h>
#include <net/ipconfig.h>

static void snmp_group(struct seq_buf *s, const char *grp,
		       const char *const *names, const u64 *vals, int n)
{
	seq_buf_printf(s, "%s:", grp);
	for (int i = 0; i < n; i++)
		seq_buf_printf(s, " %s", names[i]);
	seq_buf_printf(s, "\n%s:", grp);
	for (int i = 0; i < n; i++)
		seq_buf_printf(s, " %llu", (unsigned long long)vals[i]);
	seq_buf_puts(s, "\n");
}

/* Linux icmpmsg_put: "InTypeN"/"OutTypeN" for non-zero types, 16 a
 * line, all In types before Out types. */
static void icmpmsg_show(struct seq_buf *s)
{
	int types[16], count = 0;
	u64 vals[16];

	for (int i = 0; i < 512; i++) {
		u64 v = i < 256 ? icmpmsg_in[i] : icmpmsg_out[i - 256];

		if (v) {
			types[count] = i;
			vals[count++] = v;
		}
		if (count == 16 || (i == 511 && count)) {
			seq_buf_puts(s, "IcmpMsg:");
			for (int j = 0; j < count; j++)
				seq_buf_printf(s, " %sType%d",
					       types[j] < 256 ? "In" : "Out",
					       types[j] & 0xff);
			seq_buf_puts(s, "\nIcmpMsg:");
			for (int j = 0; j < count; j++)
				seq_buf_printf(s, " %llu",
					       (unsigned long long)vals[j]);
			seq_buf_puts(s, "\n");
			count = 0;
		}
	}
}

/* Linux prints RtoAlgorithm 1 (RFC 6298), RtoMin/RtoMax in ms, MaxConn
 * -1 (no limit) and CurrEstab as a gauge. */
static void tcp_snmp_show(struct seq_buf *s)
{
	seq_buf_puts(s, "Tcp:");
	for (int i = 0; i < TCP_MIB_MAX; i++)
		seq_buf_printf(s, " %s", tcp_mib_names[i]);
	seq_buf_printf(s, "\nTcp: 1 %u %u -1", TCP_RTO_MIN, TCP_RTO_MAX);
	for (int i = TCP_MIB_ACTIVEOPENS; i < TCP_MIB_MAX; i++)
		seq_buf_printf(s, " %llu", (unsigned long long)tcp_mib[i]);
	seq_buf_puts(s, "\n");
}

ssize_t net_proc_snmp_show(char *buf, size_t size)
{
	u64 ip[IPSTATS_MIB_MAX];
	struct seq_buf s;

	memcpy(ip, ip_mib, sizeof(ip));
	ip[IPSTATS_MIB_FORWARDING] = 2;           /* not a router */
	ip[IPSTATS_MIB_DEFAULTTTL] = IP_DEFAULT_TTL;
	seq_buf_init(&s, buf, size);
	snmp_group(&s, "Ip", ip_mib_names, ip, IPSTATS_MIB_MAX);
	snmp_group(&s, "Icmp", icmp_mib_names, icmp_mib, ICMP_MIB_MAX);
	icmpmsg_show(&s);
	tcp_snmp_show(&s);
	snmp_group(&s, "Udp", udp_mib_names, udp_mib, UDP_MIB_MAX);
	return seq_buf_done(&s);
}

ssize_t net_proc_netstat_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	snmp_group(&s, "IpExt", ip_ext_mib_names, ip_ext_mib, IPEXT_MAX);
	snmp_group(&s, "IcmpExt", icmp_ext_mib_names, icmp_ext_mib,
		   ICMPEXT_MAX);
	snmp_group(&s, "TcpExt", tcp_ext_mib_names, tcp_ext_mib, TCPEXT_MAX);
	snmp_group(&s, "UdpExt", udp_ext_mib_names, udp_ext_mib, UDPEXT_MAX);
	snmp_group(&s, "ArpExt", arp_mib_names, arp_mib, ARP_MIB_MAX);
	return seq_buf_done(&s);
}

static int arp_line(const struct neighbour *n, void *arg)
{
	struct seq_buf *s = arg;
	bool valid = n->state != NUD_INCOMPLETE && n->state != NUD_FAILED;
	static const u8 zero[ETH_ALEN];
	const u8 *ha = valid ? n->ha : zero;
	char ip[16], hw[18];

	in_ntoa(n->ip, ip);
	snprintf(hw, sizeof(hw), "%02x:%02x:%02x:%02x:%02x:%02x", ha[0],
		 ha[1], ha[2], ha[3], ha[4], ha[5]);
	/* Linux arp_format_neigh_entry; flags ATF_COM (0x2) when resolved. */
	seq_buf_printf(s, "%-16s 0x%-10x0x%-10x%-17s     %-8s %s\n", ip,
		       ARPHRD_ETHER, valid ? 0x2 : 0x0, hw, "*", n->dev->name);
	return 0;
}

ssize_t net_proc_arp_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	seq_buf_puts(&s, "IP address       HW type     Flags       "
			 "HW address            Mask     Device\n");
	neigh_for_each(arp_line, &s);
	return seq_buf_done(&s);
}

/* Addresses print as the raw network-order word, as Linux does. */
ssize_t net_proc_route_show(char *buf, size_t size)
{
	struct seq_buf s;
	size_t start;

	seq_buf_init(&s, buf, size);
	start = s.len;
	seq_buf_puts(&s, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\t"
			 "Metric\tMask\t\tMTU\tWindow\tIRTT");
	seq_buf_pad(&s, start, 127);
	seq_buf_puts(&s, "\n");
	for (const struct fib_entry *fe = fib_next(NULL); fe; fe = fib_next(fe)) {
		start = s.len;
		seq_buf_printf(&s, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%u\t%08X\t%d"
			       "\t%u\t%u", fe->dev->name, fe->dst, fe->gateway,
			       fe->flags, 0, 0u, fe->metric, fe->mask, 0, 0u,
			       0u);
		seq_buf_pad(&s, start, 127);
		seq_buf_puts(&s, "\n");
	}
	return seq_buf_done(&s);
}

static int udp_line(struct sock *sk, int slot, void *arg)
{
	struct seq_buf *s = arg;
	const struct inet_sock *inet = inet_sk(sk);
	size_t start = s->len;

	seq_buf_printf(s, "%5d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX "
		       "%08X %5u %8d %lu %d %016lx %u", slot,
		       inet->inet_rcv_saddr, inet->inet_num, inet->inet_daddr,
		       ntohs(inet->inet_dport), sk->sk_state,
		       (u32)sk->sk_wmem_alloc, (u32)sk->sk_rmem_alloc, 0, 0UL,
		       0u, 0u, 0, 0UL, sk->sk_refcnt, 0UL, sk->sk_drops);
	seq_buf_pad(s, start, 127);
	seq_buf_puts(s, "\n");
	return 0;
}

ssize_t net_proc_udp_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	seq_buf_printf(&s, "%-127s\n", "   sl  local_address rem_address   st "
		       "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
		       "inode ref pointer drops");
	udp_for_each(udp_line, &s);
	return seq_buf_done(&s);
}

struct tcp_seq {
	struct seq_buf *s;
	int slot;
};

/* Linux tcp4_seq_show's columns: tx_queue is unacknowledged data,
 * rx_queue for a listener its accept queue length. */
static int tcp_line(struct sock *sk, void *arg)
{
	struct tcp_seq *ts = arg;
	const struct inet_sock *inet = inet_sk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	size_t start = ts->s->len;
	u32 txq = tp->write_seq - tp->snd_una;
	u32 rxq = sk->sk_state == TCP_LISTEN ? (u32)tp->acceptq_len :
		  (u32)sk->sk_rmem_alloc;

	seq_buf_printf(ts->s, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X "
		       "%02X:%08lX %08X %5u %8d %lu %d %016lx %u %u %u %u %d",
		       ts->slot++, inet->inet_rcv_saddr, inet->inet_num,
		       inet->inet_daddr, ntohs(inet->inet_dport), sk->sk_state,
		       sk->sk_state == TCP_LISTEN ? 0 : txq, rxq,
		       tp->icsk_pending ? 1 : 0, 0UL, (u32)tp->retransmits,
		       0u, 0, 0UL, sk->sk_refcnt, 0UL, tcp_current_rto(tp),
		       0u, 0u, tp->snd_cwnd / (tp->mss_cache ? tp->mss_cache : 1),
		       -1);
	seq_buf_pad(ts->s, start, 149);
	seq_buf_puts(ts->s, "\n");
	return 0;
}

/* Linux get_timewait4_sock: state 06, timer 3 with the time left in
 * clock ticks (USER_HZ 100), no queues, uid or inode. */
static int tcp_tw_line(struct tcp_timewait_sock *tw, void *arg)
{
	struct tcp_seq *ts = arg;
	size_t start = ts->s->len;
	long left = (long)(tw->tw_timer.expires - jiffies);

	if (left < 0)
		left = 0;
	seq_buf_printf(ts->s, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X "
		       "%02X:%08lX %08X %5d %8d %d %d %016lx",
		       ts->slot++, tw->loc_addr, ntohs(tw->loc_port),
		       tw->rmt_addr, ntohs(tw->rmt_port), tw->tw_substate,
		       0u, 0u, 3, (unsigned long)left / 10, 0u, 0, 0, 0, 3, 0UL);
	seq_buf_pad(ts->s, start, 149);
	seq_buf_puts(ts->s, "\n");
	return 0;
}

ssize_t net_proc_tcp_show(char *buf, size_t size)
{
	struct seq_buf s;
	struct tcp_seq ts = { &s, 0 };

	seq_buf_init(&s, buf, size);
	seq_buf_printf(&s, "%-149s\n", "  sl  local_address rem_address   st "
		       "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
		       "inode");
	tcp_for_each(tcp_line, &ts);
	tcp_tw_for_each(tcp_tw_line, &ts);
	return seq_buf_done(&s);
}

/* Linux /proc/net/pnp (ipconfig's record), which /etc/resolv.conf may
 * link to. */
ssize_t net_proc_pnp_show(char *buf, size_t size)
{
	const struct ipconfig_info *ic = ipconfig_current();
	struct seq_buf s;
	char a[16];

	seq_buf_init(&s, buf, size);
	seq_buf_puts(&s, ic->dhcp ? "#PROTO: DHCP\n" : "#MANUAL\n");
	if (ic->dns)
		seq_buf_printf(&s, "nameserver %s\n", in_ntoa(ic->dns, a));
	if (ic->server)
		seq_buf_printf(&s, "bootserver %s\n", in_ntoa(ic->server, a));
	return seq_buf_done(&s);
}

ssize_t net_resolv_conf_show(char *buf, size_t size)
{
	struct seq_buf s;
	char a[16];

	seq_buf_init(&s, buf, size);
	if (ipconfig_dns())
		seq_buf_printf(&s, "nameserver %s\n", in_ntoa(ipconfig_dns(), a));
	return seq_buf_done(&s);
}

/* /proc/net/if_inet4: our own one-line-per-interface view for ifconfig
 * (Linux gets this over netlink): NAME IFINDEX FLAGS MTU HWADDR ADDR PLEN */
ssize_t net_proc_if_inet4_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	for (struct net_device *dev = dev_get_next(NULL); dev; dev = dev_get_next(dev)) {
		const struct in_ifaddr *ifa = NULL;
		const u8 *m = dev->dev_addr;

		if (dev->ip_ptr && !list_empty(&dev->ip_ptr->ifa_list))
			ifa = list_first_entry(&dev->ip_ptr->ifa_list,
					       struct in_ifaddr, ifa_list);
		seq_buf_printf(&s, "%s %d %x %u %02x:%02x:%02x:%02x:%02x:%02x ",
			       dev->name, dev->ifindex, dev->flags, dev->mtu,
			       m[0], m[1], m[2], m[3], m[4], m[5]);
		if (ifa) {
			u32 a = be32_to_cpu(ifa->ifa_local);

			seq_buf_printf(&s, "%u.%u.%u.%u %u\n", a >> 24, (a >> 16) & 255,
				       (a >> 8) & 255, a & 255, ifa->ifa_prefixlen);
		} else {
			seq_buf_puts(&s, "- 0\n");
		}
	}
	return seq_buf_done(&s);
}
