/* Console output devices: COM1 serial (the one tests read) and VGA text. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <lib/types.h>

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
int serial_getc_nonblock(void);         /* -1 if nothing waiting */
void serial_enable_rx_irq(void (*rx)(u8 c));

void vga_init(void);
void vga_write(const char *s, size_t n);

/* printk's sinks: everything printed goes here after the log buffer. */
void console_write(const char *s, size_t n);

/* Kernel log ring buffer, read by syslog(2) / dmesg. */
size_t log_buf_copy(char *dst, size_t size);
size_t log_buf_len(void);

#endif
