/* epoll (Linux fs/eventpoll.c, simplified). An epoll instance keeps one
 * epitem per watched (file, fd). Adding an item calls the file's poll
 * method once with a poll table that hooks ep_poll_callback onto the
 * file's wait queues; from then on, a wake-up on such a queue puts the
 * item on the ready list -- no rescanning of all watched files, so
 * epoll_wait costs what is ready, not what is watched.
 *
 * Level-triggered items go back on the ready list after being reported
 * while they stay ready; edge-triggered ones wait for the next wake-up;
 * one-shot ones are disabled until EPOLL_CTL_MOD re-arms them. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/eventpoll.h>

#define EP_HASH_BITS 10
#define EP_HASH_SIZE (1 << EP_HASH_BITS)
#define EP_MAX_EVENTS (INT32_MAX / sizeof(struct epoll_event))
#define EP_MAX_NESTS 4
/* Always reported, whether asked for or not. */
#define EP_ALWAYS (EPOLLERR | EPOLLHUP)
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)

struct eventpoll {
	wait_queue_head_t wq;           /* epoll_wait sleepers */
	wait_queue_head_t poll_wait;    /* poll() on the epoll fd itself */
	struct list_head rdllist;       /* ready items */
	struct hlist_head hash[EP_HASH_SIZE];
	struct list_head items;
	struct file *file;
};

struct epitem;

/* One wait queue an item's file put us on. */
struct eppoll_entry {
	struct eppoll_entry *next;
	wait_queue_entry_t wait;
	wait_queue_head_t *whead;
	struct epitem *epi;
};

struct epitem {
	struct hlist_node hnode;
	struct list_head rdllink;       /* on ep->rdllist while ready */
	struct list_head itemlink;      /* on ep->items */
	struct list_head fllink;        /* on file->f_ep_links */
	struct file *file;
	int fd;
	bool ready;
	bool in_tx;                     /* on ep_send_events' private list */
	struct eventpoll *ep;
	struct epoll_event event;
	struct eppoll_entry *pwqlist;
};

static const struct file_operations eventpoll_fops;
static struct kmem_cache *epi_cache, *pwq_cache;

static struct hlist_head *ep_bucket(struct eventpoll *ep, struct file *f, int fd)
{
	u64 h = ((u64)f >> 4) * 0x9E3779B97F4A7C15ULL + (u64)fd;

	return &ep->hash[(h >> 32) & (EP_HASH_SIZE - 1)];
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	hlist_for_each_entry(epi, ep_bucket(ep, f, fd), hnode)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

static void ep_set_ready(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;

	/* An item ep_send_events is looking at is re-polled there (its
	 * rdllink is on that list): linking it here would corrupt both. */
	if (!epi->ready && !epi->in_tx) {
		epi->ready = true;
		list_add_tail(&epi->rdllink, &ep->rdllist);
	}
	wake_up(&ep->wq);
	wake_up_poll(&ep->poll_wait, EPOLLIN);
}

/* A watched file's wait queue fired. key is its poll mask, if known. */
static int ep_poll_callback(wait_queue_entry_t *wait, unsigned mode, int flags,
			    void *key)
{
	struct eppoll_entry *pwq = container_of(wait, struct eppoll_entry, wait);
	struct epitem *epi = pwq->epi;
	unsigned long events = (unsigned long)key;
	unsigned long f = local_irq_save();

	/* Disabled one-shot items and events nobody asked for: ignore. */
	if ((epi->event.events & ~EP_PRIVATE_BITS) &&
	    (!events || (events & (epi->event.events | EP_ALWAYS))))
		ep_set_ready(epi);
	local_irq_restore(f);
	return 1;
}

struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
	int error;
};

static void ep_ptable_queue_proc(struct file *file, wait_queue_head_t *whead,
				 poll_table *pt)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct eppoll_entry *pwq = kmem_cache_alloc(pwq_cache);

	if (!pwq) {
		epq->error = -ENOMEM;
		return;
	}
	init_wait_entry(&pwq->wait, 0);
	pwq->wait.func = ep_poll_callback;
	pwq->wait.private = NULL;
	pwq->whead = whead;
	pwq->epi = epi;
	pwq->next = epi->pwqlist;
	epi->pwqlist = pwq;
	add_wait_queue(whead, &pwq->wait);
}

static unsigned int ep_item_poll(struct epitem *epi, poll_table *pt)
{
	struct file *f = epi->file;
	unsigned int mask = f->f_op->poll(f, pt);

	return mask & (epi->event.events | EP_ALWAYS);
}

static void ep_unregister_pollwait(struct epitem *epi)
{
	while (epi->pwqlist) {
		struct eppoll_entry *pwq = epi->pwqlist;

		epi->pwqlist = pwq->next;
		remove_wait_queue(pwq->whead, &pwq->wait);
		kmem_cache_free(pwq_cache, pwq);
	}
}

static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long f;

	ep_unregister_pollwait(epi);
	f = local_irq_save();
	if (epi->ready)
		list_del(&epi->rdllink);
	local_irq_restore(f);
	hlist_del(&epi->hnode);
	list_del(&epi->itemlink);
	list_del(&epi->fllink);
	kmem_cache_free(epi_cache, epi);
}

/* Is `target` an epoll instance reachable from `from` (a loop if added)?
 * Also limits nesting depth, as Linux's EP_MAX_NESTS. */
static bool ep_reaches(struct eventpoll *from, struct eventpoll *target, int depth)
{
	struct epitem *epi;

	if (from == target || depth > EP_MAX_NESTS)
		return true;
	list_for_each_entry(epi, &from->items, itemlink)
		if (epi->file->f_op == &eventpoll_fops &&
		    ep_reaches(epi->file->private_data, target, depth + 1))
			return true;
	return false;
}

static int ep_insert(struct eventpoll *ep, const struct epoll_event *ev,
		     struct file *tf, int fd)
{
	struct epitem *epi = kmem_cache_zalloc(epi_cache);
	struct ep_pqueue epq;
	unsigned int revents;
	unsigned long f;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	epi->file = tf;
	epi->fd = fd;
	epi->ep = ep;
	epi->event = *ev;
	hlist_add_head(&epi->hnode, ep_bucket(ep, tf, fd));
	list_add_tail(&epi->itemlink, &ep->items);
	list_add_tail(&epi->fllink, &tf->f_ep_links);
	epq.pt._qproc = ep_ptable_queue_proc;
	epq.pt._key = ev->events;
	epq.epi = epi;
	epq.error = 0;
	revents = ep_item_poll(epi, &epq.pt);
	if (epq.error) {
		ep_remove(ep, epi);
		return epq.error;
	}
	if (revents) {
		f = local_irq_save();
		ep_set_ready(epi);
		local_irq_restore(f);
	}
	return 0;
}

static int ep_modify(struct eventpoll *ep, struct epitem *epi,
		     const struct epoll_event *ev)
{
	unsigned long f;

	epi->event.events = ev->events;
	epi->event.data = ev->data;
	/* Re-check now: the file may already be ready for the new mask. */
	if (ep_item_poll(epi, NULL)) {
		f = local_irq_save();
		ep_set_ready(epi);
		local_irq_restore(f);
	}
	return 0;
}

/* Move ready events to the user; level-triggered ones stay listed. */
static int ep_send_events(struct eventpoll *ep, struct epoll_event *uevents,
			  int maxevents)
{
	struct list_head txlist;
	struct epitem *epi, *n;
	int count = 0;
	unsigned long f;

	INIT_LIST_HEAD(&txlist);
	f = local_irq_save();
	/* take the whole ready list; put back what we do not consume */
	list_for_each_entry_safe(epi, n, &ep->rdllist, rdllink) {
		list_del(&epi->rdllink);
		epi->ready = false;
		epi->in_tx = true;
		list_add_tail(&epi->rdllink, &txlist);
	}
	local_irq_restore(f);
	list_for_each_entry_safe(epi, n, &txlist, rdllink) {
		struct epoll_event out;
		unsigned int revents;

		if (count >= maxevents)
			break;
		/* Softirqs (a packet arriving) may wake items meanwhile:
		 * unlink under irq-off, then poll, which sees any event. */
		f = local_irq_save();
		list_del(&epi->rdllink);
		epi->in_tx = false;
		local_irq_restore(f);
		revents = ep_item_poll(epi, NULL);
		if (!revents)
			continue;       /* no longer ready */
		out.events = revents;
		out.data = epi->event.data;
		if (copy_to_user(uevents + count, &out, sizeof(out))) {
			f = local_irq_save();
			ep_set_ready(epi);
			local_irq_restore(f);
			count = count ? count : -EFAULT;
			break;
		}
		count++;
		if (epi->event.events & EPOLLONESHOT) {
			epi->event.events &= EP_PRIVATE_BITS;
		} else if (!(epi->event.events & EPOLLET)) {
			f = local_irq_save();
			ep_set_ready(epi);
			local_irq_restore(f);
		}
	}
	/* whatever was not looked at goes back, in order */
	f = local_irq_save();
	list_for_each_entry_safe(epi, n, &txlist, rdllink) {
		list_del(&epi->rdllink);
		epi->in_tx = false;
		if (!epi->ready) {
			epi->ready = true;
			list_add(&epi->rdllink, &ep->rdllist);
		}
	}
	local_irq_restore(f);
	return count;
}

static long ep_poll(struct eventpoll *ep, struct epoll_event *uevents,
		    int maxevents, long timeout_ms)
{
	u64 deadline = timeout_ms > 0 ? ktime_get_ms() + timeout_ms : 0;
	wait_queue_entry_t wait;
	int res;

	init_wait_entry(&wait, 0);
	for (;;) {
		res = ep_send_events(ep, uevents, maxevents);
		if (res != 0 || timeout_ms == 0)
			return res;
		prepare_to_wait(&ep->wq, &wait);
		if (list_empty(&ep->rdllist)) {
			if (signal_pending(current)) {
				finish_wait(&ep->wq, &wait);
				return -EINTR;
			}
			if (timeout_ms < 0) {
				schedule();
			} else {
				u64 now = ktime_get_ms();

				if (now >= deadline) {
					finish_wait(&ep->wq, &wait);
					return 0;
				}
				schedule_timeout(deadline - now);
			}
		}
		finish_wait(&ep->wq, &wait);
	}
}

/* The watched file is going away: drop its items everywhere. */
void eventpoll_release(struct file *file)
{
	while (!list_empty(&file->f_ep_links)) {
		struct epitem *epi = list_first_entry(&file->f_ep_links,
						      struct epitem, fllink);

		ep_remove(epi->ep, epi);
	}
}

static int ep_release(struct inode *inode, struct file *file)
{
	struct eventpoll *ep = file->private_data;

	while (!list_empty(&ep->items))
		ep_remove(ep, list_first_entry(&ep->items, struct epitem, itemlink));
	kfree(ep);
	return 0;
}

static unsigned int ep_eventpoll_poll(struct file *file, poll_table *pt)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *n;
	unsigned long f;

	poll_wait(file, &ep->poll_wait, pt);
	/* Ready only if something on the list really is ready. */
	list_for_each_entry_safe(epi, n, &ep->rdllist, rdllink) {
		if (ep_item_poll(epi, NULL))
			return POLLIN | POLLRDNORM;
		f = local_irq_save();
		list_del(&epi->rdllink);
		epi->ready = false;
		local_irq_restore(f);
	}
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_release,
};

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	struct inode *inode;
	struct file *f;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	if (!epi_cache) {
		epi_cache = kmem_cache_create("epitem", sizeof(struct epitem));
		pwq_cache = kmem_cache_create("eppoll_entry", sizeof(struct eppoll_entry));
		if (!epi_cache || !pwq_cache)
			return -ENOMEM;
	}
	ep = kzalloc(sizeof(*ep));
	inode = new_inode(S_IFREG | 0600);
	if (!ep || !inode) {
		kfree(ep);
		iput(inode);
		return -ENOMEM;
	}
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	INIT_LIST_HEAD(&ep->items);
	f = alloc_file(inode, O_RDWR, &eventpoll_fops);
	iput(inode);
	if (!f) {
		kfree(ep);
		return -ENOMEM;
	}
	f->private_data = ep;
	ep->file = f;
	fd = fd_install(f, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event *, uev)
{
	struct file *ef = fget(epfd), *tf = fget(fd);
	struct epoll_event ev = { 0 };
	struct eventpoll *ep;
	struct epitem *epi;

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uev, sizeof(ev)))
		return -EFAULT;
	if (!ef || !tf)
		return -EBADF;
	if (!tf->f_op || !tf->f_op->poll)
		return -EPERM;          /* regular files cannot be waited on */
	if (ef->f_op != &eventpoll_fops || ef == tf)
		return -EINVAL;
	/* EPOLLEXCLUSIVE: only when adding, not on an epoll file, and with
	 * no flags beyond in/out/err/hup/wakeup/et (Linux do_epoll_ctl). */
	if (op != EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD || tf->f_op == &eventpoll_fops ||
		    (ev.events & ~(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP |
				   EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)))
			return -EINVAL;
	}
	ep = ef->private_data;
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		if (tf->f_op == &eventpoll_fops &&
		    ep_reaches(tf->private_data, ep, 0))
			return -ELOOP;
		ev.events |= EP_ALWAYS;
		return ep_insert(ep, &ev, tf, fd);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(ep, epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->event.events & EPOLLEXCLUSIVE)
			return -EINVAL;         /* an exclusive entry cannot change */
		ev.events |= EP_ALWAYS;
		return ep_modify(ep, epi, &ev);
	}
	return -EINVAL;
}

static long do_epoll_wait(int epfd, struct epoll_event *uevents, int maxevents,
			  int timeout)
{
	struct file *f = fget(epfd);

	if (maxevents <= 0 || (unsigned long)maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(uevents, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	if (!f)
		return -EBADF;
	if (f->f_op != &eventpoll_fops)
		return -EINVAL;
	return ep_poll(f->private_data, uevents, maxevents, timeout < 0 ? -1 : timeout);
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event *, uevents, int, maxevents,
		int, timeout)
{
	return do_epoll_wait(epfd, uevents, maxevents, timeout);
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event *, uevents, int, maxevents,
		int, timeout, const sigset_t *, usig, size_t, sigsetsize)
{
	sigset_t set, old = current->sig_blocked;
	long r;

	if (usig) {
		if (sigsetsize != sizeof(sigset_t))
			return -EINVAL;
		if (copy_from_user(&set, usig, sizeof(set)))
			return -EFAULT;
		current->sig_blocked = set & ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
	}
	r = do_epoll_wait(epfd, uevents, maxevents, timeout);
	if (usig) {
		if (r == -EINTR) {
			/* restore after the handler runs with the temporary mask */
			current->saved_sigmask = old;
			current->restore_sigmask = true;
		} else {
			current->sig_blocked = old;
		}
	}
	return r;
}
