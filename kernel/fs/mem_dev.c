/* /dev/null, /dev/zero, /dev/random and /dev/urandom (major 1, as Linux). */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/uaccess.h>

#define MEM_MAJOR 1

static ssize_t null_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	return len;
}

static ssize_t zero_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	size_t left = clear_user(buf, len);

	if (left == len && len)
		return -EFAULT;
	return len - left;
}

static ssize_t random_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	u8 tmp[256];
	size_t done = 0;

	while (done < len) {
		size_t chunk = MIN(len - done, sizeof(tmp));

		get_random_bytes(tmp, chunk);
		if (copy_to_user(buf + done, tmp, chunk))
			return done ? (ssize_t)done : -EFAULT;
		done += chunk;
	}
	return done;
}

static unsigned int always_ready(struct file *f, poll_table *pt)
{
	return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM;
}

static s64 noop_llseek(struct file *f, s64 off, int whence)
{
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .poll = always_ready,
	.llseek = noop_llseek,
};
static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .poll = always_ready,
	.llseek = noop_llseek,
};
static const struct file_operations random_fops = {
	.read = random_read, .write = null_write, .poll = always_ready,
	.llseek = noop_llseek,
};

static int mem_open(struct inode *inode, struct file *f)
{
	switch (MINOR(inode->i_rdev)) {
	case 3: f->f_op = &null_fops; return 0;
	case 5: f->f_op = &zero_fops; return 0;
	case 8:
	case 9: f->f_op = &random_fops; return 0;
	}
	return -ENXIO;
}

static const struct file_operations mem_fops = {
	.open = mem_open,
};

void mem_devices_init(void);
void mem_devices_init(void)
{
	register_chrdev(MEM_MAJOR, "mem", &mem_fops);
}
