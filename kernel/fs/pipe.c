/* Pipes: a 64 KiB ring buffer between a read end and a write end, each an
 * open file. Readers sleep while it is empty and writers are left; writers
 * sleep while it is full; writes of up to PIPE_BUF bytes are atomic; a
 * write with no reader left raises SIGPIPE and fails with EPIPE. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>

#define PIPE_SIZE (64 * 1024)
#define PIPE_BUF 4096

struct pipe_inode_info {
	u8 *buf;
	unsigned head, tail;            /* free-running; len = tail - head */
	int readers, writers;
	wait_queue_head_t rd_wait, wr_wait;
};

static unsigned pipe_len(struct pipe_inode_info *p)
{
	return p->tail - p->head;
}

static ssize_t pipe_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	wait_queue_entry_t wait;
	size_t done = 0;

	if (len == 0)
		return 0;
	init_wait_entry(&wait, 0);
	for (;;) {
		prepare_to_wait(&p->rd_wait, &wait);
		if (pipe_len(p) || !p->writers)
			break;
		if (f->f_flags & O_NONBLOCK) {
			finish_wait(&p->rd_wait, &wait);
			return -EAGAIN;
		}
		if (signal_pending(current)) {
			finish_wait(&p->rd_wait, &wait);
			return -ERESTARTSYS;
		}
		schedule();
	}
	finish_wait(&p->rd_wait, &wait);
	while (done < len && pipe_len(p)) {
		unsigned off = p->head % PIPE_SIZE;
		size_t chunk = MIN(MIN(len - done, pipe_len(p)), PIPE_SIZE - off);

		if (copy_to_user(buf + done, p->buf + off, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->head += chunk;
		done += chunk;
	}
	wake_up_poll(&p->wr_wait, POLLOUT);
	return done;
}

static ssize_t pipe_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	wait_queue_entry_t wait;
	size_t done = 0;

	if (len == 0)
		return 0;
	init_wait_entry(&wait, 0);
	while (done < len) {
		size_t room, want;

		prepare_to_wait(&p->wr_wait, &wait);
		if (!p->readers) {
			finish_wait(&p->wr_wait, &wait);
			send_signal(current, SIGPIPE);
			return done ? (ssize_t)done : -EPIPE;
		}
		room = PIPE_SIZE - pipe_len(p);
		/* Up to PIPE_BUF bytes go in one piece or not at all. */
		want = len - done <= PIPE_BUF ? len - done : 1;
		if (room < want) {
			if (f->f_flags & O_NONBLOCK) {
				finish_wait(&p->wr_wait, &wait);
				return done ? (ssize_t)done : -EAGAIN;
			}
			if (signal_pending(current)) {
				finish_wait(&p->wr_wait, &wait);
				return done ? (ssize_t)done : -ERESTARTSYS;
			}
			schedule();
			continue;
		}
		finish_wait(&p->wr_wait, &wait);
		while (done < len && pipe_len(p) < PIPE_SIZE) {
			unsigned off = p->tail % PIPE_SIZE;
			size_t chunk = MIN(MIN(len - done, PIPE_SIZE - pipe_len(p)),
					   PIPE_SIZE - off);

			if (copy_from_user(p->buf + off, buf + done, chunk)) {
				wake_up_poll(&p->rd_wait, POLLIN);
				return done ? (ssize_t)done : -EFAULT;
			}
			p->tail += chunk;
			done += chunk;
		}
		wake_up_poll(&p->rd_wait, POLLIN);
	}
	return done;
}

static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	unsigned int mask = 0;

	if ((f->f_flags & O_ACCMODE) == O_RDONLY) {
		poll_wait(f, &p->rd_wait, pt);
		if (pipe_len(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	} else {
		poll_wait(f, &p->wr_wait, pt);
		if (pipe_len(p) < PIPE_SIZE)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == 0x541B)      /* FIONREAD */
		return put_user_u32(pipe_len(f->f_inode->i_pipe), (u32 *)arg);
	return -ENOTTY;
}

static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p = inode->i_pipe;

	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	wake_up_poll(&p->rd_wait, POLLIN | POLLHUP);
	wake_up_poll(&p->wr_wait, POLLOUT | POLLERR);
	return 0;
}

static void pipe_evict(struct inode *inode)
{
	struct pipe_inode_info *p = inode->i_pipe;

	kfree(p->buf);
	kfree(p);
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

static const struct inode_operations pipe_iops = {
	.evict = pipe_evict,
};

int do_pipe(int fds[2], int flags)
{
	struct inode *inode = new_inode(S_IFIFO | 0600);
	struct pipe_inode_info *p = kzalloc(sizeof(*p));
	struct file *rf = NULL, *wf = NULL;
	int r = -ENOMEM;

	if (!inode || !p)
		goto fail;
	p->buf = kmalloc(PIPE_SIZE);
	if (!p->buf)
		goto fail;
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	inode->i_pipe = p;
	inode->i_op = &pipe_iops;
	p = NULL;
	rf = alloc_file(inode, O_RDONLY | (flags & O_NONBLOCK), &pipe_fops);
	wf = alloc_file(inode, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops);
	if (!rf || !wf)
		goto fail_files;
	inode->i_pipe->readers = inode->i_pipe->writers = 1;
	iput(inode);
	fds[0] = fd_install(rf, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		r = fds[0];
		fput(rf);
		fput(wf);
		return r;
	}
	fds[1] = fd_install(wf, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		r = fds[1];
		fd_close(fds[0]);
		fput(wf);
		return r;
	}
	return 0;
fail_files:
	/* files never counted as ends: keep release from decrementing */
	if (rf) {
		rf->f_op = NULL;
		fput(rf);
	}
	if (wf) {
		wf->f_op = NULL;
		fput(wf);
	}
fail:
	if (p) {
		kfree(p->buf);
		kfree(p);
	}
	iput(inode);
	return r;
}
