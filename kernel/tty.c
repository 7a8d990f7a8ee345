/* The console TTY (/dev/console, /dev/tty, /dev/ttyS0). Characters arrive
 * from the serial interrupt and go through the line discipline: in
 * canonical mode they are edited into a line (erase, kill, ^D) and handed
 * to readers a line at a time; ISIG turns ^C/^\/^Z into signals for the
 * foreground process group; ECHO writes them back. Output applies OPOST
 * (\n -> \r\n). Linux keeps these in drivers/tty/n_tty.c. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/fs.h>
#include <kernel/tty.h>
#include <kernel/sched.h>
#include <kernel/console.h>
#include <kernel/uaccess.h>
#include <uapi/ioctls.h>

#define TTY_MAJOR 5
#define TTYS_MAJOR 4
#define EOF_MARK 0x100

struct tty_struct console_tty;

static bool L(struct tty_struct *t, unsigned f) { return t->termios.c_lflag & f; }
static bool I(struct tty_struct *t, unsigned f) { return t->termios.c_iflag & f; }

static void tty_out_raw(struct tty_struct *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && (t->termios.c_oflag & OPOST) &&
		    (t->termios.c_oflag & ONLCR)) {
			serial_putc('\r');
		}
		serial_putc(s[i]);
	}
	vga_write(s, n);
}

static void echo_char(struct tty_struct *t, u8 c)
{
	if (!L(t, ECHO) && !(c == '\n' && L(t, ECHONL)))
		return;
	if (c < 0x20 && c != '\n' && c != '\t' && L(t, ECHOCTL)) {
		char s[2] = { '^', (char)(c + '@') };
		tty_out_raw(t, s, 2);
	} else {
		tty_out_raw(t, (const char *)&c, 1);
	}
}

static unsigned rq_len(struct tty_struct *t)
{
	return t->rq_tail - t->rq_head;
}

static bool rq_put(struct tty_struct *t, u16 v)
{
	if (rq_len(t) >= TTY_BUF) {
		t->rx_overruns++;
		return false;
	}
	t->rq[t->rq_tail++ % TTY_BUF] = v;
	return true;
}

static void flush_input(struct tty_struct *t)
{
	t->edit_len = 0;
	t->rq_head = t->rq_tail = 0;
	t->delims = 0;
}

/* Move the edited line to the read queue. A line ends with its '\n'
 * (already in the buffer) or, for ^D, with an EOF mark. */
static void commit_line(struct tty_struct *t, bool eof)
{
	bool ok = true;

	for (int i = 0; i < t->edit_len; i++)
		ok &= rq_put(t, (u8)t->edit[i]);
	t->edit_len = 0;
	if (eof)
		ok &= rq_put(t, EOF_MARK);
	if (ok)
		t->delims++;
	wake_up_poll(&t->read_wait, POLLIN);
}

static void erase_one(struct tty_struct *t)
{
	if (!t->edit_len)
		return;
	t->edit_len--;
	if (L(t, ECHO) && L(t, ECHOE))
		tty_out_raw(t, "\b \b", 3);
}

static bool isig(struct tty_struct *t, u8 c)
{
	int sig = 0;
	const cc_t *cc = t->termios.c_cc;

	if (!L(t, ISIG))
		return false;
	if (c == cc[VINTR])
		sig = SIGINT;
	else if (c == cc[VQUIT])
		sig = SIGQUIT;
	else if (c == cc[VSUSP])
		sig = SIGTSTP;
	if (!sig)
		return false;
	if (!L(t, NOFLSH))
		flush_input(t);
	echo_char(t, c);
	if (L(t, ECHO))
		tty_out_raw(t, "\n", 1);
	if (t->pgrp > 0)
		kill_pgrp(t->pgrp, sig);
	wake_up_poll(&t->read_wait, POLLIN);
	return true;
}

/* Called from the serial interrupt for every received byte. */
void tty_receive_char(struct tty_struct *t, u8 c)
{
	const cc_t *cc = t->termios.c_cc;

	t->rx_chars++;
	if (I(t, ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(t, IGNCR))
			return;
		if (I(t, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(t, INLCR)) {
		c = '\r';
	}
	if (isig(t, c))
		return;
	if (!L(t, ICANON)) {
		if (rq_put(t, c))
			wake_up_poll(&t->read_wait, POLLIN);
		echo_char(t, c);
		return;
	}
	if (c == cc[VERASE] || c == '\b') {
		erase_one(t);
	} else if (c == cc[VKILL]) {
		while (t->edit_len)
			erase_one(t);
	} else if (c == cc[VEOF]) {
		commit_line(t, true);
	} else if (c == '\n' || (c == cc[VEOL] && c)) {
		echo_char(t, c);
		if (t->edit_len < TTY_BUF - 1)
			t->edit[t->edit_len++] = c;
		commit_line(t, false);
	} else if (t->edit_len < TTY_BUF - 2) {
		t->edit[t->edit_len++] = c;
		echo_char(t, c);
	} else {
		t->rx_overruns++;
	}
}

static void serial_rx(u8 c)
{
	tty_receive_char(&console_tty, c);
}

static bool readable(struct tty_struct *t)
{
	if (L(t, ICANON))
		return t->delims > 0;
	return rq_len(t) > 0;
}

/* Copy queued input to the user: canonical mode stops after one line. */
static ssize_t take_input(struct tty_struct *t, char *buf, size_t len)
{
	size_t n = 0;
	unsigned long f = local_irq_save();
	char tmp[256];

	while (n < len && rq_len(t)) {
		u16 v = t->rq[t->rq_head % TTY_BUF];
		size_t chunk = 0;

		if (v == EOF_MARK) {            /* ^D: ends the read here */
			t->rq_head++;
			t->delims--;
			break;
		}
		/* gather a run of ordinary bytes */
		while (n + chunk < len && chunk < sizeof(tmp) && rq_len(t)) {
			v = t->rq[t->rq_head % TTY_BUF];
			if (v == EOF_MARK)
				break;
			tmp[chunk++] = (char)v;
			t->rq_head++;
			if (v == '\n' && L(t, ICANON)) {
				t->delims--;
				break;
			}
		}
		local_irq_restore(f);
		if (copy_to_user(buf + n, tmp, chunk)) {
			return n ? (ssize_t)n : -EFAULT;
		}
		n += chunk;
		f = local_irq_save();
		if (chunk && tmp[chunk - 1] == '\n' && L(t, ICANON))
			break;
	}
	local_irq_restore(f);
	return n;
}

static ssize_t tty_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct tty_struct *t = f->private_data;
	wait_queue_entry_t wait;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	unsigned vmin = t->termios.c_cc[VMIN], vtime = t->termios.c_cc[VTIME];

	if (len == 0)
		return 0;
	if (!L(t, ICANON)) {
		if (vmin == 0 && vtime == 0)
			return take_input(t, buf, len);
		if (vtime)
			timeout = vtime * 100;
	}
	init_wait_entry(&wait, 0);
	for (;;) {
		prepare_to_wait(&t->read_wait, &wait);
		if (readable(t) && (L(t, ICANON) || vmin == 0 || rq_len(t) >= MIN(vmin, len)))
			break;
		if (f->f_flags & O_NONBLOCK) {
			finish_wait(&t->read_wait, &wait);
			return -EAGAIN;
		}
		if (signal_pending(current)) {
			finish_wait(&t->read_wait, &wait);
			return -ERESTARTSYS;
		}
		timeout = schedule_timeout(timeout);
		if (timeout == 0 && !readable(t)) {
			finish_wait(&t->read_wait, &wait);
			return 0;
		}
	}
	finish_wait(&t->read_wait, &wait);
	return take_input(t, buf, len);
}

static ssize_t tty_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct tty_struct *t = f->private_data;
	char tmp[256];
	size_t done = 0;

	while (done < len) {
		size_t chunk = MIN(len - done, sizeof(tmp));

		if (copy_from_user(tmp, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		tty_out_raw(t, tmp, chunk);
		done += chunk;
	}
	return done;
}

static unsigned int tty_poll(struct file *f, poll_table *pt)
{
	struct tty_struct *t = f->private_data;

	poll_wait(f, &t->read_wait, pt);
	return (readable(t) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *t = f->private_data;
	void *uarg = (void *)arg;
	int v;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(uarg, &t->termios, sizeof(t->termios)) ? -EFAULT : 0;
	case TCSETSF:
		flush_input(t);
		/* fall through */
	case TCSETS:
	case TCSETSW: {
		struct termios nt;
		bool was_canon = L(t, ICANON);

		if (copy_from_user(&nt, uarg, sizeof(nt)))
			return -EFAULT;
		t->termios = nt;
		/* Leaving canonical mode: the half-edited line becomes input. */
		if (was_canon && !L(t, ICANON) && t->edit_len) {
			for (int i = 0; i < t->edit_len; i++)
				rq_put(t, (u8)t->edit[i]);
			t->edit_len = 0;
		}
		wake_up_poll(&t->read_wait, POLLIN);
		return 0;
	}
	case TCFLSH:
		if (arg == 0 || arg == 2)
			flush_input(t);
		return 0;
	case TIOCGPGRP:
		return put_user_u32(t->pgrp, uarg);
	case TIOCSPGRP:
		if (get_user_u32((u32 *)&v, uarg))
			return -EFAULT;
		if (v <= 0)
			return -EINVAL;
		t->pgrp = v;
		return 0;
	case TIOCGSID:
		return put_user_u32(t->session, uarg);
	case TIOCGWINSZ:
		return copy_to_user(uarg, &t->winsize, sizeof(t->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&t->winsize, uarg, sizeof(t->winsize)) ? -EFAULT : 0;
	case FIONREAD:
		return put_user_u32(rq_len(t), uarg);
	case TIOCOUTQ:
		return put_user_u32(0, uarg);
	case TIOCSCTTY:
		if (current->pid != current->sid)
			return -EPERM;
		t->session = current->sid;
		t->pgrp = current->pgid;
		current->tty = t;
		return 0;
	case TIOCNOTTY:
		if (current->tty != t)
			return -ENOTTY;
		current->tty = NULL;
		return 0;
	}
	return -ENOTTY;
}

static int tty_open(struct inode *inode, struct file *f)
{
	struct tty_struct *t = &console_tty;

	if (inode->i_rdev == MKDEV(TTY_MAJOR, 0)) {     /* /dev/tty */
		if (!current->tty)
			return -ENXIO;
		t = current->tty;
	}
	f->private_data = t;
	/* A session leader without a terminal acquires this one. */
	if (!(f->f_flags & O_NOCTTY) && current->pid == current->sid &&
	    !current->tty && t->session == 0) {
		t->session = current->sid;
		t->pgrp = current->pgid;
		current->tty = t;
	}
	return 0;
}

/* The session leader died: the terminal has no session any more. */
void tty_disassociate(int session)
{
	if (console_tty.session == session) {
		console_tty.session = 0;
		console_tty.pgrp = 0;
	}
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
};

void tty_init(void)
{
	struct tty_struct *t = &console_tty;
	static const cc_t defcc[NCCS] = {
		[VINTR] = 3, [VQUIT] = 0x1c, [VERASE] = 0x7f, [VKILL] = 0x15,
		[VEOF] = 4, [VTIME] = 0, [VMIN] = 1, [VSTART] = 0x11,
		[VSTOP] = 0x13, [VSUSP] = 0x1a, [VREPRINT] = 0x12,
		[VWERASE] = 0x17, [VLNEXT] = 0x16,
	};

	t->termios.c_iflag = ICRNL | IXON | IUTF8;
	t->termios.c_oflag = OPOST | ONLCR;
	t->termios.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->termios.c_cc, defcc, sizeof(defcc));
	t->winsize.ws_row = 25;
	t->winsize.ws_col = 80;
	init_waitqueue_head(&t->read_wait);
	register_chrdev(TTY_MAJOR, "tty", &tty_fops);
	register_chrdev(TTYS_MAJOR, "ttyS", &tty_fops);
	serial_enable_rx_irq(serial_rx);
}
