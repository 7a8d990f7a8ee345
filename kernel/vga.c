/* VGA text mode mirror of the console (80x25 at 0xB8000), so `make run`
 * with a display shows the same as the serial port. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/console.h>
#include <kernel/mm.h>

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07

static u16 *vga;
static int row, col;

static void vga_set_cursor(void)
{
	u16 pos = row * VGA_COLS + col;

	outb(0x3D4, 0x0F);
	outb(0x3D5, pos & 0xFF);
	outb(0x3D4, 0x0E);
	outb(0x3D5, pos >> 8);
}

void vga_init(void)
{
	vga = phys_to_virt(0xB8000);
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = (VGA_ATTR << 8) | ' ';
	row = col = 0;
	vga_set_cursor();
}

static void vga_scroll(void)
{
	memmove(vga, vga + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * 2);
	for (int i = 0; i < VGA_COLS; i++)
		vga[(VGA_ROWS - 1) * VGA_COLS + i] = (VGA_ATTR << 8) | ' ';
	row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	if (c == '\n') {
		col = 0;
		row++;
	} else if (c == '\r') {
		col = 0;
	} else if (c == '\b') {
		if (col > 0)
			col--;
	} else {
		vga[row * VGA_COLS + col] = (VGA_ATTR << 8) | (u8)c;
		if (++col == VGA_COLS) {
			col = 0;
			row++;
		}
	}
	if (row == VGA_ROWS)
		vga_scroll();
}

void vga_write(const char *s, size_t n)
{
	if (!vga)
		return;
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i]);
	vga_set_cursor();
}
