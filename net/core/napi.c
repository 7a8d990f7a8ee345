/* NAPI: interrupt mitigation and fair receive polling.
 *
 * A driver's IRQ handler masks its interrupt and calls napi_schedule(),
 * which puts the napi on poll_list and raises NET_RX_SOFTIRQ. The softirq,
 * net_rx_action(), polls each scheduled napi with at most its weight,
 * round-robin, until the total budget (netdev_budget packets) or the time
 * limit is spent. Work left over re-raises the softirq instead of looping,
 * so a receive flood yields to timers, other softirqs and processes, as
 * Linux's net_rx_action does (counted in time_squeeze).
 *
 * netif_rx() (loopback, tests) queues to a backlog drained by its own napi,
 * so a packet sent to ourselves is received later, never recursively.
 */
#include <net/netdevice.h>
#include <net/tcp.h>

int netdev_budget = 300;
u64 netdev_budget_ms = 2;
struct softnet_data softnet_stats;

/* Linux netdev_max_backlog. */
#define NETDEV_MAX_BACKLOG 1000

static LIST_HEAD(poll_list);

/* Move every entry of from to the tail of to, leaving from empty. */
static void napi_list_move_all(struct list_head *from, struct list_head *to)
{
	while (!list_empty(from))
		list_move_tail(from->next, to);
}
static DEFINE_SPINLOCK(poll_lock);

static struct napi_struct backlog_napi;
static struct pkb_queue backlog_queue;
static bool backlog_ready;

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int), int weight)
{
	INIT_LIST_HEAD(&napi->poll_list);
	napi->state = 0;
	napi->weight = weight > 0 ? weight : NAPI_POLL_WEIGHT;
	napi->poll = poll;
	napi->dev = dev;
	napi->polls = 0;
	INIT_LIST_HEAD(&napi->dev_list);
	if (dev)
		list_add_tail(&napi->dev_list, &dev->napi_list);
}

void netif_napi_del(struct napi_struct *napi)
{
	unsigned long flags;

	spin_lock_irqsave(&poll_lock, flags);
	if (napi->state & NAPI_STATE_SCHED)
		list_del(&napi->poll_list);
	napi->state = 0;
	spin_unlock_irqrestore(&poll_lock, flags);
	list_del(&napi->dev_list);
}

bool napi_schedule(struct napi_struct *napi)
{
	unsigned long flags;
	bool scheduled = false;

	spin_lock_irqsave(&poll_lock, flags);
	if (!(napi->state & NAPI_STATE_SCHED)) {
		napi->state |= NAPI_STATE_SCHED;
		list_add_tail(&napi->poll_list, &poll_list);
		scheduled = true;
	}
	spin_unlock_irqrestore(&poll_lock, flags);
	if (scheduled)
		raise_softirq(NET_RX_SOFTIRQ);
	return scheduled;
}

/* The poll routine calls this when it ran out of work before its budget;
 * net_rx_action then leaves it off the list. */
bool napi_complete_done(struct napi_struct *napi, int work_done)
{
	unsigned long flags;

	spin_lock_irqsave(&poll_lock, flags);
	napi->state &= ~NAPI_STATE_SCHED;
	spin_unlock_irqrestore(&poll_lock, flags);
	return true;
}

static int napi_poll(struct napi_struct *n, struct list_head *repoll)
{
	int work = n->poll(n, n->weight);

	n->polls++;
	if (WARN_ON(work > n->weight))
		work = n->weight;
	/* A poll that used its whole weight keeps its place at the back of
	 * the line (the driver must not have completed). */
	if (work == n->weight && (n->state & NAPI_STATE_SCHED))
		list_add_tail(&n->poll_list, repoll);
	return work;
}

void net_rx_action(void)
{
	u64 deadline = ktime_get_ms() + netdev_budget_ms;
	int budget = netdev_budget;
	unsigned long flags;
	LIST_HEAD(list);
	LIST_HEAD(repoll);

	/* Take the whole list with IRQs off; IRQs may add to poll_list while
	 * we run, and those napis wait for the next round. */
	spin_lock_irqsave(&poll_lock, flags);
	napi_list_move_all(&poll_list, &list);
	spin_unlock_irqrestore(&poll_lock, flags);

	while (!list_empty(&list)) {
		struct napi_struct *n;

		if (budget <= 0 || ktime_get_ms() > deadline) {
			softnet_stats.time_squeeze++;
			break;
		}
		n = list_first_entry(&list, struct napi_struct, poll_list);
		list_del(&n->poll_list);
		budget -= napi_poll(n, &repoll);
	}

	/* New order, as Linux: napis this run never reached, then those
	 * scheduled meanwhile, then those that used their whole weight. */
	spin_lock_irqsave(&poll_lock, flags);
	napi_list_move_all(&poll_list, &list);
	napi_list_move_all(&repoll, &list);
	napi_list_move_all(&list, &poll_list);
	bool more = !list_empty(&poll_list);
	spin_unlock_irqrestore(&poll_lock, flags);
	/* The batch is in: TCP sends the ACKs it saved for its end. */
	tcp_flush_deferred_acks();
	if (more)
		raise_softirq(NET_RX_SOFTIRQ);
}

/* The backlog's poll: deliver up to quota queued frames. */
static int process_backlog(struct napi_struct *napi, int quota)
{
	int work = 0;

	while (work < quota) {
		struct pkbuf *pkb;
		unsigned long flags;

		spin_lock_irqsave(&poll_lock, flags);
		pkb = pkb_dequeue(&backlog_queue);
		softnet_stats.backlog_len = backlog_queue.qlen;
		spin_unlock_irqrestore(&poll_lock, flags);
		if (!pkb) {
			napi_complete_done(napi, work);
			break;
		}
		softnet_stats.processed++;
		netif_receive(pkb->dev, pkb);
		work++;
	}
	return work;
}

static void backlog_init(void)
{
	if (backlog_ready)
		return;
	pkb_queue_init(&backlog_queue);
	netif_napi_add(NULL, &backlog_napi, process_backlog, NAPI_POLL_WEIGHT);
	backlog_ready = true;
}

int netif_rx(struct pkbuf *pkb)
{
	unsigned long flags;

	backlog_init();
	spin_lock_irqsave(&poll_lock, flags);
	if (backlog_queue.qlen >= NETDEV_MAX_BACKLOG) {
		spin_unlock_irqrestore(&poll_lock, flags);
		softnet_stats.dropped++;
		dev_drop(pkb->dev, pkb, NETDEV_DROP_RX_BACKLOG);
		return -ENOBUFS;
	}
	pkb_queue_tail(&backlog_queue, pkb);
	softnet_stats.backlog_len = backlog_queue.qlen;
	spin_unlock_irqrestore(&poll_lock, flags);
	napi_schedule(&backlog_napi);
	return 0;
}
