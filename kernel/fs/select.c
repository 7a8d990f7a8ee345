/* poll, ppoll, select and pselect6. Every file's poll method reports its
 * ready mask and registers, through poll_wait, on the wait queues that will
 * announce a change; the caller then sleeps until one of them fires (or
 * the timeout, or a signal) and asks the files again. Nothing spins. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/time.h>

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define ENTRIES_PER_PAGE ((PAGE_SIZE - sizeof(void *) - sizeof(int)) / sizeof(struct poll_table_entry))

struct poll_table_entry {
	unsigned int key;
	wait_queue_entry_t wait;
	wait_queue_head_t *wq;
};

struct poll_table_page {
	struct poll_table_page *next;
	int used;
	struct poll_table_entry entries[];
};

struct poll_wqueues {
	poll_table pt;
	struct task_struct *task;
	volatile bool triggered;
	int error;
	struct poll_table_page *pages;
};

static int pollwake(wait_queue_entry_t *we, unsigned mode, int flags, void *key)
{
	struct poll_table_entry *e = container_of(we, struct poll_table_entry, wait);
	struct poll_wqueues *pwq = we->private;
	unsigned long k = (unsigned long)key;

	if (k && !(k & (e->key | POLLERR | POLLHUP)))
		return 0;       /* not an event this waiter asked for */
	pwq->triggered = true;
	return wake_up_process(pwq->task);
}

static void queue_proc(struct file *f, wait_queue_head_t *wq, poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_page *pg = pwq->pages;
	struct poll_table_entry *e;

	if (!pg || pg->used == (int)ENTRIES_PER_PAGE) {
		pg = get_zeroed_page();
		if (!pg) {
			pwq->error = -ENOMEM;
			return;
		}
		pg->next = pwq->pages;
		pwq->pages = pg;
	}
	e = &pg->entries[pg->used++];
	e->key = pt->_key;
	e->wq = wq;
	init_wait_entry(&e->wait, 0);
	e->wait.private = pwq;
	e->wait.func = pollwake;
	add_wait_queue(wq, &e->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt._qproc = queue_proc;
	pwq->pt._key = ~0u;
	pwq->task = current;
	pwq->triggered = false;
	pwq->error = 0;
	pwq->pages = NULL;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *pg = pwq->pages, *next;

	for (; pg; pg = next) {
		for (int i = 0; i < pg->used; i++)
			remove_wait_queue(pg->entries[i].wq, &pg->entries[i].wait);
		next = pg->next;
		free_page(virt_to_phys(pg));
	}
}

struct kpoll {
	int fd;
	unsigned short events, revents;
};

static unsigned int poll_one(struct kpoll *p, poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (p->fd < 0)
		return p->revents = 0;
	f = fget(p->fd);
	if (!f)
		return p->revents = POLLNVAL;
	if (pt)
		pt->_key = p->events | POLLERR | POLLHUP;
	mask = f->f_op && f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	p->revents = mask & (p->events | POLLERR | POLLHUP | POLLNVAL);
	return p->revents;
}

/* Poll until something is ready, the timeout (ms, <0 = forever) passes or
 * a signal arrives. Returns the number of ready entries or -errno. */
static long do_poll(struct kpoll *fds, unsigned n, long timeout_ms)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	long count;
	u64 deadline = timeout_ms > 0 ? ktime_get_ms() + timeout_ms : 0;

	poll_initwait(&table);
	if (timeout_ms == 0)
		pt = NULL;
	for (;;) {
		count = 0;
		for (unsigned i = 0; i < n; i++) {
			if (poll_one(&fds[i], pt)) {
				count++;
				pt = NULL;      /* answer known: stop registering */
			}
		}
		pt = NULL;
		if (count || timeout_ms == 0)
			break;
		if (table.error) {
			count = table.error;
			break;
		}
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		current->state = TASK_INTERRUPTIBLE;
		if (!table.triggered) {
			if (timeout_ms < 0) {
				schedule();
			} else {
				u64 now = ktime_get_ms();

				if (now >= deadline) {
					current->state = TASK_RUNNING;
					timeout_ms = 0;         /* one last look */
					continue;
				}
				schedule_timeout(deadline - now);
			}
		}
		current->state = TASK_RUNNING;
		table.triggered = false;
	}
	poll_freewait(&table);
	return count;
}

static long poll_user(struct pollfd *ufds, unsigned int nfds, long timeout_ms)
{
	struct kpoll *k;
	struct pollfd pfd;
	long r;

	if (nfds > (unsigned)fd_limit() && nfds > 1024)
		return -EINVAL;
	k = kmalloc(MAX(nfds, 1u) * sizeof(*k));
	if (!k)
		return -ENOMEM;
	for (unsigned i = 0; i < nfds; i++) {
		if (copy_from_user(&pfd, ufds + i, sizeof(pfd))) {
			kfree(k);
			return -EFAULT;
		}
		k[i].fd = pfd.fd;
		k[i].events = pfd.events;
	}
	r = do_poll(k, nfds, timeout_ms);
	if (r >= 0) {
		for (unsigned i = 0; i < nfds; i++) {
			if (copy_to_user(&ufds[i].revents, &k[i].revents, sizeof(short))) {
				r = -EFAULT;
				break;
			}
		}
	}
	kfree(k);
	return r;
}

SYSCALL_DEFINE3(poll, struct pollfd *, ufds, unsigned int, nfds, int, timeout)
{
	long r = poll_user(ufds, nfds, timeout < 0 ? -1 : timeout);

	return r == -ERESTARTNOHAND ? -EINTR : r;
}

static long timespec_to_ms(const struct timespec *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	if (ts->tv_sec > 1000000000L)
		return 1000000000L * 1000;
	return ts->tv_sec * 1000 + DIV_ROUND_UP(ts->tv_nsec, 1000000);
}

/* ppoll/pselect6: swap in the caller's signal mask for the wait. */
static int set_temp_sigmask(const sigset_t *umask, size_t size)
{
	sigset_t m;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&m, umask, sizeof(m)))
		return -EFAULT;
	current->saved_sigmask = current->sig_blocked;
	current->restore_sigmask = true;
	current->sig_blocked = m & ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
	return 0;
}

static void end_temp_sigmask(long r)
{
	/* If a signal interrupted us, the mask is restored after delivery
	 * (the handler must run with the temporary mask); else now. */
	if (current->restore_sigmask && r != -ERESTARTNOHAND) {
		current->sig_blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
}

SYSCALL_DEFINE5(ppoll, struct pollfd *, ufds, unsigned int, nfds,
		const struct timespec *, uts, const sigset_t *, umask, size_t, sigsetsize)
{
	struct timespec ts;
	long ms = -1, r;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		ms = timespec_to_ms(&ts);
		if (ms < 0)
			return ms;
	}
	r = set_temp_sigmask(umask, sigsetsize);
	if (r < 0)
		return r;
	r = poll_user(ufds, nfds, ms);
	end_temp_sigmask(r);
	return r == -ERESTARTNOHAND ? -EINTR : r;
}

#define FDSET_LONGS(n) DIV_ROUND_UP((n), 64)

static long do_select(int n, unsigned long *uin, unsigned long *uout,
		      unsigned long *uex, long timeout_ms)
{
	size_t bytes = FDSET_LONGS(n) * sizeof(unsigned long);
	unsigned long *in = NULL, *out = NULL, *ex = NULL;
	struct kpoll *k = NULL;
	unsigned cnt = 0;
	long r = -ENOMEM;

	if (n < 0)
		return -EINVAL;
	if (n > fd_limit())
		n = fd_limit();
	bytes = FDSET_LONGS(n) * sizeof(unsigned long);
	in = kzalloc(bytes + 8);
	out = kzalloc(bytes + 8);
	ex = kzalloc(bytes + 8);
	k = kmalloc(MAX(n, 1) * sizeof(*k));
	if (!in || !out || !ex || !k)
		goto out;
	r = -EFAULT;
	if ((uin && copy_from_user(in, uin, bytes)) ||
	    (uout && copy_from_user(out, uout, bytes)) ||
	    (uex && copy_from_user(ex, uex, bytes)))
		goto out;
	for (int fd = 0; fd < n; fd++) {
		unsigned long bit = 1UL << (fd % 64);
		unsigned short ev = 0;

		if (in[fd / 64] & bit)
			ev |= POLLIN | POLLRDNORM | POLLHUP | POLLERR;
		if (out[fd / 64] & bit)
			ev |= POLLOUT | POLLWRNORM | POLLERR;
		if (ex[fd / 64] & bit)
			ev |= POLLPRI;
		if (!ev)
			continue;
		if (!fget(fd)) {
			r = -EBADF;
			goto out;
		}
		k[cnt].fd = fd;
		k[cnt++].events = ev;
	}
	r = do_poll(k, cnt, timeout_ms);
	if (r < 0)
		goto out;
	memset(in, 0, bytes);
	memset(out, 0, bytes);
	memset(ex, 0, bytes);
	r = 0;
	for (unsigned i = 0; i < cnt; i++) {
		int fd = k[i].fd;
		unsigned long bit = 1UL << (fd % 64);
		unsigned rev = k[i].revents, ev = k[i].events;

		if ((ev & POLLIN) && (rev & (POLLIN | POLLRDNORM | POLLHUP | POLLERR))) {
			in[fd / 64] |= bit;
			r++;
		}
		if ((ev & POLLOUT) && (rev & (POLLOUT | POLLWRNORM | POLLERR))) {
			out[fd / 64] |= bit;
			r++;
		}
		if ((ev & POLLPRI) && (rev & POLLPRI)) {
			ex[fd / 64] |= bit;
			r++;
		}
	}
	if ((uin && copy_to_user(uin, in, bytes)) ||
	    (uout && copy_to_user(uout, out, bytes)) ||
	    (uex && copy_to_user(uex, ex, bytes)))
		r = -EFAULT;
out:
	kfree(in);
	kfree(out);
	kfree(ex);
	kfree(k);
	return r;
}

SYSCALL_DEFINE5(select, int, n, unsigned long *, in, unsigned long *, out,
		unsigned long *, ex, struct timeval *, utv)
{
	struct timeval tv;
	long ms = -1, r;
	u64 start = ktime_get_ms();

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		ms = tv.tv_sec > 1000000000L ? 1000000000L * 1000 :
		     tv.tv_sec * 1000 + DIV_ROUND_UP(tv.tv_usec, 1000);
	}
	r = do_select(n, in, out, ex, ms);
	if (utv && ms >= 0) {
		/* Linux reports the time left. */
		long left = ms - (long)(ktime_get_ms() - start);

		if (left < 0)
			left = 0;
		tv.tv_sec = left / 1000;
		tv.tv_usec = left % 1000 * 1000;
		copy_to_user(utv, &tv, sizeof(tv));
	}
	return r == -ERESTARTNOHAND ? -EINTR : r;
}

struct sigset_arg {
	const sigset_t *ss;
	size_t ss_len;
};

SYSCALL_DEFINE6(pselect6, int, n, unsigned long *, in, unsigned long *, out,
		unsigned long *, ex, const struct timespec *, uts, const struct sigset_arg *, usig)
{
	struct timespec ts;
	struct sigset_arg sa = { NULL, 0 };
	long ms = -1, r;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		ms = timespec_to_ms(&ts);
		if (ms < 0)
			return ms;
	}
	if (usig && copy_from_user(&sa, usig, sizeof(sa)))
		return -EFAULT;
	r = set_temp_sigmask(sa.ss, sa.ss_len);
	if (r < 0)
		return r;
	r = do_select(n, in, out, ex, ms);
	end_temp_sigmask(r);
	return r == -ERESTARTNOHAND ? -EINTR : r;
}
