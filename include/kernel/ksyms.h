/* Kernel symbol lookup for backtraces, from the ELF symbol table GRUB loads
 * alongside the kernel (multiboot2 ELF-sections tag). */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <lib/types.h>

void ksyms_init(phys_addr_t shdrs, u32 num, u32 entsize);
/* Name of the function containing addr, or NULL; *off and *size set. */
const char *ksym_lookup(u64 addr, u64 *off, u64 *size);
u64 ksym_address(const char *name);     /* 0 if unknown */
void dump_backtrace(u64 rbp, u64 rip);
void ksyms_reserve(void (*reserve)(phys_addr_t base, u64 len));

#endif
