/* QEMU's fw_cfg device, legacy I/O interface: write a 16-bit selector to
 * port 0x510, read the item byte by byte from 0x511. Item 0x19 is a
 * directory of named files (big-endian count, then 64-byte entries). */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/cmdline.h>

#define FW_CFG_PORT_SEL  0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR  0x0019

struct fw_cfg_file {
	be32 size;
	be16 select;
	u16 reserved;
	char name[56];
} __packed;

static void fw_cfg_select(u16 key)
{
	outw(FW_CFG_PORT_SEL, key);
}

static void fw_cfg_read(void *buf, size_t n)
{
	u8 *p = buf;

	while (n--)
		*p++ = inb(FW_CFG_PORT_DATA);
}

bool fw_cfg_present(void)
{
	char sig[4];

	fw_cfg_select(FW_CFG_SIGNATURE);
	fw_cfg_read(sig, 4);
	return !memcmp(sig, "QEMU", 4);
}

long fw_cfg_read_file(const char *name, void *buf, size_t size)
{
	be32 count_be;
	u32 count;

	if (!fw_cfg_present())
		return -ENOENT;
	fw_cfg_select(FW_CFG_FILE_DIR);
	fw_cfg_read(&count_be, 4);
	count = be32_to_cpu(count_be);
	for (u32 i = 0; i < count && i < 4096; i++) {
		struct fw_cfg_file f;
		u32 fsize;

		fw_cfg_read(&f, sizeof(f));
		f.name[sizeof(f.name) - 1] = 0;
		if (strcmp(f.name, name))
			continue;
		fsize = be32_to_cpu(f.size);
		fw_cfg_select(be16_to_cpu(f.select));
		fw_cfg_read(buf, MIN((size_t)fsize, size));
		return fsize;
	}
	return -ENOENT;
}
