/* 16550 UART on COM1: the console that tests read. Output is polled so
 * panic() can always print; input is interrupt driven (IRQ 4) once the
 * TTY layer asks for it. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/console.h>
#include <kernel/irq.h>

#define COM1 0x3F8
#define UART_DATA 0
#define UART_IER  1
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define LSR_DR    0x01
#define LSR_THRE  0x20

static void (*rx_handler)(u8 c);

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);            /* DLAB: set divisor */
	outb(COM1 + 0, 1);                      /* 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + UART_LCR, 0x03);            /* 8N1 */
	outb(COM1 + UART_FCR, 0xC7);            /* FIFO on, cleared, 14 bytes */
	outb(COM1 + UART_MCR, 0x0B);            /* DTR, RTS, OUT2 (IRQ gate) */
}

void serial_putc(char c)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_DATA, (u8)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

int serial_getc_nonblock(void)
{
	if (inb(COM1 + UART_LSR) & LSR_DR)
		return inb(COM1 + UART_DATA);
	return -1;
}

static irqreturn_t serial_irq(int irq, void *dev)
{
	int c;
	bool any = false;

	while ((c = serial_getc_nonblock()) >= 0) {
		any = true;
		if (rx_handler)
			rx_handler((u8)c);
	}
	return any ? IRQ_HANDLED : IRQ_NONE;
}

void serial_enable_rx_irq(void (*rx)(u8 c))
{
	rx_handler = rx;
	request_irq(4, serial_irq, "serial", NULL);
	outb(COM1 + UART_IER, 0x01);            /* received-data interrupt */
}
