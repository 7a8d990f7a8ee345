/* Open files and descriptor tables. A struct file is shared by dup() and
 * fork() through its reference count; a descriptor table maps small
 * integers to files and grows on demand up to RLIMIT_NOFILE. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>

#define BITS_PER_LONG 64
#define INITIAL_FDS 64

static struct kmem_cache *file_cache;

struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f;

	if (!file_cache) {
		file_cache = kmem_cache_create("file", sizeof(struct file));
		if (!file_cache)
			return NULL;
	}
	f = kmem_cache_zalloc(file_cache);
	if (!f)
		return NULL;
	f->f_inode = igrab(inode);
	f->f_flags = flags;
	f->f_op = fop;
	f->f_count = 1;
	INIT_LIST_HEAD(&f->f_ep_links);
	return f;
}

void get_file(struct file *f)
{
	f->f_count++;
}

void eventpoll_release(struct file *f) __attribute__((weak));
void eventpoll_release(struct file *f)
{
}

void fput(struct file *f)
{
	if (!f)
		return;
	if (f->f_count <= 0)
		panic("fput: file %p has count %d", (void *)f, f->f_count);
	if (--f->f_count > 0)
		return;
	if (!list_empty(&f->f_ep_links))
		eventpoll_release(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	iput(f->f_inode);
	kmem_cache_free(file_cache, f);
}

int fd_limit(void)
{
	return (int)MIN(current->rlim[RLIMIT_NOFILE].rlim_cur, 1UL << 20);
}

struct file *fget(int fd)
{
	struct files_struct *fs = current->files;

	if (!fs || fd < 0 || fd >= fs->max_fds)
		return NULL;
	return fs->fd[fd];
}

static int files_grow(struct files_struct *fs, int want)
{
	int n = fs->max_fds ? fs->max_fds : INITIAL_FDS;
	struct file **fd;
	unsigned long *ce;

	while (n <= want)
		n *= 2;
	fd = kzalloc(n * sizeof(*fd));
	ce = kzalloc(DIV_ROUND_UP(n, BITS_PER_LONG) * sizeof(*ce));
	if (!fd || !ce) {
		kfree(fd);
		kfree(ce);
		return -ENOMEM;
	}
	if (fs->max_fds) {
		memcpy(fd, fs->fd, fs->max_fds * sizeof(*fd));
		memcpy(ce, fs->cloexec, DIV_ROUND_UP(fs->max_fds, BITS_PER_LONG) * sizeof(*ce));
	}
	kfree(fs->fd);
	kfree(fs->cloexec);
	fs->fd = fd;
	fs->cloexec = ce;
	fs->max_fds = n;
	return 0;
}

static void set_cloexec(struct files_struct *fs, int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		fs->cloexec[fd / BITS_PER_LONG] |= bit;
	else
		fs->cloexec[fd / BITS_PER_LONG] &= ~bit;
}

bool fd_get_cloexec(int fd);
bool fd_get_cloexec(int fd)
{
	struct files_struct *fs = current->files;

	return fs->cloexec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

void fd_set_cloexec(int fd, bool on);
void fd_set_cloexec(int fd, bool on)
{
	set_cloexec(current->files, fd, on);
}

/* Install f at the lowest free descriptor >= lowest (the file's
 * reference passes to the table). */
int fd_install_lowest(struct file *f, int lowest, bool cloexec)
{
	struct files_struct *fs = current->files;
	int limit = fd_limit();
	int fd = MAX(lowest, lowest == 0 ? fs->next_fd : lowest);

	for (; fd < limit; fd++) {
		if (fd >= fs->max_fds && files_grow(fs, fd) < 0)
			return -ENOMEM;
		if (!fs->fd[fd])
			break;
	}
	if (fd >= limit)
		return -EMFILE;
	fs->fd[fd] = f;
	set_cloexec(fs, fd, cloexec);
	if (lowest == 0)
		fs->next_fd = fd + 1;
	return fd;
}

int fd_install(struct file *f, bool cloexec)
{
	return fd_install_lowest(f, 0, cloexec);
}

/* dup2-style: put f at exactly fd, closing what was there. */
int fd_install_at(struct file *f, int fd, bool cloexec);
int fd_install_at(struct file *f, int fd, bool cloexec)
{
	struct files_struct *fs = current->files;
	struct file *old;

	if (fd < 0 || fd >= fd_limit())
		return -EBADF;
	if (fd >= fs->max_fds && files_grow(fs, fd) < 0)
		return -ENOMEM;
	old = fs->fd[fd];
	fs->fd[fd] = f;
	set_cloexec(fs, fd, cloexec);
	if (old)
		fput(old);
	return fd;
}

int fd_close(int fd)
{
	struct files_struct *fs = current->files;
	struct file *f;

	if (!fs || fd < 0 || fd >= fs->max_fds || !fs->fd[fd])
		return -EBADF;
	f = fs->fd[fd];
	fs->fd[fd] = NULL;
	set_cloexec(fs, fd, false);
	if (fd < fs->next_fd)
		fs->next_fd = fd;
	fput(f);
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *fs = kzalloc(sizeof(*fs));

	if (fs && files_grow(fs, 0) < 0) {
		kfree(fs);
		return NULL;
	}
	return fs;
}

struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	if (files_grow(fs, old->max_fds - 1) < 0) {
		kfree(fs);
		return NULL;
	}
	for (int i = 0; i < old->max_fds; i++) {
		fs->fd[i] = old->fd[i];
		if (fs->fd[i])
			get_file(fs->fd[i]);
	}
	memcpy(fs->cloexec, old->cloexec,
	       DIV_ROUND_UP(old->max_fds, BITS_PER_LONG) * sizeof(long));
	fs->next_fd = old->next_fd;
	return fs;
}

void files_close_all(struct files_struct *fs)
{
	for (int i = 0; i < fs->max_fds; i++) {
		struct file *f = fs->fd[i];

		if (f) {
			fs->fd[i] = NULL;
			fput(f);
		}
	}
	kfree(fs->fd);
	kfree(fs->cloexec);
	kfree(fs);
}

void files_close_on_exec(struct files_struct *fs)
{
	for (int i = 0; i < fs->max_fds; i++) {
		if (fs->fd[i] && (fs->cloexec[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))) {
			struct file *f = fs->fd[i];

			fs->fd[i] = NULL;
			set_cloexec(fs, i, false);
			fput(f);
		}
	}
	fs->next_fd = 0;
}
