/* Parse the multiboot2 information GRUB hands us: memory map, command
 * line, modules (the initrd) and the ELF section headers (for symbols).
 * Everything is copied into boot_info, so the original can be overwritten. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/multiboot2.h>

#define MB2_TAG_END      0
#define MB2_TAG_CMDLINE  1
#define MB2_TAG_MODULE   3
#define MB2_TAG_MMAP     6
#define MB2_TAG_ELF      9
#define MB2_MMAP_AVAILABLE 1

struct mb2_tag {
	u32 type, size;
};

struct mb2_mmap_entry {
	u64 base, len;
	u32 type, reserved;
};

struct boot_info boot_info;

static void parse_mmap(const struct mb2_tag *tag)
{
	const u32 *hdr = (const u32 *)(tag + 1);
	u32 entry_size = hdr[0];
	const u8 *p = (const u8 *)(hdr + 2);
	const u8 *end = (const u8 *)tag + tag->size;

	if (entry_size < sizeof(struct mb2_mmap_entry))
		return;
	for (; p + entry_size <= end; p += entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->type != MB2_MMAP_AVAILABLE || !e->len)
			continue;
		if (boot_info.nr_ram == BOOT_MAX_REGIONS) {
			printk(KERN_WARNING "multiboot2: more than %d RAM ranges, rest ignored\n",
			       BOOT_MAX_REGIONS);
			return;
		}
		boot_info.ram[boot_info.nr_ram].base = e->base;
		boot_info.ram[boot_info.nr_ram].len = e->len;
		boot_info.nr_ram++;
	}
}

static void parse_module(const struct mb2_tag *tag)
{
	const u32 *m = (const u32 *)(tag + 1);
	struct boot_module *mod;

	if (boot_info.nr_modules == BOOT_MAX_MODULES)
		return;
	mod = &boot_info.modules[boot_info.nr_modules++];
	mod->start = m[0];
	mod->end = m[1];
	strlcpy(mod->name, (const char *)(m + 2), sizeof(mod->name));
}

int multiboot2_parse(u32 magic, phys_addr_t info)
{
	const u8 *base = phys_to_virt(info);
	u32 total = *(const u32 *)base;
	const u8 *p = base + 8;

	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC)
		return -EINVAL;
	boot_info.info_start = info;
	boot_info.info_end = info + total;
	while (p + sizeof(struct mb2_tag) <= base + total) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->type == MB2_TAG_END || tag->size < 8)
			break;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			strlcpy(boot_info.cmdline, (const char *)(tag + 1),
				sizeof(boot_info.cmdline));
			break;
		case MB2_TAG_MODULE:
			parse_module(tag);
			break;
		case MB2_TAG_MMAP:
			parse_mmap(tag);
			break;
		case MB2_TAG_ELF: {
			const u32 *e = (const u32 *)(tag + 1);
			boot_info.shdr_num = e[0];
			boot_info.shdr_entsize = e[1];
			boot_info.shdrs = virt_to_phys(e + 3);
			break;
		}
		}
		p += ALIGN_UP(tag->size, 8);
	}
	return 0;
}
