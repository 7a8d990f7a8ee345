/* What the kernel keeps from the multiboot2 boot information. */
#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

#include <lib/types.h>
#include <kernel/mm.h>

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289
#define BOOT_MAX_REGIONS 64
#define BOOT_MAX_MODULES 8

struct boot_module {
	phys_addr_t start, end;
	char name[64];
};

struct boot_info {
	char cmdline[512];
	struct mem_region ram[BOOT_MAX_REGIONS];
	int nr_ram;
	struct boot_module modules[BOOT_MAX_MODULES];
	int nr_modules;
	phys_addr_t info_start, info_end;
	phys_addr_t shdrs;
	u32 shdr_num, shdr_entsize;
};

extern struct boot_info boot_info;

int multiboot2_parse(u32 magic, phys_addr_t info);

#endif
