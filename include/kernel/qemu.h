/* Leaving QEMU with a status: the isa-debug-exit device turns a write of v
 * to port 0xf4 into QEMU exit status (v << 1) | 1. */
#ifndef KERNEL_QEMU_H
#define KERNEL_QEMU_H

#include <lib/compiler.h>
#include <lib/types.h>

#define QEMU_EXIT_PORT    0xf4
#define QEMU_EXIT_SUCCESS 0     /* QEMU exits 1 */
#define QEMU_EXIT_FAILURE 1     /* QEMU exits 3 */
#define QEMU_EXIT_PANIC   2     /* QEMU exits 5 */

void qemu_exit(int code) __noreturn;
bool panic_exits(void);

#endif
