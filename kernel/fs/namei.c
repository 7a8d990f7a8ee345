/* Path lookup: walk components from the root or the current directory,
 * step onto a mounted filesystem's root where one is mounted, and step
 * back across the mount for "..". There are no symbolic links. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>

struct inode *root_inode;

static struct inode *follow_mount(struct inode *i)
{
	while (i->i_mount) {
		struct inode *next = igrab(i->i_mount);

		iput(i);
		i = next;
	}
	return i;
}

static struct inode *lookup_dotdot(struct inode *dir)
{
	/* From a filesystem's root, ".." is the parent of the directory it
	 * is mounted on. */
	while (dir->i_covered)
		dir = dir->i_covered;
	if (dir == root_inode || !dir->i_parent)
		return igrab(dir);
	return follow_mount(igrab(dir->i_parent));
}

static struct inode *lookup_one(struct inode *dir, const char *name, int len)
{
	struct inode *r;

	if (!S_ISDIR(dir->i_mode))
		return ERR_PTR(-ENOTDIR);
	if (len == 1 && name[0] == '.')
		return igrab(dir);
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return lookup_dotdot(dir);
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	r = dir->i_op->lookup(dir, name, len);
	if (!r)
		return ERR_PTR(-ENOENT);
	if (IS_ERR(r))
		return r;
	return follow_mount(r);
}

struct inode *path_lookup(const char *path, bool want_parent, char *last)
{
	struct inode *cur;
	const char *p = path;

	if (!*path)
		return ERR_PTR(-ENOENT);
	if (*p == '/' || !current || !current->cwd)
		cur = igrab(root_inode);
	else
		cur = igrab(current->cwd);
	if (last)
		last[0] = 0;
	for (;;) {
		const char *name;
		int len;
		struct inode *next;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		name = p;
		while (*p && *p != '/')
			p++;
		len = p - name;
		if (len > NAME_MAX) {
			iput(cur);
			return ERR_PTR(-ENAMETOOLONG);
		}
		if (want_parent) {
			/* Is this the last component? */
			const char *q = p;

			while (*q == '/')
				q++;
			if (!*q) {
				if (!S_ISDIR(cur->i_mode)) {
					iput(cur);
					return ERR_PTR(-ENOTDIR);
				}
				memcpy(last, name, len);
				last[len] = 0;
				return cur;
			}
		}
		next = lookup_one(cur, name, len);
		iput(cur);
		if (IS_ERR(next))
			return next;
		cur = next;
		if (*p == '/' && !S_ISDIR(cur->i_mode)) {
			iput(cur);
			return ERR_PTR(-ENOTDIR);
		}
	}
	return cur;
}

int do_mount(const char *path, struct inode *fs_root)
{
	struct inode *dir = path_lookup(path, false, NULL);

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	if (!S_ISDIR(dir->i_mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	if (dir->i_mount) {
		iput(dir);
		return -EBUSY;
	}
	dir->i_mount = igrab(fs_root);
	fs_root->i_covered = dir;       /* keeps our reference */
	return 0;
}

int getname(const char *upath, char **kpath)
{
	char *buf = kmalloc(PATH_MAX);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, upath, PATH_MAX);
	if (n < 0) {
		kfree(buf);
		return (int)n;
	}
	if (n == 0) {
		kfree(buf);
		return -ENOENT;
	}
	*kpath = buf;
	return 0;
}

/* Finding a child's name means listing its parent directory. */
struct name_search {
	struct dir_context ctx;
	u64 ino;
	char name[NAME_MAX + 1];
	bool found;
};

static int name_actor(struct dir_context *ctx, const char *name, int len,
		      u64 ino, unsigned int type)
{
	struct name_search *s = container_of(ctx, struct name_search, ctx);

	if (ino != s->ino || (len <= 2 && name[0] == '.'))
		return 0;
	memcpy(s->name, name, len);
	s->name[len] = 0;
	s->found = true;
	return 1;               /* stop */
}

static int child_name(struct inode *parent, struct inode *child, char *out)
{
	struct name_search *s = kzalloc(sizeof(*s));
	struct file *f;
	int r = -ENOENT;

	if (!s)
		return -ENOMEM;
	f = alloc_file(parent, O_RDONLY | O_DIRECTORY, parent->i_fop);
	if (f && f->f_op && f->f_op->iterate) {
		s->ino = child->i_ino;
		s->ctx.actor = name_actor;
		f->f_op->iterate(f, &s->ctx);
		if (s->found) {
			strcpy(out, s->name);
			r = 0;
		}
	}
	fput(f);
	kfree(s);
	return r;
}

/* The absolute path of a directory, for getcwd(). */
int inode_path(struct inode *inode, char *buf, size_t size)
{
	char *tmp = kmalloc(PATH_MAX), name[NAME_MAX + 1];
	size_t pos = PATH_MAX - 1;
	struct inode *cur = inode;

	if (!tmp)
		return -ENOMEM;
	tmp[pos] = 0;
	while (cur != root_inode) {
		struct inode *parent;
		size_t len;

		while (cur->i_covered)
			cur = cur->i_covered;
		if (cur == root_inode || !cur->i_parent)
			break;
		parent = cur->i_parent;
		if (child_name(parent, cur, name) < 0) {
			kfree(tmp);
			return -ENOENT;
		}
		len = strlen(name);
		if (len + 1 > pos) {
			kfree(tmp);
			return -ENAMETOOLONG;
		}
		pos -= len;
		memcpy(tmp + pos, name, len);
		tmp[--pos] = '/';
		cur = parent;
	}
	if (tmp[pos] == 0)
		tmp[--pos] = '/';
	if (PATH_MAX - pos > size) {
		kfree(tmp);
		return -ERANGE;
	}
	memcpy(buf, tmp + pos, PATH_MAX - pos);
	kfree(tmp);
	return PATH_MAX - pos;
}
