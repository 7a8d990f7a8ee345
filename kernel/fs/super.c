/* Bring up the file system tree: a ramfs root with /dev device nodes and
 * /proc mounted, before the initrd is unpacked on top of it. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/tty.h>

void mem_devices_init(void);
void proc_misc_init(void);

static void mkdir_k(const char *name)
{
	int r = root_inode->i_op->mkdir(root_inode, name, strlen(name), 0755);

	if (r < 0 && r != -EEXIST)
		panic("vfs: cannot create /%s: %d", name, r);
}

static void mknod_k(struct inode *dir, const char *name, u32 mode, u32 rdev)
{
	int r = dir->i_op->mknod(dir, name, strlen(name), mode, rdev);

	if (r < 0)
		panic("vfs: cannot create /dev/%s: %d", name, r);
}

void vfs_init(void)
{
	struct inode *dev, *proc;

	root_inode = ramfs_new_root();
	if (!root_inode)
		panic("vfs: no memory for the root directory");
	root_inode->i_parent = root_inode;
	for (const char *const *d = (const char *const[]){ "dev", "proc", "tmp",
	     "etc", "bin", NULL }; *d; d++)
		mkdir_k(*d);

	tty_init();
	mem_devices_init();
	dev = path_lookup("/dev", false, NULL);
	mknod_k(dev, "null", S_IFCHR | 0666, MKDEV(1, 3));
	mknod_k(dev, "zero", S_IFCHR | 0666, MKDEV(1, 5));
	mknod_k(dev, "random", S_IFCHR | 0666, MKDEV(1, 8));
	mknod_k(dev, "urandom", S_IFCHR | 0666, MKDEV(1, 9));
	mknod_k(dev, "tty", S_IFCHR | 0666, MKDEV(5, 0));
	mknod_k(dev, "console", S_IFCHR | 0600, MKDEV(5, 1));
	mknod_k(dev, "ttyS0", S_IFCHR | 0660, MKDEV(4, 64));
	iput(dev);

	proc = procfs_new_root();
	if (!proc || do_mount("/proc", proc) < 0)
		panic("vfs: cannot mount /proc");
	iput(proc);
	proc_misc_init();
}
