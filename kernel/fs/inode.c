/* Inode lifetime: created by a filesystem with one reference, freed (after
 * the filesystem's evict hook) when the last reference is dropped. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/time.h>

static struct kmem_cache *inode_cache;
static u64 last_ino = 1;

u64 next_ino(void)
{
	return ++last_ino;
}

void inode_touch(struct inode *inode, bool modify)
{
	u64 ns = ktime_get_ns();
	struct timespec_k ts = { (s64)(ns / 1000000000), (s64)(ns % 1000000000) };

	inode->i_atime = ts;
	if (modify)
		inode->i_mtime = inode->i_ctime = ts;
}

struct inode *new_inode(u32 mode)
{
	struct inode *inode;

	if (!inode_cache) {
		inode_cache = kmem_cache_create("inode", sizeof(struct inode));
		if (!inode_cache)
			return NULL;
	}
	inode = kmem_cache_zalloc(inode_cache);
	if (!inode)
		return NULL;
	inode->i_ino = next_ino();
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_count = 1;
	inode_touch(inode, true);
	return inode;
}

struct inode *igrab(struct inode *inode)
{
	if (inode)
		inode->i_count++;
	return inode;
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (inode->i_count <= 0)
		panic("iput: inode %lu has count %d", (unsigned long)inode->i_ino,
		      inode->i_count);
	if (--inode->i_count > 0)
		return;
	if (inode->i_op && inode->i_op->evict)
		inode->i_op->evict(inode);
	kmem_cache_free(inode_cache, inode);
}
