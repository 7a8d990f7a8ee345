/* Fault injection on real devices (loopback is never touched). On the way
 * out, dev_queue_xmit asks netem_egress; on the way in, netif_receive asks
 * netem_ingress. A frame may be dropped (counted), duplicated (a full copy
 * goes through at once), or held back for `delay` ms on a queue drained by
 * a timer, so frames sent after it overtake it. */
#include <net/netem.h>
#include <net/netdevice.h>
#include <net/net_proc.h>

struct netem {
	u32 loss, dup, reorder;         /* parts per million */
	u32 delay_ms;
	bool rx, tx;
	u64 dropped, duplicated, delayed;
	struct pkb_queue held;          /* frames waiting (tstamp_ms = due) */
	struct timer_list timer;
	bool timer_ready;
};

static struct netem nm;

/* "12.5" -> 125000 ppm; -1 on a malformed or out-of-range number. */
static long parse_percent(const char *s, const char **end)
{
	long whole = 0, frac = 0, scale = 100000;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		whole = whole * 10 + (*s++ - '0');
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9' && scale >= 1) {
			frac += (*s++ - '0') * (scale / 10);
			scale /= 10;
		}
	}
	*end = s;
	if (whole > 100 || (whole == 100 && frac))
		return -1;
	return whole * 10000 + frac;
}

static void netem_timer(struct timer_list *t);
static struct pkbuf *netem_release(u64 now);

int netem_configure(const char *spec)
{
	struct netem n = { .rx = true, .tx = true, .delay_ms = 20 };
	const char *p = spec;

	while (p && *p) {
		const char *end;
		long v;

		if (!strncmp(p, "dir:", 4)) {
			p += 4;
			n.rx = !strncmp(p, "rx", 2) || !strncmp(p, "both", 4);
			n.tx = !strncmp(p, "tx", 2) || !strncmp(p, "both", 4);
			if (!n.rx && !n.tx)
				return -EINVAL;
			while (*p && *p != ',')
				p++;
		} else if (!strncmp(p, "delay:", 6)) {
			v = 0;
			for (p += 6; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (*p - '0');
			if (v <= 0 || v > 10000)
				return -EINVAL;
			n.delay_ms = (u32)v;
		} else {
			u32 *field = !strncmp(p, "loss:", 5) ? &n.loss :
				     !strncmp(p, "dup:", 4) ? &n.dup :
				     !strncmp(p, "reorder:", 8) ? &n.reorder : NULL;

			if (!field)
				return -EINVAL;
			while (*p != ':')
				p++;
			p++;
			v = parse_percent(p, &end);
			if (v < 0)
				return -EINVAL;
			*field = (u32)v;
			p = end;
		}
		if (*p == ',')
			p++;
		else if (*p)
			return -EINVAL;
	}
	local_bh_disable();
	pkb_queue_init(&n.held);
	n.dropped = nm.dropped;
	n.duplicated = nm.duplicated;
	n.delayed = nm.delayed;
	if (nm.timer_ready) {
		/* Frames held back go on their way now, in order: changing
		 * the settings must not lose them. */
		del_timer(&nm.timer);
		netem_release(~0ULL);
	}
	nm = n;
	pkb_queue_init(&nm.held);
	timer_setup(&nm.timer, netem_timer, 0);
	nm.timer_ready = true;
	local_bh_enable();
	pr_info("netem: loss %u.%04u%% dup %u.%04u%% reorder %u.%04u%% delay %u ms (%s%s)\n",
		nm.loss / 10000, nm.loss % 10000, nm.dup / 10000, nm.dup % 10000,
		nm.reorder / 10000, nm.reorder % 10000, nm.delay_ms,
		nm.rx ? "rx" : "", nm.tx ? (nm.rx ? "+tx" : "tx") : "");
	return 0;
}

static bool chance(u32 ppm)
{
	return ppm && get_random_u32() % 1000000 < ppm;
}

/* Send or receive the held frames due by `now`, in arrival order;
 * returns the first one still waiting. */
static struct pkbuf *netem_release(u64 now)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_peek(&nm.held)) && pkb->tstamp_ms <= now) {
		pkb_unlink(pkb, &nm.held);
		if (pkb->pkt_type == PACKET_OUTGOING)
			__dev_xmit(pkb);
		else
			__netif_receive(pkb->dev, pkb);
	}
	return pkb;
}

static void netem_timer(struct timer_list *t)
{
	struct pkbuf *pkb = netem_release(ktime_get_ms());

	if (pkb)
		mod_timer(&nm.timer, pkb->tstamp_ms);
}

static bool netem_apply(struct pkbuf *pkb, bool out)
{
	struct pkbuf *copy;

	if (chance(nm.loss)) {
		nm.dropped++;
		pkb_free(pkb);
		return true;
	}
	if (chance(nm.dup) && (copy = pkb_copy(pkb))) {
		nm.duplicated++;
		copy->dev = pkb->dev;
		copy->pkt_type = pkb->pkt_type;
		if (out)
			__dev_xmit(copy);
		else
			__netif_receive(copy->dev, copy);
	}
	if (chance(nm.reorder)) {
		nm.delayed++;
		pkb->tstamp_ms = ktime_get_ms() + nm.delay_ms;
		pkb_queue_tail(&nm.held, pkb);
		if (!timer_pending(&nm.timer))
			mod_timer(&nm.timer, pkb->tstamp_ms);
		return true;
	}
	return false;
}

bool netem_egress(struct pkbuf *pkb)
{
	if (!nm.tx || !nm.timer_ready || (pkb->dev->flags & IFF_LOOPBACK))
		return false;
	pkb->pkt_type = PACKET_OUTGOING;
	return netem_apply(pkb, true);
}

bool netem_ingress(struct net_device *dev, struct pkbuf *pkb)
{
	if (!nm.rx || !nm.timer_ready || (dev->flags & IFF_LOOPBACK))
		return false;
	pkb->dev = dev;
	pkb->pkt_type = PACKET_HOST;
	return netem_apply(pkb, false);
}

ssize_t net_proc_netem_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	seq_buf_printf(&s, "loss_ppm %u\ndup_ppm %u\nreorder_ppm %u\ndelay_ms %u\n"
		       "rx %d\ntx %d\ndropped %llu\nduplicated %llu\ndelayed %llu\n",
		       nm.loss, nm.dup, nm.reorder, nm.delay_ms, nm.rx && nm.timer_ready,
		       nm.tx && nm.timer_ready, (unsigned long long)nm.dropped,
		       (unsigned long long)nm.duplicated, (unsigned long long)nm.delayed);
	return seq_buf_done(&s);
}
