/* Miscellaneous system calls: system identity, time and sleeping, limits,
 * the kernel log, random bytes, power off. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/console.h>
#include <kernel/time.h>
#include <kernel/mm.h>
#include <kernel/qemu.h>
#include <kernel/version.h>
#include <uapi/utsname.h>
#include <uapi/reboot.h>
#include <uapi/syslog.h>
#include <uapi/time.h>
#include <uapi/resource.h>

u64 ktime_get_real_ns(void);

SYSCALL_DEFINE1(uname, struct new_utsname *, ubuf)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, KERNEL_NAME);
	strcpy(u.nodename, "teachos");
	strcpy(u.release, KERNEL_RELEASE);
	strcpy(u.version, "#1 " __DATE__);
	strcpy(u.machine, "x86_64");
	strcpy(u.domainname, "(none)");
	return copy_to_user(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

static void ns_to_timespec(u64 ns, struct timespec *ts)
{
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = ns % 1000000000;
}

static int clock_now(int clk, struct timespec *ts)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns_to_timespec(ktime_get_real_ns(), ts);
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns_to_timespec(ktime_get_ns(), ts);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns_to_timespec((current->utime_ticks + current->stime_ticks) * 1000000, ts);
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE2(clock_gettime, int, clk, struct timespec *, uts)
{
	struct timespec ts;
	int r = clock_now(clk, &ts);

	if (r < 0)
		return r;
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, int, clk, struct timespec *, uts)
{
	struct timespec ts = { 0, 1 };

	if (clock_now(clk, &ts) < 0)
		return -EINVAL;
	ts.tv_sec = 0;
	ts.tv_nsec = 1;
	return uts && copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(gettimeofday, struct timeval *, utv, void *, utz)
{
	u64 ns = ktime_get_real_ns();
	struct timeval tv = { (long)(ns / 1000000000), (long)(ns % 1000000000 / 1000) };

	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && clear_user(utz, 8))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, long *, ut)
{
	long t = ktime_get_real_ns() / 1000000000;

	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

/* Sleep until the monotonic deadline or a signal; report what is left. */
static long sleep_until(u64 deadline_ns, struct timespec *rem)
{
	for (;;) {
		u64 now = ktime_get_ns();
		long ms;

		if (now >= deadline_ns)
			return 0;
		if (signal_pending(current)) {
			if (rem)
				ns_to_timespec(deadline_ns - now, rem);
			return -EINTR;
		}
		ms = (long)DIV_ROUND_UP(deadline_ns - now, 1000000);
		current->state = TASK_INTERRUPTIBLE;
		schedule_timeout(ms);
	}
}

static int get_timespec(struct timespec *ts, const struct timespec *uts)
{
	if (copy_from_user(ts, uts, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	return 0;
}

static u64 timespec_ns(const struct timespec *ts)
{
	if ((u64)ts->tv_sec > 100000000000ULL)          /* ~3000 years */
		return ~0ULL / 2;
	return (u64)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

SYSCALL_DEFINE2(nanosleep, const struct timespec *, ureq, struct timespec *, urem)
{
	struct timespec req, rem;
	long r;

	r = get_timespec(&req, ureq);
	if (r < 0)
		return r;
	r = sleep_until(ktime_get_ns() + timespec_ns(&req), &rem);
	if (r == -EINTR && urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return r;
}

SYSCALL_DEFINE4(clock_nanosleep, int, clk, int, flags, const struct timespec *, ureq,
		struct timespec *, urem)
{
	struct timespec req, rem, now;
	u64 deadline;
	long r;

	r = get_timespec(&req, ureq);
	if (r < 0)
		return r;
	if (clock_now(clk, &now) < 0)
		return -EINVAL;
	if (flags & TIMER_ABSTIME) {
		u64 target = timespec_ns(&req), cur = timespec_ns(&now);
		deadline = ktime_get_ns() + (target > cur ? target - cur : 0);
	} else {
		deadline = ktime_get_ns() + timespec_ns(&req);
	}
	r = sleep_until(deadline, &rem);
	if (r == -EINTR && !(flags & TIMER_ABSTIME) && urem &&
	    copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return r;
}

SYSCALL_DEFINE2(getrlimit, int, res, struct rlimit *, ulim)
{
	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(ulim, &current->rlim[res], sizeof(struct rlimit)) ? -EFAULT : 0;
}

static int set_rlimit(int res, const struct rlimit *r)
{
	if (r->rlim_cur > r->rlim_max)
		return -EINVAL;
	if (res == RLIMIT_NOFILE && r->rlim_max > 65536)
		return -EPERM;
	current->rlim[res] = *r;
	return 0;
}

SYSCALL_DEFINE2(setrlimit, int, res, const struct rlimit *, ulim)
{
	struct rlimit r;

	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&r, ulim, sizeof(r)))
		return -EFAULT;
	return set_rlimit(res, &r);
}

SYSCALL_DEFINE4(prlimit64, int, pid, int, res, const struct rlimit *, unew,
		struct rlimit *, uold)
{
	struct rlimit r, old;
	int ret;

	if (pid && pid != current->pid)
		return -EPERM;
	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	old = current->rlim[res];
	if (unew) {
		if (copy_from_user(&r, unew, sizeof(r)))
			return -EFAULT;
		ret = set_rlimit(res, &r);
		if (ret < 0)
			return ret;
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(syslog, int, type, char *, ubuf, int, len)
{
	char *tmp;
	size_t n;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return 64 * 1024;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return log_buf_len();
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len;
		return 0;
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ:
		if (len < 0)
			return -EINVAL;
		if (len == 0)
			return 0;
		tmp = kmalloc(MIN((size_t)len, 64UL * 1024));
		if (!tmp)
			return -ENOMEM;
		n = log_buf_copy(tmp, MIN((size_t)len, 64UL * 1024));
		if (copy_to_user(ubuf, tmp, n)) {
			kfree(tmp);
			return -EFAULT;
		}
		kfree(tmp);
		return n;
	case SYSLOG_ACTION_CLEAR:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(getrandom, void *, ubuf, size_t, len, unsigned int, flags)
{
	u8 tmp[256];
	size_t done = 0;

	if (flags & ~7u)
		return -EINVAL;
	len = MIN(len, 33554431UL);
	while (done < len) {
		size_t chunk = MIN(len - done, sizeof(tmp));

		get_random_bytes(tmp, chunk);
		if (copy_to_user((u8 *)ubuf + done, tmp, chunk))
			return done ? (long)done : -EFAULT;
		done += chunk;
	}
	return done;
}

struct sysinfo_k {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[4];
};

SYSCALL_DEFINE1(sysinfo, struct sysinfo_k *, uinfo)
{
	struct sysinfo_k si;

	memset(&si, 0, sizeof(si));
	si.uptime = ktime_get_ms() / 1000;
	si.totalram = nr_total_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si.procs = nr_tasks();
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

SYSCALL_DEFINE4(reboot, unsigned int, magic1, unsigned int, magic2, unsigned int, cmd,
		void *, arg)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_NOTICE "reboot: Power down\n");
		qemu_exit(QEMU_EXIT_SUCCESS);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		printk(KERN_NOTICE "reboot: Restarting system\n");
		cli();
		outb(0x64, 0xFE);       /* keyboard controller reset pulse */
		for (;;)
			hlt();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
