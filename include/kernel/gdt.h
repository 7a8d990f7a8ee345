/* Segment selectors. The order is fixed by SYSCALL/SYSRET: user data must
 * sit 8 bytes below user code (STAR[63:48] + 8 / + 16). */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS   (0x18 | 3)
#define USER_CS   (0x20 | 3)
#define TSS_SEL   0x28

#endif
