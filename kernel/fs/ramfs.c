/* ramfs: the root filesystem, kept entirely in memory. Directories hold a
 * list of named entries (each holding a reference to its inode); regular
 * files hold an array of pages, allocated as they are written, so a file
 * can grow without copying what it already has. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/uaccess.h>
#include <uapi/dirent.h>

#define RAMFS_MAX_SIZE (256UL << 20)

struct ramfs_dirent {
	struct list_head list;
	struct inode *inode;
	int len;
	char name[];
};

struct ramfs_dir {
	struct list_head entries;
	unsigned long count;
};

struct ramfs_file {
	u8 **pages;
	u64 nslots;
};

static const struct inode_operations ramfs_dir_iops;
static const struct inode_operations ramfs_file_iops;
static const struct file_operations ramfs_dir_fops;
static const struct file_operations ramfs_file_fops;

static struct ramfs_dirent *find_entry(struct inode *dir, const char *name, int len)
{
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *e;

	list_for_each_entry(e, &d->entries, list)
		if (e->len == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name, int len)
{
	struct ramfs_dirent *e = find_entry(dir, name, len);

	return e ? igrab(e->inode) : NULL;
}

static struct inode *ramfs_make_inode(u32 mode, u32 rdev)
{
	struct inode *inode = new_inode(mode);

	if (!inode)
		return NULL;
	inode->i_rdev = rdev;
	inode->i_dev = 1;
	if (S_ISDIR(mode)) {
		struct ramfs_dir *d = kzalloc(sizeof(*d));

		if (!d) {
			iput(inode);
			return NULL;
		}
		INIT_LIST_HEAD(&d->entries);
		inode->i_private = d;
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
		inode->i_nlink = 2;
	} else if (S_ISREG(mode)) {
		struct ramfs_file *f = kzalloc(sizeof(*f));

		if (!f) {
			iput(inode);
			return NULL;
		}
		inode->i_private = f;
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_fops;
	} else if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
	}
	return inode;
}

/* Link inode into dir under name (takes over the caller's reference). */
static int add_entry(struct inode *dir, const char *name, int len,
		     struct inode *inode)
{
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *e;

	if (len == 0 || len > NAME_MAX)
		return -ENAMETOOLONG;
	e = kmalloc(sizeof(*e) + len + 1);
	if (!e)
		return -ENOMEM;
	e->inode = inode;
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = 0;
	list_add_tail(&e->list, &d->entries);
	d->count++;
	if (S_ISDIR(inode->i_mode)) {
		inode->i_parent = dir;
		dir->i_nlink++;
	}
	inode_touch(dir, true);
	return 0;
}

static int ramfs_mknod(struct inode *dir, const char *name, int len, u32 mode, u32 rdev)
{
	struct inode *inode;
	int r;

	if (find_entry(dir, name, len))
		return -EEXIST;
	inode = ramfs_make_inode(mode, rdev);
	if (!inode)
		return -ENOMEM;
	r = add_entry(dir, name, len, inode);
	if (r < 0)
		iput(inode);
	return r;
}

static int ramfs_create(struct inode *dir, const char *name, int len, u32 mode,
			struct inode **out)
{
	int r = ramfs_mknod(dir, name, len, S_IFREG | (mode & 07777), 0);

	if (r == 0 && out)
		*out = ramfs_lookup(dir, name, len);
	return r;
}

static int ramfs_mkdir(struct inode *dir, const char *name, int len, u32 mode)
{
	return ramfs_mknod(dir, name, len, S_IFDIR | (mode & 07777), 0);
}

static void drop_entry(struct inode *dir, struct ramfs_dirent *e)
{
	struct ramfs_dir *d = dir->i_private;

	list_del(&e->list);
	d->count--;
	if (S_ISDIR(e->inode->i_mode))
		dir->i_nlink--;
	e->inode->i_nlink = S_ISDIR(e->inode->i_mode) ? 0 : e->inode->i_nlink - 1;
	inode_touch(dir, true);
	iput(e->inode);
	kfree(e);
}

static int ramfs_unlink(struct inode *dir, const char *name, int len)
{
	struct ramfs_dirent *e = find_entry(dir, name, len);

	if (!e)
		return -ENOENT;
	if (S_ISDIR(e->inode->i_mode))
		return -EISDIR;
	drop_entry(dir, e);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, int len)
{
	struct ramfs_dirent *e = find_entry(dir, name, len);
	struct ramfs_dir *d;

	if (!e)
		return -ENOENT;
	if (!S_ISDIR(e->inode->i_mode))
		return -ENOTDIR;
	d = e->inode->i_private;
	if (d->count)
		return -ENOTEMPTY;
	if (e->inode->i_mount)
		return -EBUSY;
	drop_entry(dir, e);
	return 0;
}

static int ramfs_rename(struct inode *odir, const char *oname, int olen,
			struct inode *ndir, const char *nname, int nlen)
{
	struct ramfs_dirent *e = find_entry(odir, oname, olen), *victim;
	struct inode *inode;
	int r;

	if (!e)
		return -ENOENT;
	if (ndir->i_op != &ramfs_dir_iops)
		return -EXDEV;
	inode = e->inode;
	/* A directory may not move into itself or below itself. */
	for (struct inode *p = ndir; p; p = p->i_parent)
		if (p == inode)
			return -EINVAL;
	victim = find_entry(ndir, nname, nlen);
	if (victim == e)
		return 0;
	if (victim) {
		if (S_ISDIR(victim->inode->i_mode) != S_ISDIR(inode->i_mode))
			return S_ISDIR(inode->i_mode) ? -ENOTDIR : -EISDIR;
		if (S_ISDIR(victim->inode->i_mode) &&
		    ((struct ramfs_dir *)victim->inode->i_private)->count)
			return -ENOTEMPTY;
	}
	igrab(inode);
	r = add_entry(ndir, nname, nlen, inode);
	if (r < 0) {
		iput(inode);
		return r;
	}
	if (victim)
		drop_entry(ndir, victim);
	/* drop the old name without touching the link count */
	list_del(&e->list);
	((struct ramfs_dir *)odir->i_private)->count--;
	if (S_ISDIR(inode->i_mode))
		odir->i_nlink--;
	iput(e->inode);
	kfree(e);
	return 0;
}

static void ramfs_free_pages(struct ramfs_file *rf, u64 from_slot)
{
	for (u64 i = from_slot; i < rf->nslots; i++) {
		if (rf->pages[i]) {
			free_page(virt_to_phys(rf->pages[i]));
			rf->pages[i] = NULL;
		}
	}
}

static int ramfs_truncate(struct inode *inode, u64 size)
{
	struct ramfs_file *rf = inode->i_private;

	if (size > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (size < inode->i_size) {
		u64 keep = DIV_ROUND_UP(size, PAGE_SIZE);

		ramfs_free_pages(rf, keep);
		/* zero the tail of the last kept page */
		if (size % PAGE_SIZE && keep - 1 < rf->nslots && rf->pages[keep - 1])
			memset(rf->pages[keep - 1] + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
	}
	inode->i_size = size;
	inode_touch(inode, true);
	return 0;
}

static void ramfs_evict(struct inode *inode)
{
	if (S_ISREG(inode->i_mode)) {
		struct ramfs_file *rf = inode->i_private;

		ramfs_free_pages(rf, 0);
		kfree(rf->pages);
		kfree(rf);
	} else if (S_ISDIR(inode->i_mode)) {
		struct ramfs_dir *d = inode->i_private;
		struct ramfs_dirent *e, *n;

		list_for_each_entry_safe(e, n, &d->entries, list)
			drop_entry(inode, e);
		kfree(d);
	}
}

static ssize_t ramfs_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct inode *inode = f->f_inode;
	struct ramfs_file *rf = inode->i_private;
	size_t done = 0;

	if (*pos >= inode->i_size)
		return 0;
	len = MIN(len, inode->i_size - *pos);
	while (done < len) {
		u64 slot = (*pos + done) / PAGE_SIZE, off = (*pos + done) % PAGE_SIZE;
		size_t chunk = MIN(len - done, PAGE_SIZE - off);
		unsigned long left;

		if (slot < rf->nslots && rf->pages[slot])
			left = copy_to_user(buf + done, rf->pages[slot] + off, chunk);
		else
			left = clear_user(buf + done, chunk);   /* a hole */
		done += chunk - left;
		if (left) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	*pos += done;
	inode_touch(inode, false);
	return done;
}

static int ensure_slots(struct ramfs_file *rf, u64 nslots)
{
	u64 n = rf->nslots ? rf->nslots : 8;
	u8 **pages;

	if (nslots <= rf->nslots)
		return 0;
	while (n < nslots)
		n *= 2;
	pages = kzalloc(n * sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	if (rf->nslots)
		memcpy(pages, rf->pages, rf->nslots * sizeof(*pages));
	kfree(rf->pages);
	rf->pages = pages;
	rf->nslots = n;
	return 0;
}

static ssize_t ramfs_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct inode *inode = f->f_inode;
	struct ramfs_file *rf = inode->i_private;
	size_t done = 0;

	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (*pos >= RAMFS_MAX_SIZE)
		return len ? -EFBIG : 0;
	len = MIN(len, RAMFS_MAX_SIZE - *pos);
	if (ensure_slots(rf, DIV_ROUND_UP(*pos + len, PAGE_SIZE)) < 0)
		return -ENOSPC;
	while (done < len) {
		u64 slot = (*pos + done) / PAGE_SIZE, off = (*pos + done) % PAGE_SIZE;
		size_t chunk = MIN(len - done, PAGE_SIZE - off);
		unsigned long left;

		if (!rf->pages[slot]) {
			rf->pages[slot] = get_zeroed_page();
			if (!rf->pages[slot])
				break;
		}
		left = copy_from_user(rf->pages[slot] + off, buf + done, chunk);
		done += chunk - left;
		if (left) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	if (!done && len)
		return -ENOSPC;
	*pos += done;
	if (*pos > inode->i_size)
		inode->i_size = *pos;
	inode_touch(inode, true);
	return done;
}

static unsigned int dt_type(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFCHR: return DT_CHR;
	case S_IFIFO: return DT_FIFO;
	case S_IFSOCK: return DT_SOCK;
	case S_IFLNK: return DT_LNK;
	default: return DT_UNKNOWN;
	}
}

static int ramfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *e;
	u64 i = 2;

	if (ctx->pos == 0) {
		if (ctx->actor(ctx, ".", 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *p = dir->i_parent ? dir->i_parent : dir;

		if (ctx->actor(ctx, "..", 2, p->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(e, &d->entries, list) {
		if (i++ < ctx->pos)
			continue;
		if (ctx->actor(ctx, e->name, e->len, e->inode->i_ino,
			       dt_type(e->inode->i_mode)))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.evict = ramfs_evict,
};

static const struct inode_operations ramfs_file_iops = {
	.truncate = ramfs_truncate,
	.evict = ramfs_evict,
};

static const struct file_operations ramfs_dir_fops = {
	.iterate = ramfs_iterate,
	.llseek = generic_file_llseek,  /* lseek(dir, 0, SEEK_SET) rewinds */
};

static const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = generic_file_llseek,
};

struct inode *ramfs_new_root(void)
{
	return ramfs_make_inode(S_IFDIR | 0755, 0);
}
