/* Character devices: a device inode's major number picks the driver's
 * file operations at open time (chrdev_open), as in Linux. */
#include <kernel/kernel.h>
#include <kernel/fs.h>

#define MAX_CHRDEV 256

static const struct file_operations *chrdevs[MAX_CHRDEV];

int register_chrdev(unsigned major, const char *name,
		    const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV)
		return -EINVAL;
	if (chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	return 0;
}

static int chrdev_open(struct inode *inode, struct file *f)
{
	unsigned major = MAJOR(inode->i_rdev);

	if (major >= MAX_CHRDEV || !chrdevs[major])
		return -ENXIO;
	f->f_op = chrdevs[major];
	return f->f_op->open ? f->f_op->open(inode, f) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
