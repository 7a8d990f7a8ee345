/* Unpack the initrd (a cpio archive in "newc" format, as Linux's
 * initramfs) into the root ramfs. Every header field is checked against
 * the archive's end: a damaged archive stops the unpacking with a message,
 * never a fault. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>

struct cpio_newc {
	char magic[6], ino[8], mode[8], uid[8], gid[8], nlink[8], mtime[8];
	char filesize[8], devmajor[8], devminor[8], rdevmajor[8], rdevminor[8];
	char namesize[8], check[8];
};

static bool hex8(const char *s, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static int make_node(const char *name, u32 mode, const u8 *data, u32 size)
{
	struct file *f;
	u64 pos = 0;
	ssize_t n;

	if (S_ISDIR(mode)) {
		char last[NAME_MAX + 1];
		struct inode *dir = path_lookup(name, true, last);
		int r;

		if (IS_ERR(dir))
			return PTR_ERR(dir);
		r = last[0] ? dir->i_op->mkdir(dir, last, strlen(last), mode & 07777) : 0;
		iput(dir);
		return r == -EEXIST ? 0 : r;
	}
	if (!S_ISREG(mode))
		return 0;       /* devices and links are made by the kernel */
	f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, data, size, &pos);
	f->f_inode->i_mode = S_IFREG | (mode & 07777);
	fput(f);
	return n == (ssize_t)size ? 0 : (n < 0 ? (int)n : -ENOSPC);
}

int initrd_unpack(const void *data, size_t len, struct inode *root)
{
	const u8 *p = data, *end = p + len;
	char path[PATH_MAX + 1];
	int files = 0;
	u32 saved_umask = current->umask;

	current->umask = 0;
	while (p + sizeof(struct cpio_newc) <= end) {
		const struct cpio_newc *h = (const void *)p;
		u32 mode, fsize, nsize;
		const char *name;
		const u8 *fdata;
		int r;

		if (memcmp(h->magic, "070701", 6) || !hex8(h->mode, &mode) ||
		    !hex8(h->filesize, &fsize) || !hex8(h->namesize, &nsize)) {
			printk(KERN_ERR "initrd: bad header at offset %lu\n",
			       (unsigned long)(p - (const u8 *)data));
			current->umask = saved_umask;
			return -EINVAL;
		}
		name = (const char *)(h + 1);
		if (nsize == 0 || nsize > PATH_MAX || (u64)(end - (const u8 *)name) < nsize ||
		    name[nsize - 1] != 0)
			break;
		fdata = (const u8 *)ALIGN_UP((u64)(name + nsize), 4);
		if (fdata > end || (u64)(end - fdata) < fsize)
			break;
		p = (const u8 *)ALIGN_UP((u64)(fdata + fsize), 4);
		if (!strcmp(name, "TRAILER!!!"))
			break;
		if (!strcmp(name, ".") || !strcmp(name, "./"))
			continue;
		/* names are relative ("./bin/sh" or "bin/sh"); make them absolute */
		snprintf(path, sizeof(path), "/%s", name[0] == '.' && name[1] == '/' ? name + 2 : name);
		r = make_node(path, mode, fdata, fsize);
		if (r < 0)
			printk(KERN_WARNING "initrd: %s: error %d\n", path, r);
		else
			files++;
	}
	current->umask = saved_umask;
	printk(KERN_INFO "initrd: unpacked %d entries\n", files);
	return files;
}
