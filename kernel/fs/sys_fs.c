/* File system calls. Each decodes and checks its arguments (user pointers,
 * descriptors, flags) and calls into the VFS. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/uio.h>
#include <uapi/dirent.h>
#include <uapi/ioctls.h>

#define MAX_RW_COUNT (0x7ffff000L)      /* as Linux: at most ~2 GiB per call */
#define IOV_MAX 1024

bool fd_get_cloexec(int fd);
void fd_set_cloexec(int fd, bool on);
int fd_install_at(struct file *f, int fd, bool cloexec);

static bool readable(struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_WRONLY;
}

static bool writable(struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_RDONLY;
}

static ssize_t vfs_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	if (!readable(f))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!access_ok(buf, len))
		return -EFAULT;
	return f->f_op->read(f, buf, len, pos);
}

static ssize_t vfs_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	if (!writable(f))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!access_ok(buf, len))
		return -EFAULT;
	return f->f_op->write(f, buf, len, pos);
}

SYSCALL_DEFINE3(read, int, fd, char *, buf, size_t, len)
{
	struct file *f = fget(fd);

	return f ? vfs_read(f, buf, len, &f->f_pos) : -EBADF;
}

SYSCALL_DEFINE3(write, int, fd, const char *, buf, size_t, len)
{
	struct file *f = fget(fd);

	return f ? vfs_write(f, buf, len, &f->f_pos) : -EBADF;
}

static bool seekable(struct file *f)
{
	return f->f_op && f->f_op->llseek;
}

SYSCALL_DEFINE4(pread64, int, fd, char *, buf, size_t, len, long, off)
{
	struct file *f = fget(fd);
	u64 pos = off;

	if (!f)
		return -EBADF;
	if (!seekable(f))
		return -ESPIPE;
	if (off < 0)
		return -EINVAL;
	return vfs_read(f, buf, len, &pos);
}

SYSCALL_DEFINE4(pwrite64, int, fd, const char *, buf, size_t, len, long, off)
{
	struct file *f = fget(fd);
	u64 pos = off;

	if (!f)
		return -EBADF;
	if (!seekable(f))
		return -ESPIPE;
	if (off < 0)
		return -EINVAL;
	return vfs_write(f, buf, len, &pos);
}

/* The whole iovec array checked first, then one call (Linux
 * import_iovec): an unreadable array is EFAULT, a negative length EINVAL,
 * and the total is capped at MAX_RW_COUNT by shortening the iovecs. */
static long do_iov_whole(struct file *f, const struct iovec *uiov, int cnt, bool write)
{
	struct iovec *iov = kmalloc(MAX(cnt, 1) * sizeof(*iov));
	size_t total = 0;
	long r;

	if (write ? !writable(f) : !readable(f))
		return -EBADF;
	if (!iov)
		return -ENOMEM;
	if (cnt && copy_from_user(iov, uiov, cnt * sizeof(*iov))) {
		r = -EFAULT;
		goto out;
	}
	for (int i = 0; i < cnt; i++) {
		if ((long)iov[i].iov_len < 0) {
			r = -EINVAL;
			goto out;
		}
		if (iov[i].iov_len > MAX_RW_COUNT - total)
			iov[i].iov_len = MAX_RW_COUNT - total;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len)) {
			r = -EFAULT;
			goto out;
		}
		total += iov[i].iov_len;
	}
	r = write ? f->f_op->writev(f, iov, cnt, total) : f->f_op->readv(f, iov, cnt, total);
out:
	kfree(iov);
	return r;
}

static long do_iov(int fd, const struct iovec *uiov, int cnt, bool write)
{
	struct file *f = fget(fd);
	struct iovec iov;
	long total = 0;

	if (!f)
		return -EBADF;
	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	if (f->f_op && (write ? f->f_op->writev : f->f_op->readv))
		return do_iov_whole(f, uiov, cnt, write);
	for (int i = 0; i < cnt; i++) {
		ssize_t n;

		if (copy_from_user(&iov, uiov + i, sizeof(iov)))
			return total ? total : -EFAULT;
		if ((long)iov.iov_len < 0)
			return -EINVAL;
		if (!iov.iov_len)
			continue;
		n = write ? vfs_write(f, iov.iov_base, iov.iov_len, &f->f_pos)
			  : vfs_read(f, iov.iov_base, iov.iov_len, &f->f_pos);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	return total;
}

SYSCALL_DEFINE3(readv, int, fd, const struct iovec *, iov, int, cnt)
{
	return do_iov(fd, iov, cnt, false);
}

SYSCALL_DEFINE3(writev, int, fd, const struct iovec *, iov, int, cnt)
{
	return do_iov(fd, iov, cnt, true);
}

SYSCALL_DEFINE3(lseek, int, fd, long, off, int, whence)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	if (!seekable(f))
		return -ESPIPE;
	return f->f_op->llseek(f, off, whence);
}

/* Resolve "path relative to dirfd" by lending dirfd's directory as cwd. */
static struct inode *swap_cwd(int dirfd, const char *path, int *err)
{
	struct file *f;
	struct inode *old = current->cwd;

	*err = 0;
	if (dirfd == AT_FDCWD || path[0] == '/')
		return NULL;
	f = fget(dirfd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (!S_ISDIR(f->f_inode->i_mode)) {
		*err = -ENOTDIR;
		return NULL;
	}
	current->cwd = f->f_inode;
	return old ? old : root_inode;
}

static long do_open(int dirfd, const char *upath, int flags, u32 mode)
{
	char *path;
	struct file *f;
	struct inode *saved;
	int r, fd;

	r = getname(upath, &path);
	if (r < 0)
		return r;
	saved = swap_cwd(dirfd, path, &r);
	if (r < 0) {
		kfree(path);
		return r;
	}
	f = filp_open(path, flags, mode);
	if (saved)
		current->cwd = saved;
	kfree(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE3(open, const char *, path, int, flags, unsigned int, mode)
{
	return do_open(AT_FDCWD, path, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dirfd, const char *, path, int, flags, unsigned int, mode)
{
	return do_open(dirfd, path, flags, mode);
}

SYSCALL_DEFINE2(creat, const char *, path, unsigned int, mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(fd);
}

static long stat_path(int dirfd, const char *upath, struct stat *ust)
{
	char *path;
	struct inode *inode, *saved;
	struct stat st;
	int r = getname(upath, &path);

	if (r < 0)
		return r;
	saved = swap_cwd(dirfd, path, &r);
	if (r < 0) {
		kfree(path);
		return r;
	}
	inode = path_lookup(path, false, NULL);
	if (saved)
		current->cwd = saved;
	kfree(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	fill_stat(inode, &st);
	iput(inode);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(stat, const char *, path, struct stat *, st)
{
	return stat_path(AT_FDCWD, path, st);
}

SYSCALL_DEFINE2(lstat, const char *, path, struct stat *, st)
{
	return stat_path(AT_FDCWD, path, st);   /* no symlinks */
}

SYSCALL_DEFINE2(fstat, int, fd, struct stat *, ust)
{
	struct file *f = fget(fd);
	struct stat st;

	if (!f)
		return -EBADF;
	fill_stat(f->f_inode, &st);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, path, struct stat *, st, int, flags)
{
	if (flags & 0x1000) {           /* AT_EMPTY_PATH */
		char c;
		if (copy_from_user(&c, path, 1))
			return -EFAULT;
		if (c == 0)
			return sys_fstat(&(struct pt_regs){ .rdi = (u64)dirfd, .rsi = (u64)st });
	}
	return stat_path(dirfd, path, st);
}

static long do_access(int dirfd, const char *upath, int mode)
{
	char *path;
	struct inode *inode, *saved;
	int r;

	if (mode & ~7)
		return -EINVAL;
	r = getname(upath, &path);
	if (r < 0)
		return r;
	saved = swap_cwd(dirfd, path, &r);
	if (r < 0) {
		kfree(path);
		return r;
	}
	inode = path_lookup(path, false, NULL);
	if (saved)
		current->cwd = saved;
	kfree(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	/* root may do anything, except execute a file with no x bit */
	r = (mode & X_OK) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111) ? -EACCES : 0;
	iput(inode);
	return r;
}

SYSCALL_DEFINE2(access, const char *, path, int, mode)
{
	return do_access(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, path, int, mode)
{
	return do_access(dirfd, path, mode);
}

SYSCALL_DEFINE2(pipe2, int *, ufds, int, flags)
{
	int fds[2], r;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!access_ok(ufds, sizeof(fds)))
		return -EFAULT;
	r = do_pipe(fds, flags);
	if (r < 0)
		return r;
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, int *, ufds)
{
	return sys_pipe2(&(struct pt_regs){ .rdi = (u64)ufds, .rsi = 0 });
}

SYSCALL_DEFINE1(dup, int, fd)
{
	struct file *f = fget(fd);
	int nfd;

	if (!f)
		return -EBADF;
	get_file(f);
	nfd = fd_install(f, false);
	if (nfd < 0)
		fput(f);
	return nfd;
}

static long do_dup3(int oldfd, int newfd, int flags)
{
	struct file *f = fget(oldfd);
	long r;

	if (!f)
		return -EBADF;
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (newfd < 0 || newfd >= fd_limit())
		return -EBADF;
	get_file(f);
	r = fd_install_at(f, newfd, flags & O_CLOEXEC);
	if (r < 0)
		fput(f);
	return r;
}

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	if (oldfd == newfd)
		return fget(oldfd) ? newfd : -EBADF;
	return do_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE3(fcntl, int, fd, int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	const unsigned setfl_mask = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;
	int nfd;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((long)arg < 0 || (long)arg >= fd_limit())
			return -EINVAL;
		get_file(f);
		nfd = fd_install_lowest(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (nfd < 0)
			fput(f);
		return nfd;
	case F_GETFD:
		return fd_get_cloexec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_set_cloexec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~setfl_mask) | (arg & setfl_mask);
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return -EINVAL;         /* no advisory locks */
	case F_GETOWN:
		return 0;
	case F_SETOWN:
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	int v;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIONBIO:
		if (get_user_u32((u32 *)&v, (u32 *)arg))
			return -EFAULT;
		f->f_flags = v ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
		return 0;
	case FIOCLEX:
		fd_set_cloexec(fd, true);
		return 0;
	case FIONCLEX:
		fd_set_cloexec(fd, false);
		return 0;
	}
	if (!f->f_op || !f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, cmd, arg);
}

SYSCALL_DEFINE2(getcwd, char *, ubuf, size_t, size)
{
	char *tmp = kmalloc(PATH_MAX);
	int n;

	if (!tmp)
		return -ENOMEM;
	n = inode_path(current->cwd ? current->cwd : root_inode, tmp, MIN(size, (size_t)PATH_MAX));
	if (n > 0 && copy_to_user(ubuf, tmp, n))
		n = -EFAULT;
	kfree(tmp);
	return n;
}

static int set_cwd(struct inode *inode)
{
	if (!S_ISDIR(inode->i_mode)) {
		iput(inode);
		return -ENOTDIR;
	}
	iput(current->cwd);
	current->cwd = inode;
	return 0;
}

SYSCALL_DEFINE1(chdir, const char *, upath)
{
	char *path;
	struct inode *inode;
	int r = getname(upath, &path);

	if (r < 0)
		return r;
	inode = path_lookup(path, false, NULL);
	kfree(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	return set_cwd(inode);
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return set_cwd(igrab(f->f_inode));
}

/* Look up the parent directory of a path for create/remove operations. */
static struct inode *parent_of(int dirfd, const char *upath, char **path, char *last,
			       int *err)
{
	struct inode *dir, *saved;

	*err = getname(upath, path);
	if (*err < 0)
		return NULL;
	saved = swap_cwd(dirfd, *path, err);
	if (*err < 0) {
		kfree(*path);
		return NULL;
	}
	dir = path_lookup(*path, true, last);
	if (saved)
		current->cwd = saved;
	kfree(*path);
	if (IS_ERR(dir)) {
		*err = PTR_ERR(dir);
		return NULL;
	}
	if (!last[0] || !strcmp(last, ".") || !strcmp(last, "..")) {
		iput(dir);
		*err = last[0] ? -EINVAL : -EEXIST;
		return NULL;
	}
	return dir;
}

static long do_mkdir(int dirfd, const char *upath, u32 mode)
{
	char *path, last[NAME_MAX + 1];
	int r;
	struct inode *dir = parent_of(dirfd, upath, &path, last, &r);

	if (!dir)
		return r == -EINVAL ? -EEXIST : r;
	r = dir->i_op && dir->i_op->mkdir ?
	    dir->i_op->mkdir(dir, last, strlen(last), mode & ~current->umask & 07777) : -EPERM;
	iput(dir);
	return r;
}

SYSCALL_DEFINE2(mkdir, const char *, path, unsigned int, mode)
{
	return do_mkdir(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE3(mkdirat, int, dirfd, const char *, path, unsigned int, mode)
{
	return do_mkdir(dirfd, path, mode);
}

static long do_remove(int dirfd, const char *upath, bool is_dir)
{
	char *path, last[NAME_MAX + 1];
	int r;
	struct inode *dir = parent_of(dirfd, upath, &path, last, &r);

	if (!dir)
		return r == -EEXIST ? (is_dir ? -EBUSY : -EISDIR) : r;
	if (is_dir)
		r = dir->i_op && dir->i_op->rmdir ? dir->i_op->rmdir(dir, last, strlen(last)) : -EPERM;
	else
		r = dir->i_op && dir->i_op->unlink ? dir->i_op->unlink(dir, last, strlen(last)) : -EPERM;
	iput(dir);
	return r;
}

SYSCALL_DEFINE1(unlink, const char *, path)
{
	return do_remove(AT_FDCWD, path, false);
}

SYSCALL_DEFINE1(rmdir, const char *, path)
{
	return do_remove(AT_FDCWD, path, true);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dirfd, path, flags & AT_REMOVEDIR);
}

SYSCALL_DEFINE2(rename, const char *, uold, const char *, unew)
{
	char *p1, *p2, l1[NAME_MAX + 1], l2[NAME_MAX + 1];
	int r;
	struct inode *d1 = parent_of(AT_FDCWD, uold, &p1, l1, &r), *d2;

	if (!d1)
		return r;
	d2 = parent_of(AT_FDCWD, unew, &p2, l2, &r);
	if (!d2) {
		iput(d1);
		return r;
	}
	r = d1->i_op && d1->i_op->rename ?
	    d1->i_op->rename(d1, l1, strlen(l1), d2, l2, strlen(l2)) : -EPERM;
	iput(d1);
	iput(d2);
	return r;
}

static long set_mode(struct inode *inode, u32 mode)
{
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & 07777);
	inode_touch(inode, true);
	return 0;
}

SYSCALL_DEFINE2(chmod, const char *, upath, unsigned int, mode)
{
	char *path;
	struct inode *inode;
	int r = getname(upath, &path);

	if (r < 0)
		return r;
	inode = path_lookup(path, false, NULL);
	kfree(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	r = set_mode(inode, mode);
	iput(inode);
	return r;
}

SYSCALL_DEFINE2(fchmod, int, fd, unsigned int, mode)
{
	struct file *f = fget(fd);

	return f ? set_mode(f->f_inode, mode) : -EBADF;
}

SYSCALL_DEFINE1(umask, unsigned int, mask)
{
	unsigned int old = current->umask;

	current->umask = mask & 0777;
	return old;
}

static long do_truncate(struct inode *inode, long len)
{
	if (len < 0)
		return -EINVAL;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || !inode->i_op || !inode->i_op->truncate)
		return -EINVAL;
	return inode->i_op->truncate(inode, len);
}

SYSCALL_DEFINE2(truncate, const char *, upath, long, len)
{
	char *path;
	struct inode *inode;
	int r = getname(upath, &path);

	if (r < 0)
		return r;
	inode = path_lookup(path, false, NULL);
	kfree(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	r = do_truncate(inode, len);
	iput(inode);
	return r;
}

SYSCALL_DEFINE2(ftruncate, int, fd, long, len)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!writable(f))
		return -EINVAL;
	return do_truncate(f->f_inode, len);
}

SYSCALL_DEFINE1(fsync, int, fd)
{
	return fget(fd) ? 0 : -EBADF;
}

struct getdents_ctx {
	struct dir_context ctx;
	char *ubuf;
	size_t size, used;
	int err;
};

static int filldir64(struct dir_context *ctx, const char *name, int len, u64 ino,
		     unsigned int type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	struct linux_dirent64 *d;
	u8 tmp[sizeof(struct linux_dirent64) + NAME_MAX + 8];

	if (g->used + reclen > g->size) {
		if (!g->used)
			g->err = -EINVAL;       /* buffer too small for one entry */
		return 1;
	}
	memset(tmp, 0, reclen);
	d = (struct linux_dirent64 *)tmp;
	d->d_ino = ino;
	d->d_off = ctx->pos + 1;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	if (copy_to_user(g->ubuf + g->used, tmp, reclen)) {
		g->err = -EFAULT;
		return 1;
	}
	g->used += reclen;
	return 0;
}

SYSCALL_DEFINE3(getdents64, int, fd, void *, ubuf, unsigned int, size)
{
	struct file *f = fget(fd);
	struct getdents_ctx g = { .ctx.actor = filldir64, .ubuf = ubuf, .size = size };

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->iterate)
		return -ENOTDIR;
	if (!access_ok(ubuf, size))
		return -EFAULT;
	g.ctx.pos = f->f_pos;
	f->f_op->iterate(f, &g.ctx);
	f->f_pos = g.ctx.pos;
	if (g.err && !g.used)
		return g.err;
	return g.used;
}
