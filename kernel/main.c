/* kmain: the C entry point, called from boot/boot.S in long mode with the
 * boot page tables. Brings the machine up in dependency order, then hands
 * over to the first process. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/console.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/time.h>
#include <kernel/ksyms.h>
#include <kernel/cmdline.h>
#include <kernel/multiboot2.h>
#include <kernel/selftest.h>
#include <kernel/version.h>

#define MAX_RESERVED 24
#define BOOT_DIRECT_MAP_LIMIT (1UL << 30)      /* what boot.S mapped */

static struct mem_region reserved[MAX_RESERVED];
static int nr_reserved;

static void reserve(phys_addr_t base, u64 len)
{
	if (nr_reserved == MAX_RESERVED)
		panic("too many reserved memory ranges");
	reserved[nr_reserved].base = ALIGN_DOWN(base, PAGE_SIZE);
	reserved[nr_reserved].len = ALIGN_UP(base + len, PAGE_SIZE) -
				    reserved[nr_reserved].base;
	nr_reserved++;
}

static void mm_init(void)
{
	reserve((phys_addr_t)__kernel_phys_start,
		(u64)__kernel_phys_end - (u64)__kernel_phys_start);
	reserve(boot_info.info_start, boot_info.info_end - boot_info.info_start);
	for (int i = 0; i < boot_info.nr_modules; i++)
		reserve(boot_info.modules[i].start,
			boot_info.modules[i].end - boot_info.modules[i].start);
	ksyms_reserve(reserve);
	page_alloc_init(boot_info.ram, boot_info.nr_ram, reserved, nr_reserved,
			BOOT_DIRECT_MAP_LIMIT);
	paging_init(boot_info.ram, boot_info.nr_ram);
	page_alloc_add_high(boot_info.ram, boot_info.nr_ram, reserved,
			    nr_reserved, BOOT_DIRECT_MAP_LIMIT);
	kmem_init();
}

/* Enable SSE for user programs: the kernel itself is built without it,
 * and the scheduler saves FPU state with fxsave per process. */
static void fpu_init(void)
{
	u64 cr0 = read_cr0();

	cr0 &= ~(1UL << 2);             /* EM off */
	cr0 |= (1UL << 1) | (1UL << 5); /* MP, NE */
	write_cr0(cr0);
	write_cr4(read_cr4() | (1UL << 9) | (1UL << 10));  /* OSFXSR, OSXMMEXCPT */
	__asm__ volatile("fninit");
}

static void set_loglevel(void)
{
	long lvl = cmdline_get_long("loglevel", -1);

	if (lvl >= 0 && lvl <= 8)
		console_loglevel = (int)lvl;
}

void kmain(u32 magic, u64 info);
void kmain(u32 magic, u64 info)
{
	serial_init();
	gdt_init();
	idt_init();
	if (multiboot2_parse(magic, info) < 0)
		panic("not booted by a multiboot2 loader (magic %#x)", magic);
	ksyms_init(boot_info.shdrs, boot_info.shdr_num, boot_info.shdr_entsize);
	mm_init();
	vga_init();
	fpu_init();
	cmdline_init(boot_info.cmdline);
	set_loglevel();

	printk(KERN_NOTICE "%s\n", KERNEL_BANNER);
	printk(KERN_INFO "cmdline: %s\n", cmdline_full());
	printk(KERN_INFO "memory: %lu MiB usable, %lu MiB free\n",
	       nr_total_pages() * PAGE_SIZE >> 20, nr_free_pages() * PAGE_SIZE >> 20);

	pic_init();
	lapic_init();
	softirq_init();
	timers_init();
	time_init();
	sti();

	const char *test = cmdline_get("test");
	if (test)
		selftest_run(test);

	start_kernel_rest();
}
