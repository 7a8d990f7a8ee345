/* The console terminal: a line discipline over the serial port (and the
 * VGA mirror), with canonical editing, echo and job-control signals. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <kernel/kernel.h>
#include <uapi/termios.h>

#define TTY_BUF 4096

struct tty_struct {
	struct termios termios;
	struct winsize winsize;
	char edit[TTY_BUF];             /* the line being edited (canonical) */
	int edit_len;
	u16 rq[TTY_BUF];                /* read queue; 0x100 marks EOF (^D) */
	unsigned rq_head, rq_tail;
	unsigned delims;                /* complete lines / EOFs queued */
	int pgrp;                       /* foreground process group */
	int session;
	wait_queue_head_t read_wait;
	u64 rx_chars, rx_overruns;
};

extern struct tty_struct console_tty;

void tty_init(void);
void tty_receive_char(struct tty_struct *tty, u8 c);
void tty_disassociate(int session);

#endif
