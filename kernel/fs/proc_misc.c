/* The system-wide /proc files: memory, uptime, version, interrupts,
 * slab caches, kernel command line. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/irq.h>
#include <kernel/slab.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/cmdline.h>
#include <kernel/version.h>
#include <kernel/seqbuf.h>

u64 idle_ticks(void);

static size_t meminfo_show(char *buf, size_t size, void *data)
{
	unsigned long total = nr_total_pages() * 4, free = nr_free_pages() * 4;

	return snprintf(buf, size,
			"MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
			"MemAvailable:   %8lu kB\nBuffers:               0 kB\n"
			"Cached:                0 kB\nSwapTotal:             0 kB\n"
			"SwapFree:              0 kB\n", total, free, free);
}

static size_t uptime_show(char *buf, size_t size, void *data)
{
	u64 ms = ktime_get_ms(), idle = idle_ticks();

	return snprintf(buf, size, "%lu.%02lu %lu.%02lu\n",
			(unsigned long)(ms / 1000), (unsigned long)(ms % 1000 / 10),
			(unsigned long)(idle / 1000), (unsigned long)(idle % 1000 / 10));
}

static size_t version_show(char *buf, size_t size, void *data)
{
	return snprintf(buf, size, "%s\n", KERNEL_BANNER);
}

static size_t cmdline_show(char *buf, size_t size, void *data)
{
	return snprintf(buf, size, "%s\n", cmdline_full());
}

static size_t interrupts_show(char *buf, size_t size, void *data)
{
	return irq_stats(buf, size);
}

static size_t slabinfo_show(char *buf, size_t size, void *data)
{
	return kmem_stats(buf, size);
}

static size_t mounts_show(char *buf, size_t size, void *data)
{
	return snprintf(buf, size, "ramfs / ramfs rw 0 0\nproc /proc proc rw 0 0\n");
}

static size_t loadavg_show(char *buf, size_t size, void *data)
{
	return snprintf(buf, size, "0.00 0.00 0.00 1/%lu 0\n", nr_tasks());
}

void proc_misc_init(void);
void proc_misc_init(void)
{
	proc_create("meminfo", meminfo_show, NULL);
	proc_create("uptime", uptime_show, NULL);
	proc_create("version", version_show, NULL);
	proc_create("cmdline", cmdline_show, NULL);
	proc_create("interrupts", interrupts_show, NULL);
	proc_create("slabinfo", slabinfo_show, NULL);
	proc_create("mounts", mounts_show, NULL);
	proc_create("loadavg", loadavg_show, NULL);
}
