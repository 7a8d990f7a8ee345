/* /proc: text files generated when opened, as Linux's procfs. The tree of
 * named entries is registered by subsystems (proc_create("net/dev", ...));
 * /proc/<pid>/ directories are made up on lookup from the task list. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/uaccess.h>
#include <kernel/seqbuf.h>
#include <kernel/tty.h>
#include <uapi/dirent.h>

#define PROC_DEV 3

struct proc_entry {
	const char *name;
	proc_show_t show;               /* NULL for a directory */
	void *data;
	struct proc_entry *parent;
	struct list_head children;
	struct list_head sibling;
};

static struct proc_entry proc_root = { .name = "" };
static const struct inode_operations proc_dir_iops;
static const struct file_operations proc_dir_fops, proc_file_fops;

static struct proc_entry *child_entry(struct proc_entry *dir, const char *name, int len)
{
	struct proc_entry *e;

	list_for_each_entry(e, &dir->children, sibling)
		if ((int)strlen(e->name) == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

static struct proc_entry *new_entry(struct proc_entry *dir, const char *name,
				    int len, proc_show_t show, void *data)
{
	struct proc_entry *e = kzalloc(sizeof(*e) + len + 1);
	char *n = (char *)(e + 1);

	if (!e)
		return NULL;
	memcpy(n, name, len);
	n[len] = 0;
	e->name = n;
	e->show = show;
	e->data = data;
	e->parent = dir;
	INIT_LIST_HEAD(&e->children);
	list_add_tail(&e->sibling, &dir->children);
	return e;
}

/* Register a file at a path like "net/dev"; directories are made as needed. */
int proc_create(const char *path, proc_show_t show, void *data)
{
	struct proc_entry *dir = &proc_root;

	if (!proc_root.children.next)
		INIT_LIST_HEAD(&proc_root.children);
	for (;;) {
		const char *slash = strchr(path, '/');
		int len = slash ? slash - path : (int)strlen(path);
		struct proc_entry *e = child_entry(dir, path, len);

		if (!slash) {
			if (e)
				return -EEXIST;
			return new_entry(dir, path, len, show, data) ? 0 : -ENOMEM;
		}
		if (!e)
			e = new_entry(dir, path, len, NULL, NULL);
		if (!e)
			return -ENOMEM;
		if (e->show)
			return -ENOTDIR;
		dir = e;
		path = slash + 1;
	}
}

/* ---- per-process files ---- */
static char task_state_char(struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING: return 'R';
	case TASK_INTERRUPTIBLE: return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	case TASK_STOPPED: return 'T';
	case TASK_ZOMBIE: return 'Z';
	default: return 'X';
	}
}

static size_t pid_stat_show(char *buf, size_t size, void *data)
{
	struct task_struct *t = find_task_by_pid((int)(long)data);
	struct seqbuf s;

	seq_init(&s, buf, size);
	if (!t)
		return 0;
	seq_printf(&s, "%d (%s) %c %d %d %d %d %d 0 %lu 0 0 0 %lu %lu %lu %lu 20 0 1 0 %lu %lu %lu",
		   t->pid, t->comm, task_state_char(t), t->parent ? t->parent->pid : 0,
		   t->pgid, t->sid, t->tty ? 0x501 : 0,
		   t->tty ? t->tty->pgrp : -1, t->minflt,
		   (unsigned long)t->utime_ticks / 10, (unsigned long)t->stime_ticks / 10,
		   (unsigned long)t->cutime_ticks / 10, (unsigned long)t->cstime_ticks / 10,
		   (unsigned long)t->start_ms / 10,
		   t->mm ? mm_vsize(t->mm) : 0UL, t->mm ? t->mm->rss : 0UL);
	for (int i = 0; i < 28; i++)
		seq_printf(&s, " 0");
	seq_printf(&s, "\n");
	return s.len;
}

static size_t pid_status_show(char *buf, size_t size, void *data)
{
	struct task_struct *t = find_task_by_pid((int)(long)data);
	struct seqbuf s;
	static const char *const names[] = {
		"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)",
		"Z (zombie)", "X (dead)" };
	int idx;

	seq_init(&s, buf, size);
	if (!t)
		return 0;
	idx = t->state == TASK_RUNNING ? 0 : t->state == TASK_INTERRUPTIBLE ? 1 :
	      t->state == TASK_UNINTERRUPTIBLE ? 2 : t->state == TASK_STOPPED ? 3 :
	      t->state == TASK_ZOMBIE ? 4 : 5;
	seq_printf(&s, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n"
		   "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n",
		   t->comm, names[idx], t->pid, t->pid, t->parent ? t->parent->pid : 0);
	if (t->mm)
		seq_printf(&s, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n",
			   mm_vsize(t->mm) >> 10, t->mm->rss * 4);
	seq_printf(&s, "SigPnd:\t%016lx\nSigBlk:\t%016lx\n",
		   (unsigned long)t->sig_pending, (unsigned long)t->sig_blocked);
	return s.len;
}

static size_t pid_comm_show(char *buf, size_t size, void *data)
{
	struct task_struct *t = find_task_by_pid((int)(long)data);

	return t ? (size_t)snprintf(buf, size, "%s\n", t->comm) : 0;
}

/* argv as NUL-separated strings, read from the process's own memory. */
static size_t pid_cmdline_show(char *buf, size_t size, void *data)
{
	struct task_struct *t = find_task_by_pid((int)(long)data);
	size_t len;

	if (!t || !t->mm || t->mm->arg_end <= t->mm->arg_start)
		return 0;
	len = MIN(t->mm->arg_end - t->mm->arg_start, 4096UL);
	if (len > size)
		return len;
	for (size_t i = 0; i < len; i++) {
		phys_addr_t pa = virt_to_phys_walk(t->mm->pml4, t->mm->arg_start + i);

		buf[i] = pa ? *(char *)phys_to_virt(pa) : 0;
	}
	return len;
}

static struct proc_entry pid_dir = { .name = "<pid>" };
static struct proc_entry pid_files[] = {
	{ .name = "stat", .show = pid_stat_show },
	{ .name = "status", .show = pid_status_show },
	{ .name = "comm", .show = pid_comm_show },
	{ .name = "cmdline", .show = pid_cmdline_show },
};

/* ---- inodes ---- */
static struct inode *proc_inode(struct proc_entry *e, long pid)
{
	struct inode *inode = new_inode(e->show ? S_IFREG | 0444 : S_IFDIR | 0555);

	if (!inode)
		return NULL;
	inode->i_private = e;
	inode->i_data = pid;
	inode->i_dev = PROC_DEV;
	if (e->show) {
		inode->i_fop = &proc_file_fops;
	} else {
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
		inode->i_nlink = 2;
	}
	return inode;
}

static int parse_pid(const char *name, int len)
{
	int pid = 0;

	if (len == 0 || len > 6)
		return -1;
	for (int i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + name[i] - '0';
	}
	return pid;
}

static struct inode *proc_lookup(struct inode *dir, const char *name, int len)
{
	struct proc_entry *d = dir->i_private, *e;
	struct inode *inode;
	int pid;

	if (d == &pid_dir) {
		for (size_t i = 0; i < ARRAY_SIZE(pid_files); i++)
			if ((int)strlen(pid_files[i].name) == len &&
			    !memcmp(pid_files[i].name, name, len))
				return proc_inode(&pid_files[i], dir->i_data);
		return NULL;
	}
	e = child_entry(d, name, len);
	if (e)
		return proc_inode(e, 0);
	if (d != &proc_root)
		return NULL;
	if (len == 4 && !memcmp(name, "self", 4))
		pid = current->pid;
	else
		pid = parse_pid(name, len);
	if (pid < 0 || !find_task_by_pid(pid))
		return NULL;
	inode = proc_inode(&pid_dir, pid);
	if (inode)
		inode->i_parent = dir;
	return inode;
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_entry *d = f->f_inode->i_private, *e;
	u64 i = 2;
	char num[12];

	if (ctx->pos == 0) {
		if (ctx->actor(ctx, ".", 1, f->f_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (ctx->actor(ctx, "..", 2, 1, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (d == &pid_dir) {
		for (size_t k = 0; k < ARRAY_SIZE(pid_files); k++, i++) {
			if (i < ctx->pos)
				continue;
			if (ctx->actor(ctx, pid_files[k].name, strlen(pid_files[k].name),
				       1000 + k, DT_REG))
				return 0;
			ctx->pos++;
		}
		return 0;
	}
	list_for_each_entry(e, &d->children, sibling) {
		if (i++ < ctx->pos)
			continue;
		if (ctx->actor(ctx, e->name, strlen(e->name), 100 + i,
			       e->show ? DT_REG : DT_DIR))
			return 0;
		ctx->pos++;
	}
	if (d != &proc_root)
		return 0;
	/* then one directory per task, in pid order of the task list */
	{
		struct task_struct *t;

		list_for_each_entry(t, &task_list, tasks) {
			int n;

			if (i++ < ctx->pos)
				continue;
			n = snprintf(num, sizeof(num), "%d", t->pid);
			if (ctx->actor(ctx, num, n, 0x10000 + t->pid, DT_DIR))
				return 0;
			ctx->pos++;
		}
	}
	return 0;
}

struct proc_buf {
	char *data;
	size_t len;
};

/* Generate the whole file at open; reads then see one consistent copy. */
static int proc_open(struct inode *inode, struct file *f)
{
	struct proc_entry *e = inode->i_private;
	void *data = e->data ? e->data : (void *)inode->i_data;
	struct proc_buf *pb = kzalloc(sizeof(*pb));
	size_t cap = 1024;

	if (!pb)
		return -ENOMEM;
	for (;;) {
		size_t need;

		pb->data = kmalloc(cap);
		if (!pb->data) {
			kfree(pb);
			return -ENOMEM;
		}
		need = e->show(pb->data, cap, data);
		if (need < cap) {
			pb->len = need;
			break;
		}
		kfree(pb->data);
		cap = need + 1;
	}
	f->private_data = pb;
	return 0;
}

static ssize_t proc_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct proc_buf *pb = f->private_data;
	size_t n;

	if (*pos >= pb->len)
		return 0;
	n = MIN(len, pb->len - *pos);
	if (copy_to_user(buf, pb->data + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static s64 proc_llseek(struct file *f, s64 off, int whence)
{
	struct proc_buf *pb = f->private_data;
	s64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->f_pos :
		   whence == SEEK_END ? (s64)pb->len : -1;

	if (base < 0 || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

static int proc_release(struct inode *inode, struct file *f)
{
	struct proc_buf *pb = f->private_data;

	if (pb) {
		kfree(pb->data);
		kfree(pb);
	}
	return 0;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};
static const struct file_operations proc_dir_fops = {
	.iterate = proc_iterate,
};
static const struct file_operations proc_file_fops = {
	.open = proc_open,
	.read = proc_read,
	.llseek = proc_llseek,
	.release = proc_release,
};

struct inode *procfs_new_root(void)
{
	if (!proc_root.children.next)
		INIT_LIST_HEAD(&proc_root.children);
	INIT_LIST_HEAD(&pid_dir.children);
	return proc_inode(&proc_root, 0);
}
