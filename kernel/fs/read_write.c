/* Opening files by path, kernel-side reads and writes, seeking and stat:
 * the generic pieces the syscalls in kernel/fs/sys_*.c are built from. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>

/* Open (and maybe create) a file by kernel path, as open(2) does. */
struct file *filp_open(const char *path, int flags, u32 mode)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *inode = NULL;
	struct file *f;
	int acc = flags & O_ACCMODE;
	int r;

	if (acc == 3)
		return ERR_PTR(-EINVAL);
	if (flags & O_CREAT) {
		dir = path_lookup(path, true, last);
		if (IS_ERR(dir))
			return (struct file *)dir;
		if (!last[0]) {                 /* "/" or "dir/" */
			inode = dir;
			dir = NULL;
		} else {
			inode = dir->i_op && dir->i_op->lookup ?
				dir->i_op->lookup(dir, last, strlen(last)) : NULL;
			if (IS_ERR(inode)) {
				iput(dir);
				return (struct file *)inode;
			}
			if (inode && (flags & O_EXCL)) {
				iput(inode);
				iput(dir);
				return ERR_PTR(-EEXIST);
			}
			if (!inode) {
				if (!dir->i_op || !dir->i_op->create) {
					iput(dir);
					return ERR_PTR(-EACCES);
				}
				r = dir->i_op->create(dir, last, strlen(last),
						      mode & ~current->umask & 07777, &inode);
				if (r < 0) {
					iput(dir);
					return ERR_PTR(r);
				}
			} else if (inode->i_mount) {
				struct inode *m = igrab(inode->i_mount);
				iput(inode);
				inode = m;
			}
			iput(dir);
		}
	} else {
		inode = path_lookup(path, false, NULL);
		if (IS_ERR(inode))
			return (struct file *)inode;
	}
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode)) {
		iput(inode);
		return ERR_PTR(-ENOTDIR);
	}
	if (S_ISDIR(inode->i_mode) && acc != O_RDONLY) {
		iput(inode);
		return ERR_PTR(-EISDIR);
	}
	if ((flags & O_TRUNC) && acc != O_RDONLY && S_ISREG(inode->i_mode) &&
	    inode->i_op && inode->i_op->truncate) {
		r = inode->i_op->truncate(inode, 0);
		if (r < 0) {
			iput(inode);
			return ERR_PTR(r);
		}
	}
	f = alloc_file(inode, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC),
		       inode->i_fop);
	iput(inode);            /* the file holds its own reference */
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (f->f_op && f->f_op->open) {
		r = f->f_op->open(f->f_inode, f);
		if (r < 0) {
			f->f_op = NULL;         /* no release for a failed open */
			fput(f);
			return ERR_PTR(r);
		}
	}
	return f;
}

ssize_t kernel_read(struct file *f, void *buf, size_t len, u64 *pos)
{
	bool old = current->uaccess_kernel;
	ssize_t r;

	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	current->uaccess_kernel = true;
	r = f->f_op->read(f, buf, len, pos);
	current->uaccess_kernel = old;
	return r;
}

ssize_t kernel_write(struct file *f, const void *buf, size_t len, u64 *pos)
{
	bool old = current->uaccess_kernel;
	ssize_t r;

	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	current->uaccess_kernel = true;
	r = f->f_op->write(f, buf, len, pos);
	current->uaccess_kernel = old;
	return r;
}

s64 generic_file_llseek(struct file *f, s64 off, int whence)
{
	s64 base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->f_inode->i_size; break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

void fill_stat(struct inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = inode->i_dev;
	st->st_ino = inode->i_ino;
	st->st_nlink = inode->i_nlink;
	st->st_mode = inode->i_mode;
	st->st_uid = inode->i_uid;
	st->st_gid = inode->i_gid;
	st->st_rdev = inode->i_rdev;
	st->st_size = inode->i_size;
	st->st_blksize = 4096;
	st->st_blocks = DIV_ROUND_UP(inode->i_size, 512);
	st->st_atim.tv_sec = inode->i_atime.sec;
	st->st_atim.tv_nsec = inode->i_atime.nsec;
	st->st_mtim.tv_sec = inode->i_mtime.sec;
	st->st_mtim.tv_nsec = inode->i_mtime.nsec;
	st->st_ctim.tv_sec = inode->i_ctime.sec;
	st->st_ctim.tv_nsec = inode->i_ctime.nsec;
}
