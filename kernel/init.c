/* After kmain has the machine up: start the scheduler, the file system,
 * the drivers, and the first process. The boot flow itself becomes the
 * idle task; pid 1 starts as a kernel thread that unpacks the initrd, opens
 * the console and execs /bin/init, becoming the first user process. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/version.h>
#include <kernel/drivers.h>
#include <kernel/irq.h>
#include <kernel/traps.h>
#include <kernel/time.h>
#include <kernel/sched.h>
#include <kernel/fs.h>
#include <kernel/exec.h>
#include <kernel/mm.h>
#include <kernel/syscalls.h>
#include <kernel/multiboot2.h>
#include <kernel/cmdline.h>
#include <net/net.h>
#include <net/ipconfig.h>
#include <net/netem.h>
#include <net/tcp.h>

void sock_proc_init(void);

void rtc_init(void);
void spawn_ksoftirqd(void);
void cpu_idle(void) __noreturn;

/* Leave the kernel for the user program whose registers exec put at the
 * top of this task's kernel stack. */
static void __noreturn enter_user_mode(void)
{
	struct pt_regs *regs = task_pt_regs(current);

	cli();
	exit_to_user_mode(regs);
	__asm__ volatile("movq %0, %%rsp\n\tjmp ret_from_interrupt" :: "r"(regs));
	__builtin_unreachable();
}

static void unpack_initrd(void)
{
	for (int i = 0; i < boot_info.nr_modules; i++) {
		struct boot_module *m = &boot_info.modules[i];

		initrd_unpack(phys_to_virt(m->start), m->end - m->start, root_inode);
	}
	if (!boot_info.nr_modules)
		printk(KERN_WARNING "init: no initrd module\n");
}

static void open_console(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		printk(KERN_ERR "init: cannot open /dev/console: %ld\n", PTR_ERR(f));
		return;
	}
	fd_install(f, false);
	get_file(f);
	fd_install(f, false);
	get_file(f);
	fd_install(f, false);
}

static int kernel_init(void *unused)
{
	static char *const envp[] = { "HOME=/", "PATH=/bin", "TERM=vt100", NULL };
	const char *init_path = cmdline_get("init");
	char *argv[] = { "init", NULL };
	struct task_struct *t = current;
	int r;

	unpack_initrd();
	/* Like Linux's ipconfig: give DHCP a moment before user space starts,
	 * so services find their address (the wait ends at once without a
	 * NIC, and DHCP carries on in the background after a timeout). */
	ipconfig_wait(cmdline_get_long("ipwait", 10000));
	t->files = files_alloc();
	t->cwd = igrab(root_inode);
	t->sid = t->pgid = t->pid;
	t->kthread = false;
	if (!t->files)
		panic("init: no memory for the descriptor table");
	open_console();
	if (init_path) {
		argv[0] = (char *)init_path;
		if (do_execve(init_path, argv, envp, true) == 0)
			enter_user_mode();
		printk(KERN_ERR "init: cannot run %s\n", init_path);
	}
	r = do_execve("/bin/init", argv, envp, true);
	if (r == 0)
		enter_user_mode();
	printk(KERN_ERR "init: /bin/init: error %d\n", r);
	argv[0] = "sh";
	r = do_execve("/bin/sh", argv, envp, true);
	if (r == 0)
		enter_user_mode();
	printk(KERN_ERR "init: /bin/sh: error %d\n", r);
	panic("no working init found (tried /bin/init and /bin/sh)");
}

void start_kernel_rest(void)
{
	struct task_struct *init;

	sched_init();
	syscall_init();
	rtc_init();
	vfs_init();
	/* All TCP receive queues together may hold an eighth of RAM (the
	 * order of Linux's tcp_mem). */
	sysctl_tcp_mem = (long)(nr_total_pages() / 8) * PAGE_SIZE;
	if (net_init() < 0)
		panic("net: initialisation failed");
	sock_proc_init();
	drivers_init();
	if (cmdline_get("netem") && netem_configure(cmdline_get("netem")) < 0)
		printk(KERN_WARNING "netem: bad option '%s', fault injection off\n",
		       cmdline_get("netem"));
	ipconfig_parse_cmdline(cmdline_full());
	ip_auto_config();
	init = kthread_create(kernel_init, NULL, "init");
	if (!init || init->pid != 1)
		panic("cannot create the init task");
	init_task = init;
	spawn_ksoftirqd();
	cpu_idle();
}
