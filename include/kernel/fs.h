/* The VFS: inodes (files, directories, devices, pipes, sockets), open
 * files with an operations table, per-process descriptor tables, and path
 * lookup across mounted filesystems. A socket is simply an inode whose
 * file uses socket_file_ops. Shapes and names follow Linux (struct file,
 * f_op, file_operations, inode_operations, poll_wait). */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <kernel/kernel.h>
#include <uapi/stat.h>
#include <uapi/fcntl.h>
#include <uapi/poll.h>

#define NAME_MAX 255
#define PATH_MAX 4096

struct file;
struct inode;
struct dir_context;
struct poll_table_struct;

/* poll(): a file's poll method reports its ready mask and, through
 * poll_wait, the wait queues that will signal a change. */
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);
typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	unsigned int _key;
} poll_table;

static inline void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *p)
{
	if (p && p->_qproc && wq)
		p->_qproc(f, wq, p);
}

struct iovec;

struct file_operations {
	/* buf is a user pointer; *pos is the file position to use/advance */
	ssize_t (*read)(struct file *f, char *buf, size_t len, u64 *pos);
	ssize_t (*write)(struct file *f, const char *buf, size_t len, u64 *pos);
	s64 (*llseek)(struct file *f, s64 off, int whence);
	unsigned int (*poll)(struct file *f, poll_table *pt);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*open)(struct inode *inode, struct file *f);
	int (*release)(struct inode *inode, struct file *f);
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* Optional vectored I/O as one operation (Linux read_iter/write_iter
	 * on a socket: readv/writev move one datagram, not one per iovec).
	 * iov is a kernel copy of the user's array, already checked: the
	 * bases are user pointers that passed access_ok, the lengths add up
	 * to total, at most MAX_RW_COUNT. Files without them get one
	 * read/write per iovec. */
	ssize_t (*readv)(struct file *f, const struct iovec *iov, int cnt, size_t total);
	ssize_t (*writev)(struct file *f, const struct iovec *iov, int cnt, size_t total);
};

/* Directory operations; name/len are a single kernel-space component. */
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const char *name, int len);
	int (*create)(struct inode *dir, const char *name, int len, u32 mode,
		      struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, int len, u32 mode);
	int (*mknod)(struct inode *dir, const char *name, int len, u32 mode, u32 rdev);
	int (*unlink)(struct inode *dir, const char *name, int len);
	int (*rmdir)(struct inode *dir, const char *name, int len);
	int (*rename)(struct inode *odir, const char *oname, int olen,
		      struct inode *ndir, const char *nname, int nlen);
	int (*truncate)(struct inode *inode, u64 size);
	void (*evict)(struct inode *inode);     /* last reference gone */
};

struct inode {
	u64 i_ino;
	u32 i_mode;
	u32 i_nlink;
	u32 i_uid, i_gid;
	u64 i_size;
	u32 i_dev, i_rdev;
	struct timespec_k { s64 sec; s64 nsec; } i_atime, i_mtime, i_ctime;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	int i_count;
	void *i_private;                /* the filesystem's own data */
	long i_data;                    /* a second word for it (procfs: pid) */
	struct inode *i_parent;         /* directories: for ".." */
	struct inode *i_mount;          /* root of a filesystem mounted here */
	struct inode *i_covered;        /* fs root: the directory it covers */
	struct pipe_inode_info *i_pipe;
	struct socket *i_socket;
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	unsigned int f_flags;           /* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
	u64 f_pos;
	int f_count;
	void *private_data;
	struct list_head f_ep_links;    /* epoll items watching this file */
};

/* getdents64: the filesystem calls actor for each entry from ctx->pos. */
struct dir_context {
	int (*actor)(struct dir_context *ctx, const char *name, int len,
		     u64 ino, unsigned int type);
	u64 pos;
};

/* ---- inodes (kernel/fs/inode.c) ---- */
struct inode *new_inode(u32 mode);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
void inode_touch(struct inode *inode, bool modify);
u64 next_ino(void);

/* ---- files and descriptors (kernel/fs/file.c) ---- */
struct files_struct {
	struct file **fd;
	unsigned long *cloexec;         /* bitmap */
	int max_fds;                    /* allocated slots */
	int next_fd;                    /* lowest possibly-free slot */
};

struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop);
struct file *fget(int fd);              /* no reference taken (one CPU) */
void get_file(struct file *f);
void fput(struct file *f);
int fd_install_lowest(struct file *f, int lowest, bool cloexec);
int fd_install(struct file *f, bool cloexec);
int fd_close(int fd);
struct files_struct *files_alloc(void);
struct files_struct *files_dup(struct files_struct *old);
void files_close_all(struct files_struct *files);
void files_close_on_exec(struct files_struct *files);
int fd_limit(void);

/* ---- paths (kernel/fs/namei.c) ---- */
extern struct inode *root_inode;
/* Resolve a kernel-space path. With want_parent, stop at the parent and
 * copy the last component to last[] (NAME_MAX+1 bytes). Returns a
 * referenced inode or ERR_PTR. */
struct inode *path_lookup(const char *path, bool want_parent, char *last);
int do_mount(const char *path, struct inode *fs_root);
int inode_path(struct inode *inode, char *buf, size_t size);
int getname(const char *upath, char **kpath);   /* kmalloc'd copy */

/* ---- generic file helpers (kernel/fs/read_write.c) ---- */
struct file *filp_open(const char *path, int flags, u32 mode);
ssize_t kernel_read(struct file *f, void *buf, size_t len, u64 *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t len, u64 *pos);
s64 generic_file_llseek(struct file *f, s64 off, int whence);
void fill_stat(struct inode *inode, struct stat *st);

/* ---- character devices (kernel/fs/char_dev.c) ---- */
#define MKDEV(ma, mi) (((ma) << 8) | (mi))
#define MAJOR(d) ((d) >> 8)
#define MINOR(d) ((d) & 0xff)
int register_chrdev(unsigned major, const char *name,
		    const struct file_operations *fops);
extern const struct file_operations def_chr_fops;

/* ---- filesystems ---- */
struct inode *ramfs_new_root(void);
struct inode *procfs_new_root(void);
int ramfs_write_kernel(struct inode *dir, const char *name, const void *data,
		       size_t len, u32 mode);
int initrd_unpack(const void *data, size_t len, struct inode *root);
void vfs_init(void);
void devices_init(void);

/* ---- /proc (kernel/fs/procfs.c) ----
 * A show function writes the whole file into buf (at most size bytes) and
 * returns the length it needs, like snprintf; procfs calls it again with a
 * bigger buffer if the first was too small, so nothing is ever cut off. */
typedef size_t (*proc_show_t)(char *buf, size_t size, void *data);
int proc_create(const char *path, proc_show_t show, void *data);

/* ---- pipes (kernel/fs/pipe.c) ---- */
int do_pipe(int fds[2], int flags);

/* ---- epoll (kernel/fs/eventpoll.c): a closing file leaves every epoll set ---- */
void eventpoll_release(struct file *f);

/* ---- sockets hook: is this inode a socket? ---- */
static inline bool S_ISSOCK_INODE(const struct inode *i)
{
	return S_ISSOCK(i->i_mode);
}

#endif
